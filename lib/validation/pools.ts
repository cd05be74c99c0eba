/**
 * Rules for the shape of node pools: `count` or `nodes` (not both), a counted pool's `firstIp` and the address
 * range it spans, the control-plane count (etcd quorum), and that some node runs workloads.
 */
import { NodePoolDefinition } from '../cluster-definition';
import { addOffset, compareIps, contains, hostRange, isIpv4, rangeSize } from '../ipv4';
import { error, Problem, warning } from '../problems';
import { freeAddressHint, PoolPath, ValidationContext } from './context';

function shape(poolPath: PoolPath, pool: NodePoolDefinition): Problem[] {
  if (pool.nodes && pool.count !== undefined) {
    return [
      error(
        `${poolPath}.count`,
        pool.count,
        'is set together with nodes; a pool is either counted or listed',
        `remove count (the pool has the ${pool.nodes.length} listed nodes) or remove nodes`,
      ),
    ];
  }
  if (pool.nodes && pool.firstIp !== undefined) {
    return [
      error(
        `${poolPath}.firstIp`,
        pool.firstIp,
        'is set together with nodes; it only numbers counted pools',
        'remove firstIp and give each listed node its ip',
      ),
    ];
  }
  if (pool.count !== undefined && !(Number.isInteger(pool.count) && pool.count >= 0)) {
    return [error(`${poolPath}.count`, pool.count, 'is not a whole number of nodes', 'write a whole number such as 3')];
  }
  return [];
}

function countedRange(ctx: ValidationContext, poolPath: PoolPath, pool: NodePoolDefinition): Problem[] {
  const count = pool.count;
  if (pool.nodes || count === undefined || !Number.isInteger(count) || count < 1) return [];
  if (pool.firstIp === undefined) {
    return [
      error(
        `${poolPath}.firstIp`,
        undefined,
        `is required with count: the ${count} nodes need addresses`,
        `set firstIp to the first of ${count} consecutive free addresses, e.g. ${freeAddressHint(ctx)}`,
      ),
    ];
  }
  if (!isIpv4(pool.firstIp)) {
    return [error(`${poolPath}.firstIp`, pool.firstIp, 'is not an IPv4 address', `write a dotted-quad address, e.g. ${freeAddressHint(ctx)}`)];
  }
  const hosts = ctx.network && hostRange(ctx.network);
  if (!ctx.network || !hosts) return [];
  if (!contains(ctx.network, pool.firstIp)) {
    return [
      error(`${poolPath}.firstIp`, pool.firstIp, `is outside the node network ${ctx.network.cidr}`, `start the pool at ${freeAddressHint(ctx)}`),
    ];
  }
  if (pool.firstIp === ctx.network.network) {
    return [error(`${poolPath}.firstIp`, pool.firstIp, `is the network address of ${ctx.network.cidr}`, `start the pool at ${freeAddressHint(ctx)}`)];
  }
  const last = addOffset(pool.firstIp, count - 1);
  if (last !== undefined && compareIps(last, hosts.last) <= 0) return [];
  const room = compareIps(pool.firstIp, hosts.last) <= 0 ? rangeSize({ first: pool.firstIp, last: hosts.last }) : 0;
  const latestStart = addOffset(hosts.last, -(count - 1));
  const start =
    latestStart && compareIps(latestStart, hosts.first) >= 0
      ? ` or start firstIp at ${latestStart} or lower`
      : ` or use a larger network than ${ctx.network.cidr}`;
  return [
    error(
      `${poolPath}.count`,
      count,
      `numbers ${count} addresses up from ${pool.firstIp}, ending at ${last ?? 'beyond 255.255.255.255'}, past the last host address ${hosts.last} of ${ctx.network.cidr}`,
      `lower count to ${room}${start}`,
    ),
  ];
}

function controlPlaneCount(ctx: ValidationContext): Problem[] {
  const pool = ctx.def.controlPlanes ?? {};
  const count = ctx.plan.controlPlanes.length;
  const path = pool.nodes ? 'controlPlanes.nodes' : 'controlPlanes.count';
  if (count === 0) return [error(path, count, 'defines no control plane', 'define 1 control plane (no redundancy) or 3 (tolerates one failure)')];
  if (count === 2) {
    return [
      error(
        path,
        count,
        'gives etcd 2 members: losing either stops the cluster, and Talos refuses control-plane upgrades with exactly 2 members',
        'use 3 control planes (or 1)',
      ),
    ];
  }
  if (count % 2 === 0) {
    return [
      warning(
        path,
        count,
        `gives etcd an even number of members: ${count} tolerate no more failures than ${count - 1}`,
        `use ${count - 1} or ${count + 1} control planes`,
      ),
    ];
  }
  return [];
}

function someNodeRunsWorkloads(ctx: ValidationContext): Problem[] {
  if (ctx.plan.workers.length > 0 || ctx.def.talos?.scheduleOnControlPlanes !== false || ctx.plan.controlPlanes.length === 0) return [];
  return [
    warning(
      'talos.scheduleOnControlPlanes',
      false,
      'keeps workloads off the control planes and the cluster has no workers, so no node runs workloads (Argo CD and cert-manager stay Pending)',
      'remove scheduleOnControlPlanes (it defaults to true without workers) or add workers',
    ),
  ];
}

/** Every problem of the pools' shape. */
export function poolProblems(ctx: ValidationContext): Problem[] {
  const pools: [PoolPath, NodePoolDefinition | undefined][] = [
    ['controlPlanes', ctx.def.controlPlanes],
    ['workers', ctx.def.workers],
  ];
  return [
    ...pools.flatMap(([path, pool]) => (pool ? [...shape(path, pool), ...countedRange(ctx, path, pool)] : [])),
    ...controlPlaneCount(ctx),
    ...someNodeRunsWorkloads(ctx),
  ];
}
