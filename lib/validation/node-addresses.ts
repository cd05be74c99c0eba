/**
 * Rules for node addresses: each a valid IPv4 address of the node network that is not its network or broadcast
 * address or the gateway, and no two nodes share one. Counted pools are checked as a whole in pools.ts
 * (`firstIp` and the range it spans, network and broadcast address included), so their nodes are only checked
 * here for the gateway and for duplicates.
 */
import { contains, isIpv4, isNetworkOrBroadcast } from '../ipv4';
import { error, Problem } from '../problems';
import { freeAddressHint, NodeSource, ValidationContext } from './context';
import { ProblemPath } from '../definition-path';

function explicitAddress(ctx: ValidationContext, source: NodeSource): Problem[] {
  const { planned } = source;
  const path: ProblemPath = `${planned.path}.ip`;
  if (!isIpv4(planned.ip)) return [error(path, planned.ip, 'is not an IPv4 address', `give ${planned.name} ${freeAddressHint(ctx)}`)];
  if (ctx.network && !contains(ctx.network, planned.ip)) {
    return [error(path, planned.ip, `is outside the node network ${ctx.network.cidr}`, `give ${planned.name} ${freeAddressHint(ctx)}`)];
  }
  return [];
}

function reservedAddress(ctx: ValidationContext, source: NodeSource): Problem[] {
  const { planned } = source;
  const path: ProblemPath = `${planned.path}.ip`;
  if (source.defined && ctx.network && isNetworkOrBroadcast(ctx.network, planned.ip)) {
    return [error(path, planned.ip, `is the network or broadcast address of ${ctx.network.cidr}`, `give ${planned.name} ${freeAddressHint(ctx)}`)];
  }
  if (planned.ip === ctx.plan.gateway) {
    return [error(path, planned.ip, 'is the gateway address', `give ${planned.name} ${freeAddressHint(ctx)}`)];
  }
  return [];
}

function duplicates(ctx: ValidationContext): Problem[] {
  const owner = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { planned } of ctx.nodes) {
    if (planned.ip === '') continue;
    const first = owner.get(planned.ip);
    if (first) {
      problems.push(error(`${planned.path}.ip`, planned.ip, `is also the address of ${first}`, `give ${planned.name} ${freeAddressHint(ctx)}`));
    } else {
      owner.set(planned.ip, planned.name);
    }
  }
  return problems;
}

/** Every problem of node addresses. */
export function nodeAddressProblems(ctx: ValidationContext): Problem[] {
  const perNode = ctx.nodes.flatMap((source) => {
    if (source.defined) {
      const formed = explicitAddress(ctx, source);
      return formed.length > 0 ? formed : reservedAddress(ctx, source);
    }
    return source.planned.ip === '' ? [] : reservedAddress(ctx, source);
  });
  return [...perNode, ...duplicates(ctx)];
}
