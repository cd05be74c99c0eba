/**
 * Rules for the pod and service networks: well-formed, clear of each other and of the node network (Talos does
 * not check overlaps; ../shared/docs/talos-facts.md §6.5), and big enough.
 */
import { addressCount, contains, Ipv4Network, overlaps } from '../ipv4';
import { error, Problem } from '../problems';
import { cidrProblems } from './network';
import { ValidationContext } from './context';
import { ProblemPath } from '../definition-path';

/** kube-apiserver refuses an IPv4 service range larger than a /12. */
const LARGEST_SERVICE_PREFIX = 12;

/** Addresses per node pod range: the controller manager gives every node a /24 (Talos' default mask). */
const ADDRESSES_PER_NODE = 256;

function formed(ctx: ValidationContext): Problem[] {
  return [
    ...(ctx.podCidr ? [] : cidrProblems('podCidr', ctx.plan.podCidr, '10.244.0.0/16')),
    ...(ctx.serviceCidr ? [] : cidrProblems('serviceCidr', ctx.plan.serviceCidr, '10.96.0.0/12')),
  ];
}

function clearOfNodeAddresses(ctx: ValidationContext, path: ProblemPath, net: Ipv4Network): Problem[] {
  if (ctx.network && overlaps(ctx.network, net)) {
    return [
      error(
        path,
        net.cidr,
        `overlaps the node network ${ctx.network.cidr}`,
        'pick a private range no LAN uses, e.g. 10.244.0.0/16 for pods and 10.96.0.0/12 for services, or 172.16.0.0/16 if your LAN is 10.x',
      ),
    ];
  }
  const inside = [
    ...(contains(net, ctx.plan.vip) ? [`the VIP ${ctx.plan.vip}`] : []),
    ...ctx.plan.nodes.filter((n) => contains(net, n.ip)).map((n) => `${n.name} (${n.ip})`),
  ];
  if (inside.length === 0) return [];
  return [
    error(
      path,
      net.cidr,
      `contains ${inside.join(', ')}`,
      'move it to a private range no node address is in, e.g. 10.244.0.0/16 for pods, 10.96.0.0/12 for services',
    ),
  ];
}

function clearOfEachOther(ctx: ValidationContext): Problem[] {
  if (!ctx.podCidr || !ctx.serviceCidr || !overlaps(ctx.podCidr, ctx.serviceCidr)) return [];
  return [
    error(
      'serviceCidr',
      ctx.serviceCidr.cidr,
      `overlaps podCidr ${ctx.podCidr.cidr}`,
      'use separate ranges, e.g. podCidr 10.244.0.0/16 and serviceCidr 10.96.0.0/12',
    ),
  ];
}

function sized(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  if (ctx.serviceCidr && ctx.serviceCidr.prefix < LARGEST_SERVICE_PREFIX) {
    problems.push(
      error(
        'serviceCidr',
        ctx.serviceCidr.cidr,
        `is larger than the /${LARGEST_SERVICE_PREFIX} kube-apiserver accepts`,
        'use a /12 or smaller, e.g. 10.96.0.0/12',
      ),
    );
  }
  const nodes = ctx.plan.nodes.length;
  if (ctx.podCidr && addressCount(ctx.podCidr) / ADDRESSES_PER_NODE < Math.max(nodes, 1)) {
    const room = Math.floor(addressCount(ctx.podCidr) / ADDRESSES_PER_NODE);
    problems.push(
      error(
        'podCidr',
        ctx.podCidr.cidr,
        `has room for ${room} node pod range(s) of /24, the cluster has ${nodes} node(s)`,
        'use a /16 such as 10.244.0.0/16 (room for 256 nodes)',
      ),
    );
  }
  return problems;
}

/** Every problem of `podCidr` and `serviceCidr`. */
export function clusterCidrProblems(ctx: ValidationContext): Problem[] {
  return [
    ...formed(ctx),
    ...(ctx.podCidr ? clearOfNodeAddresses(ctx, 'podCidr', ctx.podCidr) : []),
    ...(ctx.serviceCidr ? clearOfNodeAddresses(ctx, 'serviceCidr', ctx.serviceCidr) : []),
    ...clearOfEachOther(ctx),
    ...sized(ctx),
  ];
}
