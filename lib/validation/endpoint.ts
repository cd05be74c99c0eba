/**
 * Rules for the API endpoint: the VIP is a reserved, unused address of the node network (not a node, the gateway,
 * the network or broadcast address; Talos docs "Virtual (shared) IP"), and the DNS name is a valid name.
 */
import { isDnsSubdomain } from '../dns-names';
import { contains, isIpv4, isNetworkOrBroadcast } from '../ipv4';
import { error, Problem } from '../problems';
import { freeAddressHint, ValidationContext } from './context';

function vip(ctx: ValidationContext): Problem[] {
  const address = ctx.plan.vip;
  if (!isIpv4(address)) return [error('endpoint.vip', address, 'is not an IPv4 address', `reserve ${freeAddressHint(ctx)}, outside any DHCP pool`)];
  const problems: Problem[] = [];
  if (ctx.network && !contains(ctx.network, address)) {
    problems.push(
      error(
        'endpoint.vip',
        address,
        `is outside the node network ${ctx.network.cidr}; control planes can only announce a VIP of their own subnet`,
        `use ${freeAddressHint(ctx)}`,
      ),
    );
  } else if (ctx.network && isNetworkOrBroadcast(ctx.network, address)) {
    problems.push(error('endpoint.vip', address, `is the network or broadcast address of ${ctx.network.cidr}`, `use ${freeAddressHint(ctx)}`));
  }
  if (address === ctx.plan.gateway) {
    problems.push(error('endpoint.vip', address, 'is the gateway address', `use ${freeAddressHint(ctx)}`));
  }
  for (const node of ctx.plan.nodes.filter((n) => n.ip === address)) {
    problems.push(
      error(
        'endpoint.vip',
        address,
        `is also the address of node ${node.name}; the VIP must be an address no node owns`,
        `use ${freeAddressHint(ctx)}`,
      ),
    );
  }
  return problems;
}

function dnsName(ctx: ValidationContext): Problem[] {
  const name = ctx.plan.dnsName;
  if (name === undefined || isDnsSubdomain(name)) return [];
  return [
    error(
      'endpoint.dnsName',
      name,
      'is not a DNS name (lowercase labels of letters, digits and -, separated by dots)',
      'write a name such as k8s.home.arpa that resolves to the VIP, or leave dnsName out',
    ),
  ];
}

/** Every problem of `endpoint`. */
export function endpointProblems(ctx: ValidationContext): Problem[] {
  return [...vip(ctx), ...dnsName(ctx)];
}
