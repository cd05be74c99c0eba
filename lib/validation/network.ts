/** Rules for the node network: its CIDR, gateway, DNS and NTP servers, VLAN tag and bridges. */
import { contains, isIpAddress, isIpv4, isNetworkOrBroadcast, networkOf } from '../ipv4';
import { isDnsSubdomain } from '../dns-names';
import { error, Problem } from '../problems';
import { hostRangeText, ValidationContext } from './context';
import { ProblemPath } from '../definition-path';

const LOOKS_LIKE_IPV4 = /^[\d.]+$/;

/** A Linux interface name as Proxmox bridges (`vmbr0`) and SDN VNets have: a letter first, at most 15 characters. */
const BRIDGE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,14}$/;

/** Problems of a CIDR field: malformed, or written with host bits set (the fix names the network address). */
export function cidrProblems(path: ProblemPath, value: unknown, example: string): Problem[] {
  if (typeof value === 'string' && networkOf(value) && networkOf(value) !== value) {
    return [error(path, value, 'has host bits set, so it is not a network address', `write the network address: ${networkOf(value)}`)];
  }
  return [error(path, value, 'is not an IPv4 network in CIDR notation', `write it as address/prefix, e.g. ${example}`)];
}

function cidr(ctx: ValidationContext): Problem[] {
  return ctx.network ? [] : cidrProblems('network.cidr', ctx.def.network?.cidr, '192.168.10.0/24');
}

function gateway(ctx: ValidationContext): Problem[] {
  const gw = ctx.plan.gateway;
  if (!isIpv4(gw)) return [error('network.gateway', gw, 'is not an IPv4 address', `write your router's address in ${hostRangeText(ctx)}`)];
  if (!ctx.network) return [];
  if (!contains(ctx.network, gw)) {
    return [error('network.gateway', gw, `is outside the node network ${ctx.network.cidr}`, `use your router's address in ${hostRangeText(ctx)}`)];
  }
  if (isNetworkOrBroadcast(ctx.network, gw)) {
    return [
      error(
        'network.gateway',
        gw,
        `is the network or broadcast address of ${ctx.network.cidr}`,
        `use your router's address in ${hostRangeText(ctx)}`,
      ),
    ];
  }
  return [];
}

function dnsServers(ctx: ValidationContext): Problem[] {
  if (ctx.def.network?.dnsServers?.length === 0) {
    return [
      error(
        'network.dnsServers',
        [],
        'lists no DNS server, so the nodes could resolve no name (not even the image registry)',
        'list at least one, e.g. your gateway, or remove dnsServers to use the gateway',
      ),
    ];
  }
  return (ctx.def.network?.dnsServers ?? []).flatMap((server, i) =>
    isIpAddress(server)
      ? []
      : [
          error(
            `network.dnsServers[${i}]`,
            server,
            'is not an IP address (Talos nameservers are addresses, not names)',
            'write the DNS server as an IPv4 or IPv6 address, e.g. your gateway',
          ),
        ],
  );
}

function ntpServers(ctx: ValidationContext): Problem[] {
  if (ctx.plan.ntpServers.length === 0) {
    return [
      error(
        'network.ntpServers',
        [],
        'lists no NTP server; Talos needs synchronized time for etcd and certificates',
        'list at least one, or remove ntpServers to use time.cloudflare.com (the Talos default)',
      ),
    ];
  }
  return ctx.plan.ntpServers.flatMap((server, i) => {
    if (typeof server === 'string' && LOOKS_LIKE_IPV4.test(server)) {
      return isIpv4(server)
        ? []
        : [
            error(
              `network.ntpServers[${i}]`,
              server,
              'is not a valid IPv4 address',
              'write a dotted-quad address such as 162.159.200.1 or a host name such as time.cloudflare.com',
            ),
          ];
    }
    if (isIpAddress(server) || isDnsSubdomain(typeof server === 'string' ? server.toLowerCase() : server)) return [];
    return [
      error(
        `network.ntpServers[${i}]`,
        server,
        'is neither an IP address nor a DNS name',
        'write a host name such as time.cloudflare.com or an IP address',
      ),
    ];
  });
}

function vlan(ctx: ValidationContext): Problem[] {
  const tag = ctx.plan.vlan;
  if (tag === undefined || (Number.isInteger(tag) && tag >= 1 && tag <= 4094)) return [];
  return [error('network.vlan', tag, 'is not a VLAN ID (1 to 4094)', 'use the tag of your VLAN between 1 and 4094, or leave vlan out for untagged')];
}

function bridges(ctx: ValidationContext): Problem[] {
  const fix = 'write the Proxmox bridge or SDN VNet the NICs attach to, e.g. vmbr0, or leave it out for vmbr0';
  const message = 'is not a bridge name (a letter, then letters, digits, _ . or -, at most 15 characters)';
  const fields: [ProblemPath, string | undefined][] = [
    ['network.bridge', ctx.def.network?.bridge],
    ...(ctx.def.proxmoxHosts ?? []).map((h, i): [ProblemPath, string | undefined] => [`proxmoxHosts[${i}].bridge`, h.bridge]),
  ];
  return fields.flatMap(([path, name]) => (name === undefined || BRIDGE_NAME.test(name) ? [] : [error(path, name, message, fix)]));
}

/** Every problem of `network` (and the hosts' bridges). */
export function networkProblems(ctx: ValidationContext): Problem[] {
  return [...cidr(ctx), ...gateway(ctx), ...dnsServers(ctx), ...ntpServers(ctx), ...vlan(ctx), ...bridges(ctx)];
}
