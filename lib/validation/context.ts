/**
 * What the validation rules share: the definition, its plan, the networks parsed once, and every planned node
 * paired with the pool and (for explicit nodes) the definition it came from.
 */
import { ClusterDefinition, NodeDefinition, NodePoolDefinition } from '../cluster-definition';
import { ClusterPlan, PlannedNode } from '../cluster-plan';
import { firstFreeAddress, hostRange, inRange, Ipv4Network, Ipv4Range, parseNetwork, parseRange } from '../ipv4';

/** Definition path of a pool. */
export type PoolPath = 'controlPlanes' | 'workers';

/** A planned node with where it came from. */
export interface NodeSource {
  readonly planned: PlannedNode;
  readonly poolPath: PoolPath;
  readonly pool: NodePoolDefinition;
  /** The explicit node definition; undefined for a node of a counted pool. */
  readonly defined?: NodeDefinition;
}

/** Input of every rule. */
export interface ValidationContext {
  readonly def: ClusterDefinition;
  readonly plan: ClusterPlan;
  /** `network.cidr` when well-formed. */
  readonly network?: Ipv4Network;
  /** `podCidr` (or its default) when well-formed. */
  readonly podCidr?: Ipv4Network;
  /** `serviceCidr` (or its default) when well-formed. */
  readonly serviceCidr?: Ipv4Network;
  /** The Cilium load-balancer range when well-formed. */
  readonly loadBalancerRange?: Ipv4Range;
  /** Every planned node, control planes first. */
  readonly nodes: readonly NodeSource[];
  /** Names of the declared Proxmox hosts. */
  readonly hostNames: readonly string[];
}

function sources(def: ClusterDefinition, plan: ClusterPlan): NodeSource[] {
  return plan.nodes.map((planned) => {
    const poolPath: PoolPath = planned.role === 'controlplane' ? 'controlPlanes' : 'workers';
    const pool = (poolPath === 'controlPlanes' ? def.controlPlanes : def.workers) ?? {};
    return { planned, poolPath, pool, defined: pool.nodes?.[planned.index] };
  });
}

/** Parses what several rules need, once. */
export function validationContext(def: ClusterDefinition, plan: ClusterPlan): ValidationContext {
  const lb = plan.addons.cilium.loadBalancerRange;
  return {
    def,
    plan,
    network: parseNetwork(plan.networkCidr),
    podCidr: parseNetwork(plan.podCidr),
    serviceCidr: parseNetwork(plan.serviceCidr),
    loadBalancerRange: lb === undefined ? undefined : parseRange(lb),
    nodes: sources(def, plan),
    hostNames: plan.hosts.map((h) => h.name),
  };
}

/** `a.b.c.1 to a.b.c.254`: the host addresses of the node network, for fix texts. */
export function hostRangeText(ctx: ValidationContext): string {
  const hosts = ctx.network && hostRange(ctx.network);
  return hosts ? `${hosts.first} to ${hosts.last}` : 'an address inside network.cidr';
}

/** True when an address is already spoken for: gateway, VIP, a node, or the load-balancer range. */
export function isTaken(ctx: ValidationContext, ip: string): boolean {
  return (
    ip === ctx.plan.gateway ||
    ip === ctx.plan.vip ||
    ctx.plan.nodes.some((n) => n.ip === ip) ||
    (ctx.loadBalancerRange !== undefined && inRange(ctx.loadBalancerRange, ip))
  );
}

/** A concrete free address of the node network for a fix text, e.g. `a free address such as 192.168.10.12`. */
export function freeAddressHint(ctx: ValidationContext): string {
  const free = ctx.network && firstFreeAddress(ctx.network, (ip) => isTaken(ctx, ip));
  return free ? `a free address such as ${free}` : `a free address in ${hostRangeText(ctx)}`;
}
