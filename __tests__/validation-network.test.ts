/**
 * The network rules (node network, DNS, NTP, VLAN, bridges), the load-balancer range, node addresses, the pod and
 * service networks and the API endpoint, checked on realistic variants of the example cluster with the full list
 * of problems each definition has.
 */
import { homelab } from '../clusters/homelab';
import { AddonsDefinition, ClusterDefinition, NodeNetworkDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { error, Problem } from '../lib/problems';
import { validateCluster } from '../lib/validation';

/** Validates a definition the way the app does. */
function problemsOf(def: ClusterDefinition): Problem[] {
  return validateCluster(def, planCluster(def));
}

const network = (n: Partial<NodeNetworkDefinition>): ClusterDefinition => ({ ...homelab, network: { ...homelab.network, ...n } });
const cilium = (c: NonNullable<AddonsDefinition['cilium']>): ClusterDefinition => ({ ...homelab, addons: { ...homelab.addons, cilium: c } });
const [worker1, worker2] = homelab.workers!.nodes!;

const BRIDGE_MESSAGE = 'is not a bridge name (a letter, then letters, digits, _ . or -, at most 15 characters)';
const BRIDGE_FIX = 'write the Proxmox bridge or SDN VNet the NICs attach to, e.g. vmbr0, or leave it out for vmbr0';

describe('node network rules', () => {
  test('fails when the node network is malformed, reporting only the CIDR and not the gateway it cannot place', () => {
    // GIVEN a node network written without its last octet
    const def = network({ cidr: '192.168.10/24' });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the CIDR is the one problem; the gateway is not judged against a network that does not parse
    expect(problems).toEqual([
      error('network.cidr', '192.168.10/24', 'is not an IPv4 network in CIDR notation', 'write it as address/prefix, e.g. 192.168.10.0/24'),
    ]);
  });

  test('fails when dnsServers is an empty list', () => {
    // GIVEN a network that lists no DNS server
    const def = network({ dnsServers: [] });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the empty list is reported, with the gateway as the suggested server
    expect(problems).toEqual([
      error(
        'network.dnsServers',
        [],
        'lists no DNS server, so the nodes could resolve no name (not even the image registry)',
        'list at least one, e.g. your gateway, or remove dnsServers to use the gateway',
      ),
    ]);
  });

  test('defines a network without dnsServers (the gateway resolves names)', () => {
    // GIVEN a network that leaves dnsServers out
    const def = network({ dnsServers: undefined });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN nothing is reported
    expect(problems).toEqual([]);
  });

  test('fails when ntpServers is an empty list', () => {
    // GIVEN a network that lists no NTP server
    const def = network({ ntpServers: [] });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the empty list is reported, with the Talos default as the alternative
    expect(problems).toEqual([
      error(
        'network.ntpServers',
        [],
        'lists no NTP server; Talos needs synchronized time for etcd and certificates',
        'list at least one, or remove ntpServers to use time.cloudflare.com (the Talos default)',
      ),
    ]);
  });

  test('defines NTP servers by pool names starting with a digit, names ending in a digit, mixed-case names and addresses', () => {
    // GIVEN common NTP server spellings: a pool.ntp.org member, a short LAN host, a capitalised name and an address
    const def = network({ ntpServers: ['0.pool.ntp.org', 'ntp1', 'Time.Cloudflare.com', '162.159.200.1'] });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN none of them is mistaken for a malformed address or name
    expect(problems).toEqual([]);
  });

  test('fails when an NTP server is a number, as an untyped definition can have', () => {
    // GIVEN an NTP server written as a bare number
    const def = network({ ntpServers: [123 as unknown as string] });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN it is reported as neither an address nor a name, without throwing
    expect(problems).toEqual([
      error(
        'network.ntpServers[0]',
        123,
        'is neither an IP address nor a DNS name',
        'write a host name such as time.cloudflare.com or an IP address',
      ),
    ]);
  });

  test('defines VLAN 1, the lowest VLAN ID', () => {
    // GIVEN the nodes tagged on VLAN 1
    const def = network({ vlan: 1 });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the tag is accepted
    expect(problems).toEqual([]);
  });

  test('defines a network without a bridge (vmbr0 is used)', () => {
    // GIVEN a network that leaves the bridge out
    const def = network({ bridge: undefined });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN nothing is reported
    expect(problems).toEqual([]);
  });

  test('fails when the network bridge name is longer than 15 characters', () => {
    // GIVEN a bridge name too long for a Linux interface
    const def = network({ bridge: 'vmbr0-storage-vlan' });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN exactly the bridge is reported
    expect(problems).toEqual([error('network.bridge', 'vmbr0-storage-vlan', BRIDGE_MESSAGE, BRIDGE_FIX)]);
  });

  test("fails when a Proxmox host's bridge name starts with a digit, naming that host's bridge", () => {
    // GIVEN the second host attaching its VMs to a bridge named with a leading digit
    const def: ClusterDefinition = { ...homelab, proxmoxHosts: [homelab.proxmoxHosts[0], { ...homelab.proxmoxHosts[1], bridge: '1vmbr' }] };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN exactly that host's bridge is reported
    expect(problems).toEqual([error('proxmoxHosts[1].bridge', '1vmbr', BRIDGE_MESSAGE, BRIDGE_FIX)]);
  });
});

describe('load-balancer range rules', () => {
  test('fails when the range includes a node, suggesting a free range clear of the gateway, the VIP and every node', () => {
    // GIVEN a network whose router, VIP and nodes sit at the top of the subnet, and a range over worker 2
    const def: ClusterDefinition = {
      ...homelab,
      endpoint: { ...homelab.endpoint, vip: '192.168.10.251' },
      network: { ...homelab.network, gateway: '192.168.10.254', dnsServers: ['192.168.10.254'] },
      workers: {
        ...homelab.workers,
        nodes: [
          { ...worker1, ip: '192.168.10.248' },
          { ...worker2, ip: '192.168.10.241' },
        ],
      },
      addons: { ...homelab.addons, cilium: { loadBalancerRange: '192.168.10.240-192.168.10.242' } },
    };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the suggested range of the same size skips .254 (gateway), .251 (VIP) and .248 (worker 1)
    expect(problems).toEqual([
      error(
        'addons.cilium.loadBalancerRange',
        '192.168.10.240-192.168.10.242',
        'includes homelab-worker-2 (192.168.10.241)',
        'use a range no node, VIP or gateway is in, e.g. 192.168.10.245-192.168.10.247',
      ),
    ]);
  });

  test('fails when the range starts inside the node network and ends outside it', () => {
    // GIVEN a range whose last address is in the next /24
    const def = cilium({ loadBalancerRange: '192.168.10.250-192.168.11.10' });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN it is reported as not inside the node network (not only as covering the broadcast address)
    expect(problems).toEqual([
      error(
        'addons.cilium.loadBalancerRange',
        '192.168.10.250-192.168.11.10',
        "is not inside the node network 192.168.10.0/24; Cilium announces it over L2 on the nodes' link",
        'use a range no node, VIP or gateway is in, e.g. 192.168.10.238-192.168.10.254',
      ),
    ]);
  });

  test('fails when the range spans the whole node network, leaving no free range of its size to suggest', () => {
    // GIVEN a range over every host address of the /24: the gateway, the VIP and all nodes
    const def = cilium({ loadBalancerRange: '192.168.10.1-192.168.10.254' });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN every clash is named, and the fix asks for free addresses without naming a range that does not exist
    expect(problems).toEqual([
      error(
        'addons.cilium.loadBalancerRange',
        '192.168.10.1-192.168.10.254',
        'includes the gateway 192.168.10.1, the VIP 192.168.10.10, homelab-cp-1 (192.168.10.11), homelab-cp-2 (192.168.10.12), ' +
          'homelab-cp-3 (192.168.10.13), homelab-worker-1 (192.168.10.21), homelab-worker-2 (192.168.10.22)',
        'use a range of free addresses of the node network',
      ),
    ]);
  });

  test('defines Cilium without a load-balancer range', () => {
    // GIVEN Cilium with its defaults
    const def = cilium({});

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN nothing is reported
    expect(problems).toEqual([]);
  });

  test('fails when a range is set while Cilium is disabled, reporting only that, not where the range lies', () => {
    // GIVEN Cilium disabled but a range left over that would cover the control planes
    const def = cilium({ enabled: false, loadBalancerRange: '192.168.10.12-192.168.10.20' });

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the one problem is the range set without Cilium
    expect(problems).toEqual([
      error(
        'addons.cilium.loadBalancerRange',
        '192.168.10.12-192.168.10.20',
        'is set while Cilium is disabled; only Cilium hands out and announces these addresses',
        'remove loadBalancerRange, or enable Cilium',
      ),
    ]);
  });
});

describe('node address rules', () => {
  test("fails when a counted pool's firstIp is malformed, reporting only firstIp and not its unplaced nodes", () => {
    // GIVEN control planes counted from an address missing its last octet
    const def: ClusterDefinition = { ...homelab, controlPlanes: { ...homelab.controlPlanes, firstIp: '192.168.10' } };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN firstIp is the one problem: the nodes without an address are neither malformed nor duplicates of each other
    expect(problems).toEqual([
      error('controlPlanes.firstIp', '192.168.10', 'is not an IPv4 address', 'write a dotted-quad address, e.g. a free address such as 192.168.10.2'),
    ]);
  });

  test("fails when a counted pool's firstIp is malformed and the gateway is blank, not taking the unplaced nodes for the gateway", () => {
    // GIVEN control planes counted from a malformed address (so they have none) and an empty gateway
    const def: ClusterDefinition = {
      ...homelab,
      network: { ...homelab.network, gateway: '' },
      controlPlanes: { ...homelab.controlPlanes, firstIp: '192.168.10' },
    };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the gateway and firstIp are reported, and no control plane is said to have the gateway's (empty) address
    expect(problems).toEqual([
      error('network.gateway', '', 'is not an IPv4 address', "write your router's address in 192.168.10.1 to 192.168.10.254"),
      error('controlPlanes.firstIp', '192.168.10', 'is not an IPv4 address', 'write a dotted-quad address, e.g. a free address such as 192.168.10.1'),
    ]);
  });
});

describe('pod and service network rules', () => {
  test('defines a pod network with room for exactly as many /24 node ranges as the cluster has nodes', () => {
    // GIVEN 4 nodes (3 control planes, 1 worker) and a /22 pod network: room for 4 node ranges
    const def: ClusterDefinition = { ...homelab, podCidr: '10.244.0.0/22', workers: { ...homelab.workers, nodes: [worker1] } };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the pod network is big enough
    expect(problems).toEqual([]);
  });

  test('fails when the pod network is malformed, reporting only its form', () => {
    // GIVEN a pod network with an impossible prefix
    const def: ClusterDefinition = { ...homelab, podCidr: '10.244.0.0/33' };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the form is the one problem
    expect(problems).toEqual([
      error('podCidr', '10.244.0.0/33', 'is not an IPv4 network in CIDR notation', 'write it as address/prefix, e.g. 10.244.0.0/16'),
    ]);
  });

  test('fails when the service network has host bits set, reporting only its form', () => {
    // GIVEN a service network written with a host address
    const def: ClusterDefinition = { ...homelab, serviceCidr: '10.96.0.1/12' };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN the one problem names the network address to write
    expect(problems).toEqual([
      error('serviceCidr', '10.96.0.1/12', 'has host bits set, so it is not a network address', 'write the network address: 10.96.0.0/12'),
    ]);
  });
});

describe('endpoint rules', () => {
  test('defines an endpoint without a DNS name', () => {
    // GIVEN an endpoint with only the VIP
    const def: ClusterDefinition = { ...homelab, endpoint: { vip: homelab.endpoint.vip } };

    // WHEN validating it
    const problems = problemsOf(def);

    // THEN nothing is reported
    expect(problems).toEqual([]);
  });
});
