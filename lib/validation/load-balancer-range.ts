/**
 * Rules for Cilium's load-balancer range (`addons.cilium.loadBalancerRange`): only with Cilium, a `first-last`
 * range inside the node network, clear of its network and broadcast addresses, the gateway, the VIP and nodes.
 * Cilium announces these addresses over L2, so a clash steals traffic from a node or the router.
 */
import { contains, formatRange, highestFreeRange, inRange, Ipv4Range, rangeSize } from '../ipv4';
import { error, Problem } from '../problems';
import { ValidationContext } from './context';

const PATH = 'addons.cilium.loadBalancerRange';

/** A fix naming a free range of the same size, when the node network has one. */
function freeRangeFix(ctx: ValidationContext, size: number): string {
  const taken = (ip: string) => ip === ctx.plan.gateway || ip === ctx.plan.vip || ctx.plan.nodes.some((n) => n.ip === ip);
  const free = ctx.network && highestFreeRange(ctx.network, size, taken);
  return free ? `use a range no node, VIP or gateway is in, e.g. ${formatRange(free)}` : 'use a range of free addresses of the node network';
}

function clashes(ctx: ValidationContext, range: Ipv4Range): string[] {
  return [
    ...(inRange(range, ctx.plan.gateway) ? [`the gateway ${ctx.plan.gateway}`] : []),
    ...(inRange(range, ctx.plan.vip) ? [`the VIP ${ctx.plan.vip}`] : []),
    ...ctx.plan.nodes.filter((n) => inRange(range, n.ip)).map((n) => `${n.name} (${n.ip})`),
  ];
}

function placed(ctx: ValidationContext, text: string, range: Ipv4Range): Problem[] {
  const size = rangeSize(range);
  const net = ctx.network;
  if (net && !(contains(net, range.first) && contains(net, range.last))) {
    return [error(PATH, text, `is not inside the node network ${net.cidr}; Cilium announces it over L2 on the nodes' link`, freeRangeFix(ctx, size))];
  }
  if (net && (inRange(range, net.network) || inRange(range, net.broadcast))) {
    return [error(PATH, text, `includes the network or broadcast address of ${net.cidr}`, freeRangeFix(ctx, size))];
  }
  const taken = clashes(ctx, range);
  return taken.length > 0 ? [error(PATH, text, `includes ${taken.join(', ')}`, freeRangeFix(ctx, size))] : [];
}

/** Every problem of the load-balancer range. */
export function loadBalancerRangeProblems(ctx: ValidationContext): Problem[] {
  const text = ctx.plan.addons.cilium.loadBalancerRange;
  if (text === undefined) return [];
  if (!ctx.plan.addons.cilium.enabled) return []; // reported by addonSwitchProblems
  if (!ctx.loadBalancerRange) {
    return [error(PATH, text, 'is not a range first-last of two IPv4 addresses in ascending order', 'write it like 192.168.10.200-192.168.10.220')];
  }
  return placed(ctx, text, ctx.loadBalancerRange);
}
