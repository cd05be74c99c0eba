import { homelab } from '../clusters/homelab';
import { AddonsDefinition, ClusterDefinition, NodeDefinition, NodeNetworkDefinition, NodePoolDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { Problem, Severity } from '../lib/problems';
import { forTeardown } from '../lib/teardown';
import { validateCluster } from '../lib/validation';

/** Validates a definition the way the app does. */
function problemsOf(def: ClusterDefinition): Problem[] {
  return validateCluster(def, planCluster(def));
}

// Realistic bad variants of the example cluster: spread-copy and override one thing.
const network = (n: Partial<NodeNetworkDefinition>): ClusterDefinition => ({ ...homelab, network: { ...homelab.network, ...n } });
const controlPlanes = (p: NodePoolDefinition): ClusterDefinition => ({ ...homelab, controlPlanes: p });
const cpPool = (p: Partial<NodePoolDefinition>): ClusterDefinition => controlPlanes({ ...homelab.controlPlanes, ...p });
const workerPool = (p: Partial<NodePoolDefinition>): ClusterDefinition => ({ ...homelab, workers: { ...homelab.workers, ...p } });
const worker = (i: number, n: Partial<NodeDefinition>): ClusterDefinition =>
  workerPool({ nodes: homelab.workers!.nodes!.map((w, j) => (j === i ? { ...w, ...n } : w)) });
const addons = (a: Partial<AddonsDefinition>): ClusterDefinition => ({ ...homelab, addons: { ...homelab.addons, ...a } });
const cilium = (c: NonNullable<AddonsDefinition['cilium']>): ClusterDefinition => addons({ cilium: { ...homelab.addons!.cilium, ...c } });
const lbRange = (loadBalancerRange: string): ClusterDefinition => cilium({ loadBalancerRange });
const talos = (t: NonNullable<ClusterDefinition['talos']>): ClusterDefinition => ({ ...homelab, talos: { ...homelab.talos, ...t } });
const cps = (names: string[], host?: string): NodeDefinition[] => names.map((name, i) => ({ name, ip: `192.168.10.${11 + i}`, host }));

interface FailureCase {
  readonly rule: string;
  readonly def: ClusterDefinition;
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
  readonly severity?: Severity;
  /** The other problems the same definition has (a consequence of the same mistake), each with its path and value. */
  readonly also?: readonly { readonly path: string; readonly value: unknown; readonly severity?: Severity }[];
}

const cases: FailureCase[] = [
  // network
  {
    rule: 'the node network is not a CIDR',
    def: network({ cidr: '192.168.10/24' }),
    path: 'network.cidr',
    value: '192.168.10/24',
    message: 'is not an IPv4 network',
    fix: 'e.g. 192.168.10.0/24',
  },
  {
    rule: 'the node network has host bits set',
    def: network({ cidr: '192.168.10.5/24' }),
    path: 'network.cidr',
    value: '192.168.10.5/24',
    message: 'host bits set',
    fix: '192.168.10.0/24',
  },
  {
    rule: 'the gateway is not an address',
    def: network({ gateway: '192.168.10.256' }),
    path: 'network.gateway',
    value: '192.168.10.256',
    message: 'is not an IPv4 address',
    fix: '192.168.10.1 to 192.168.10.254',
  },
  {
    rule: 'the gateway is outside the node network',
    def: network({ gateway: '192.168.20.1' }),
    path: 'network.gateway',
    value: '192.168.20.1',
    message: 'outside the node network 192.168.10.0/24',
    fix: '192.168.10.1 to 192.168.10.254',
  },
  {
    rule: 'the gateway is the broadcast address',
    def: network({ gateway: '192.168.10.255' }),
    path: 'network.gateway',
    value: '192.168.10.255',
    message: 'network or broadcast address',
    fix: '192.168.10.1 to 192.168.10.254',
  },
  {
    rule: 'a DNS server is a malformed address',
    def: network({ dnsServers: ['192.168.10.1', '1.1.1'] }),
    path: 'network.dnsServers[1]',
    value: '1.1.1',
    message: 'is not an IP address',
    fix: 'IPv4 or IPv6 address',
  },
  {
    rule: 'a DNS server is a host name',
    def: network({ dnsServers: ['dns.home.arpa'] }),
    path: 'network.dnsServers[0]',
    value: 'dns.home.arpa',
    message: 'nameservers are addresses',
    fix: 'IPv4 or IPv6 address',
  },
  {
    rule: 'an NTP server is a malformed address',
    def: network({ ntpServers: ['162.159.200.300'] }),
    path: 'network.ntpServers[0]',
    value: '162.159.200.300',
    message: 'not a valid IPv4 address',
    fix: 'time.cloudflare.com',
  },
  {
    rule: 'an NTP server is neither address nor name',
    def: network({ ntpServers: ['time.cloudflare.com', 'ntp server'] }),
    path: 'network.ntpServers[1]',
    value: 'ntp server',
    message: 'neither an IP address nor a DNS name',
    fix: 'time.cloudflare.com',
  },
  {
    rule: 'the VLAN tag is above 4094',
    def: network({ vlan: 4095 }),
    path: 'network.vlan',
    value: 4095,
    message: '1 to 4094',
    fix: 'between 1 and 4094',
  },
  { rule: 'the VLAN tag is 0', def: network({ vlan: 0 }), path: 'network.vlan', value: 0, message: '1 to 4094', fix: 'leave vlan out for untagged' },

  // endpoint
  {
    rule: 'the VIP is not an address',
    def: { ...homelab, endpoint: { vip: '192.168.10' } },
    path: 'endpoint.vip',
    value: '192.168.10',
    message: 'is not an IPv4 address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the VIP is outside the node network',
    def: { ...homelab, endpoint: { vip: '192.168.20.10' } },
    path: 'endpoint.vip',
    value: '192.168.20.10',
    message: 'outside the node network 192.168.10.0/24',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the VIP is the network address',
    def: { ...homelab, endpoint: { vip: '192.168.10.0' } },
    path: 'endpoint.vip',
    value: '192.168.10.0',
    message: 'network or broadcast address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the VIP is the broadcast address',
    def: { ...homelab, endpoint: { vip: '192.168.10.255' } },
    path: 'endpoint.vip',
    value: '192.168.10.255',
    message: 'network or broadcast address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the VIP is the gateway',
    def: { ...homelab, endpoint: { vip: '192.168.10.1' } },
    path: 'endpoint.vip',
    value: '192.168.10.1',
    message: 'is the gateway address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the VIP is a node address',
    def: { ...homelab, endpoint: { vip: '192.168.10.21' } },
    path: 'endpoint.vip',
    value: '192.168.10.21',
    message: 'address of node homelab-worker-1',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'the DNS name is not a DNS name',
    def: { ...homelab, endpoint: { vip: '192.168.10.10', dnsName: 'k8s_home.arpa' } },
    path: 'endpoint.dnsName',
    value: 'k8s_home.arpa',
    message: 'is not a DNS name',
    fix: 'k8s.home.arpa',
  },

  // pod and service networks
  {
    rule: 'the pod network is not a CIDR',
    def: { ...homelab, podCidr: '10.244.0.0/33' },
    path: 'podCidr',
    value: '10.244.0.0/33',
    message: 'is not an IPv4 network',
    fix: 'e.g. 10.244.0.0/16',
  },
  {
    rule: 'the pod network has host bits set',
    def: { ...homelab, podCidr: '10.244.1.0/16' },
    path: 'podCidr',
    value: '10.244.1.0/16',
    message: 'host bits set',
    fix: '10.244.0.0/16',
  },
  {
    rule: 'the service network is not a CIDR',
    def: { ...homelab, serviceCidr: '10.96/12' },
    path: 'serviceCidr',
    value: '10.96/12',
    message: 'is not an IPv4 network',
    fix: 'e.g. 10.96.0.0/12',
  },
  {
    rule: 'the service network overlaps the pod network',
    def: { ...homelab, serviceCidr: '10.244.128.0/20' },
    path: 'serviceCidr',
    value: '10.244.128.0/20',
    message: 'overlaps podCidr 10.244.0.0/16',
    fix: 'use separate ranges',
  },
  {
    rule: 'the pod network overlaps the node network',
    def: { ...homelab, podCidr: '192.168.0.0/16' },
    path: 'podCidr',
    value: '192.168.0.0/16',
    message: 'overlaps the node network 192.168.10.0/24',
    fix: '10.244.0.0/16',
  },
  {
    rule: 'the service network overlaps the node network',
    def: { ...homelab, serviceCidr: '192.168.10.0/24' },
    path: 'serviceCidr',
    value: '192.168.10.0/24',
    message: 'overlaps the node network',
    fix: '10.96.0.0/12',
  },
  {
    rule: 'the pod network contains the VIP and node addresses',
    def: { ...homelab, network: { ...homelab.network, cidr: '192.168.10.0/33' }, podCidr: '192.168.0.0/16' },
    path: 'podCidr',
    value: '192.168.0.0/16',
    message: 'contains the VIP 192.168.10.10, homelab-cp-1 (192.168.10.11)',
    fix: 'private range no node address is in',
    also: [{ path: 'network.cidr', value: '192.168.10.0/33' }],
  },
  {
    rule: 'the service network is larger than a /12',
    def: { ...homelab, serviceCidr: '10.0.0.0/8', podCidr: '172.16.0.0/16' },
    path: 'serviceCidr',
    value: '10.0.0.0/8',
    message: 'larger than the /12',
    fix: '10.96.0.0/12',
  },
  {
    rule: 'the pod network has no room for every node',
    def: { ...homelab, podCidr: '10.244.0.0/23' },
    path: 'podCidr',
    value: '10.244.0.0/23',
    message: 'room for 2 node pod range(s) of /24, the cluster has 5',
    fix: '10.244.0.0/16',
  },

  // Proxmox hosts and placement
  {
    rule: 'no Proxmox host is declared',
    def: { ...homelab, proxmoxHosts: [] },
    path: 'proxmoxHosts',
    value: [],
    message: 'declares no Proxmox host',
    fix: "[{ name: 'pve1' }]",
    also: [
      { path: 'workers.nodes[0].host', value: 'pve1' },
      { path: 'workers.nodes[1].host', value: 'pve2' },
    ],
  },
  {
    rule: 'a node is placed on an undeclared host',
    def: worker(1, { host: 'pve3' }),
    path: 'workers.nodes[1].host',
    value: 'pve3',
    message: 'not a declared Proxmox host',
    fix: 'one of pve1, pve2',
  },
  {
    rule: 'a pool lists an undeclared host',
    def: cpPool({ hosts: ['pve1', 'pve9'] }),
    path: 'controlPlanes.hosts[1]',
    value: 'pve9',
    message: 'not a declared Proxmox host',
    fix: 'one of pve1, pve2',
    also: [{ path: 'controlPlanes.hosts', value: 'pve1', severity: 'warning' }],
  },
  {
    rule: 'an image datastore is shared on one host only',
    def: {
      ...homelab,
      proxmoxHosts: [
        { name: 'pve1', imageDatastore: 'nfs', imageDatastoreShared: true },
        { name: 'pve2', imageDatastore: 'nfs' },
      ],
    },
    path: 'proxmoxHosts[1].imageDatastoreShared',
    value: false,
    message: 'datastore nfs is marked shared on pve1 but not on pve2',
    fix: 'set imageDatastoreShared the same on every host',
  },
  {
    rule: 'a pool lists no host',
    def: workerPool({ nodes: undefined, count: 2, firstIp: '192.168.10.21', hosts: [] }),
    path: 'workers.hosts',
    value: [],
    message: 'lists no host',
    fix: 'one of pve1, pve2',
  },
  {
    rule: 'every control plane lands on one host of several',
    def: cpPool({ hosts: ['pve1'] }),
    path: 'controlPlanes.hosts',
    value: 'pve1',
    message: 'every control plane on pve1 although 2 hosts',
    fix: 'spread the control planes',
    severity: 'warning',
  },
  {
    rule: 'every explicit control plane is pinned to one host',
    def: controlPlanes({ nodes: cps(['homelab-cp-1', 'homelab-cp-2', 'homelab-cp-3'], 'pve2') }),
    path: 'controlPlanes.nodes',
    value: 'pve2',
    message: 'every control plane on pve2',
    fix: 'remove their explicit host',
    severity: 'warning',
  },

  // pool shape and control-plane count
  {
    rule: 'a pool has both count and nodes',
    def: workerPool({ count: 2 }),
    path: 'workers.count',
    value: 2,
    message: 'set together with nodes',
    fix: 'remove count',
  },
  {
    rule: 'a listed pool has firstIp',
    def: workerPool({ firstIp: '192.168.10.21' }),
    path: 'workers.firstIp',
    value: '192.168.10.21',
    message: 'set together with nodes',
    fix: 'remove firstIp',
  },
  {
    rule: 'a count is not a whole number',
    def: cpPool({ count: 2.5 }),
    path: 'controlPlanes.count',
    value: 2.5,
    message: 'not a whole number',
    fix: 'such as 3',
  },
  {
    rule: 'a counted pool has no firstIp',
    def: cpPool({ firstIp: undefined }),
    path: 'controlPlanes.firstIp',
    value: undefined,
    message: 'required with count',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'firstIp is not an address',
    def: cpPool({ firstIp: '192.168.10.311' }),
    path: 'controlPlanes.firstIp',
    value: '192.168.10.311',
    message: 'is not an IPv4 address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'firstIp is outside the node network',
    def: cpPool({ firstIp: '192.168.11.11' }),
    path: 'controlPlanes.firstIp',
    value: '192.168.11.11',
    message: 'outside the node network 192.168.10.0/24',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'firstIp is the network address',
    def: cpPool({ firstIp: '192.168.10.0' }),
    path: 'controlPlanes.firstIp',
    value: '192.168.10.0',
    message: 'is the network address',
    fix: 'such as 192.168.10.3',
    also: [{ path: 'controlPlanes[homelab-cp-2].ip', value: '192.168.10.1' }],
  },
  {
    rule: 'a counted pool runs past the node network',
    def: cpPool({ firstIp: '192.168.10.253' }),
    path: 'controlPlanes.count',
    value: 3,
    message: 'ending at 192.168.10.255, past the last host address 192.168.10.254',
    fix: 'lower count to 2 or start firstIp at 192.168.10.252 or lower',
  },
  {
    rule: 'there is no control plane',
    def: cpPool({ count: 0 }),
    path: 'controlPlanes.count',
    value: 0,
    message: 'defines no control plane',
    fix: 'define 1 control plane',
  },
  {
    rule: 'a pool count is negative',
    def: workerPool({ nodes: undefined, count: -1, firstIp: '192.168.10.21' }),
    path: 'workers.count',
    value: -1,
    message: 'is not a whole number of nodes',
    fix: 'write a whole number such as 3',
  },
  {
    rule: 'there are 2 control planes',
    def: cpPool({ count: 2 }),
    path: 'controlPlanes.count',
    value: 2,
    message: 'Talos refuses control-plane upgrades with exactly 2 members',
    fix: 'use 3 control planes',
  },
  {
    rule: 'there are 2 listed control planes',
    def: controlPlanes({ nodes: cps(['homelab-cp-1', 'homelab-cp-2']) }),
    path: 'controlPlanes.nodes',
    value: 2,
    message: 'etcd 2 members',
    fix: 'use 3 control planes',
  },
  {
    rule: 'there are 4 control planes',
    def: cpPool({ count: 4 }),
    path: 'controlPlanes.count',
    value: 4,
    message: 'even number of members',
    fix: 'use 3 or 5 control planes',
    severity: 'warning',
  },
  {
    rule: 'no node runs workloads',
    def: { ...homelab, workers: undefined, talos: { scheduleOnControlPlanes: false } },
    path: 'talos.scheduleOnControlPlanes',
    value: false,
    message: 'no node runs workloads',
    fix: 'remove scheduleOnControlPlanes',
    severity: 'warning',
  },

  // node addresses
  {
    rule: 'a node address is malformed',
    def: worker(0, { ip: '192.168.10.021' }),
    path: 'workers.nodes[0].ip',
    value: '192.168.10.021',
    message: 'is not an IPv4 address',
    fix: 'give homelab-worker-1 a free address such as 192.168.10.2',
  },
  {
    rule: 'a node address is outside the node network',
    def: worker(0, { ip: '192.168.1.21' }),
    path: 'workers.nodes[0].ip',
    value: '192.168.1.21',
    message: 'outside the node network',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'a node address is the network address',
    def: worker(1, { ip: '192.168.10.0' }),
    path: 'workers.nodes[1].ip',
    value: '192.168.10.0',
    message: 'network or broadcast address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'a node address is the broadcast address',
    def: worker(1, { ip: '192.168.10.255' }),
    path: 'workers.nodes[1].ip',
    value: '192.168.10.255',
    message: 'network or broadcast address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'a node address is the gateway',
    def: worker(0, { ip: '192.168.10.1' }),
    path: 'workers.nodes[0].ip',
    value: '192.168.10.1',
    message: 'is the gateway address',
    fix: 'such as 192.168.10.2',
  },
  {
    rule: 'a counted pool starts at the gateway',
    def: cpPool({ firstIp: '192.168.10.1' }),
    path: 'controlPlanes[homelab-cp-1].ip',
    value: '192.168.10.1',
    message: 'is the gateway address',
    fix: 'such as 192.168.10.4',
  },
  {
    rule: 'two nodes share an address',
    def: worker(1, { ip: '192.168.10.21' }),
    path: 'workers.nodes[1].ip',
    value: '192.168.10.21',
    message: 'also the address of homelab-worker-1',
    fix: 'such as 192.168.10.2',
    also: [{ path: 'workers.nodes[1].vmId', value: 8021 }],
  },
  {
    rule: 'a listed node takes a counted node address',
    def: worker(0, { ip: '192.168.10.12' }),
    path: 'workers.nodes[0].ip',
    value: '192.168.10.12',
    message: 'also the address of homelab-cp-2',
    fix: 'such as 192.168.10.2',
    also: [{ path: 'workers.nodes[0].vmId', value: 8012 }],
  },

  // names
  {
    rule: 'the cluster name is not DNS-1123',
    def: { ...homelab, name: 'Homelab_1' },
    path: 'name',
    value: 'Homelab_1',
    message: 'is not a DNS-1123 label',
    fix: 'e.g. homelab-1',
  },
  {
    rule: 'the cluster name makes derived node names too long',
    def: { ...homelab, name: 'h'.repeat(60) },
    path: 'name',
    value: 'h'.repeat(60),
    message: `derived node name ${'h'.repeat(60)}-cp-1 longer than 63`,
    fix: 'at most 58 characters',
  },
  {
    rule: 'a node name is not DNS-1123',
    def: worker(0, { name: 'Worker_1' }),
    path: 'workers.nodes[0].name',
    value: 'Worker_1',
    message: 'is not a DNS-1123 label',
    fix: 'e.g. worker-1',
  },
  {
    rule: 'a node name is longer than 63 characters',
    def: worker(0, { name: `homelab-worker-${'x'.repeat(50)}` }),
    path: 'workers.nodes[0].name',
    value: `homelab-worker-${'x'.repeat(50)}`,
    message: 'at most 63 characters',
    fix: `e.g. homelab-worker-${'x'.repeat(48)}`,
  },
  {
    rule: 'two listed nodes share a name',
    def: worker(1, { name: 'homelab-worker-1' }),
    path: 'workers.nodes[1].name',
    value: 'homelab-worker-1',
    message: 'already the name of the node at workers.nodes[0].name',
    fix: 'rename it',
  },
  {
    rule: 'a listed node takes a counted node name',
    def: worker(0, { name: 'homelab-cp-1' }),
    path: 'workers.nodes[0].name',
    value: 'homelab-cp-1',
    message: 'already the name of the node at controlPlanes[homelab-cp-1].name',
    fix: 'rename it',
  },
  {
    rule: 'a Proxmox host name is not a host name',
    def: { ...homelab, proxmoxHosts: [homelab.proxmoxHosts[0], { name: 'pve_2' }] },
    path: 'proxmoxHosts[1].name',
    value: 'pve_2',
    message: 'not a host name label',
    fix: 'node name shown in the Proxmox UI',
    also: [{ path: 'workers.nodes[1].host', value: 'pve2' }],
  },
  {
    rule: 'a Proxmox host is declared twice',
    def: { ...homelab, proxmoxHosts: [...homelab.proxmoxHosts, { name: 'pve1' }] },
    path: 'proxmoxHosts[2].name',
    value: 'pve1',
    message: 'declared twice',
    fix: 'declare each Proxmox host once',
  },

  // VM IDs and MAC addresses
  {
    rule: 'vmIdBase gives VM IDs below 100',
    def: { ...homelab, vmIdBase: 0 },
    path: 'vmIdBase',
    value: 0,
    message: "outside Proxmox's range 100 to 999999999",
    fix: 'such as 8000',
  },
  {
    rule: 'vmIdBase gives VM IDs above 999999999',
    def: { ...homelab, vmIdBase: 999_999_990 },
    path: 'vmIdBase',
    value: 999_999_990,
    message: "outside Proxmox's range",
    fix: 'such as 8000',
  },
  {
    rule: 'a node VM ID is below 100',
    def: worker(0, { vmId: 99 }),
    path: 'workers.nodes[0].vmId',
    value: 99,
    message: "outside Proxmox's VM ID range 100 to 999999999",
    fix: 'derive it from vmIdBase',
  },
  {
    rule: 'a node VM ID is above 999999999',
    def: worker(1, { vmId: 1_000_000_000 }),
    path: 'workers.nodes[1].vmId',
    value: 1_000_000_000,
    message: "outside Proxmox's VM ID range 100 to 999999999",
    fix: 'use a whole number in that range',
  },
  {
    rule: 'two nodes share a VM ID',
    def: worker(0, { vmId: 8011 }),
    path: 'workers.nodes[0].vmId',
    value: 8011,
    message: 'also the VM ID of homelab-cp-1',
    fix: 'give each node its own vmId',
  },
  {
    rule: 'a MAC address is malformed',
    def: worker(0, { macAddress: '02:00:00:00:00' }),
    path: 'workers.nodes[0].macAddress',
    value: '02:00:00:00:00',
    message: 'is not a MAC address',
    fix: '02:00:00:00:00:01',
  },
  {
    rule: 'a MAC address is multicast',
    def: worker(0, { macAddress: '01:00:5e:00:00:01' }),
    path: 'workers.nodes[0].macAddress',
    value: '01:00:5e:00:00:01',
    message: 'multicast',
    fix: 'starting 02:',
  },
  {
    rule: 'two nodes share a MAC address',
    def: workerPool({
      nodes: [
        { ...homelab.workers!.nodes![0], macAddress: '02:00:00:00:00:21' },
        { ...homelab.workers!.nodes![1], macAddress: '02:00:00:00:00:21'.toLowerCase() },
      ],
    }),
    path: 'workers.nodes[1].macAddress',
    value: '02:00:00:00:00:21',
    message: 'also the MAC address of homelab-worker-1',
    fix: 'give each node its own macAddress',
  },
  {
    rule: 'allowVmReplacement lists a second control plane',
    def: { ...homelab, allowVmReplacement: ['homelab-cp-1', 'homelab-worker-1', 'homelab-cp-2'] },
    path: 'allowVmReplacement[2]',
    value: 'homelab-cp-2',
    message: 'is a second control plane rebuilt in one deploy (after homelab-cp-1)',
    fix: 'rebuild one control plane per deploy',
  },
  {
    rule: 'allowVmReplacement lists the only control plane',
    def: { ...cpPool({ count: 1 }), allowVmReplacement: ['homelab-worker-2', 'homelab-cp-1'] },
    path: 'allowVmReplacement[1]',
    value: 'homelab-cp-1',
    message: 'is the only control plane',
    fix: 'tear the cluster down and deploy it again',
  },

  // VM sizes (Talos system requirements)
  {
    rule: 'control-plane memory is below the Talos minimum',
    def: cpPool({ memoryGiB: 1 }),
    path: 'controlPlanes.memoryGiB',
    value: 1,
    message: 'below the Talos minimum of 2 GiB of memory for a control plane',
    fix: 'set it to 2 or more',
  },
  {
    rule: 'control-plane memory is below the recommendation',
    def: cpPool({ memoryGiB: 3 }),
    path: 'controlPlanes.memoryGiB',
    value: 3,
    message: 'below the 4 GiB Talos recommends',
    fix: 'set it to 4 or more',
    severity: 'warning',
  },
  {
    rule: 'control-plane cores are below the Talos minimum',
    def: cpPool({ cores: 1 }),
    path: 'controlPlanes.cores',
    value: 1,
    message: 'below the Talos minimum of 2 cores',
    fix: 'set it to 2 or more',
  },
  {
    rule: 'cores are not a whole number',
    def: workerPool({ cores: 2.5 }),
    path: 'workers.cores',
    value: 2.5,
    message: 'is not a whole number',
    fix: 'at least 1',
  },
  {
    rule: 'worker cores are 0',
    def: worker(1, { cores: 0 }),
    path: 'workers.nodes[1].cores',
    value: 0,
    message: 'below the Talos minimum of 1 cores for a worker',
    fix: 'set it to 1 or more',
  },
  {
    rule: 'a worker system disk is below the Talos minimum',
    def: worker(1, { diskGiB: 8 }),
    path: 'workers.nodes[1].diskGiB',
    value: 8,
    message: 'below the Talos minimum of 10 GiB of system disk',
    fix: 'set it to 10 or more',
  },
  {
    rule: 'worker memory is below the recommendation',
    def: workerPool({ memoryGiB: 1.5 }),
    path: 'workers.memoryGiB',
    value: 1.5,
    message: 'below the 2 GiB Talos recommends for a worker',
    fix: 'set it to 2 or more',
    severity: 'warning',
  },
  {
    rule: 'an extra disk has size 0',
    def: worker(0, { extraDisks: [{ sizeGiB: 0 }] }),
    path: 'workers.nodes[0].extraDisks[0].sizeGiB',
    value: 0,
    message: 'not a positive whole number of GiB',
    fix: 'such as 100',
  },
  {
    rule: 'a pool extra disk has a negative size',
    def: cpPool({ extraDisks: [{ sizeGiB: -10 }] }),
    path: 'controlPlanes.extraDisks[0].sizeGiB',
    value: -10,
    message: 'not a positive whole number',
    fix: 'or remove the disk',
  },

  // versions
  {
    rule: 'the Talos version is not a release',
    def: talos({ version: '1.13' }),
    path: 'talos.version',
    value: '1.13',
    message: 'is not a Talos release',
    fix: 'such as v1.13.9',
  },
  {
    rule: 'the Talos minor is unknown',
    def: talos({ version: 'v1.9.6', configContract: 'v1.9' }),
    path: 'talos.version',
    value: 'v1.9.6',
    message: 'a Talos minor this project does not know',
    fix: 'e.g. v1.13.9',
    also: [{ path: 'talos.configContract', value: 'v1.9' }],
  },
  {
    rule: 'Kubernetes is older than the Talos window',
    def: { ...homelab, kubernetesVersion: '1.30.4' },
    path: 'kubernetesVersion',
    value: '1.30.4',
    message: 'supports Kubernetes 1.31 to 1.36',
    fix: '1.31.x to 1.36.x',
    also: [{ path: 'kubernetesVersion', value: '1.30.4' }],
  },
  {
    rule: 'Kubernetes is newer than the Talos window',
    def: { ...homelab, kubernetesVersion: '1.37.0' },
    path: 'kubernetesVersion',
    value: '1.37.0',
    message: 'supports Kubernetes 1.31 to 1.36',
    fix: 'or a Talos version that supports v1.37',
    also: [{ path: 'kubernetesVersion', value: '1.37.0' }],
  },
  {
    rule: 'the Kubernetes version has no patch',
    def: { ...homelab, kubernetesVersion: '1.36' },
    path: 'kubernetesVersion',
    value: '1.36',
    message: 'is not a Kubernetes release',
    fix: 'such as 1.36.3',
  },
  {
    rule: 'the contract is newer than the Talos provider can generate',
    def: talos({ version: 'v1.14.0', configContract: 'v1.14' }),
    path: 'talos.configContract',
    value: 'v1.14',
    message: 'newer than the Talos provider 0.11.0 can generate (up to v1.13)',
    fix: 'use v1.13 or older',
    also: [
      { path: 'talos.version', value: 'v1.14.0', severity: 'warning' },
      { path: 'talos.configContract', value: 'v1.14' },
    ],
  },
  {
    rule: 'the contract is newer than the Talos OS',
    def: { ...talos({ version: 'v1.12.11' }), kubernetesVersion: '1.35.4' },
    path: 'talos.configContract',
    value: 'v1.13',
    message: "newer than the nodes' Talos v1.12.11",
    fix: 'use v1.12 or older',
  },
  {
    rule: 'the contract is one the document builder does not speak',
    def: talos({ configContract: 'v1.11' }),
    path: 'talos.configContract',
    value: 'v1.11',
    message: 'not a contract the document builder speaks (v1.12, v1.13)',
    fix: 'one of v1.12, v1.13',
  },
  {
    rule: 'the contract is not vMAJOR.MINOR',
    def: talos({ configContract: '1.13.0' }),
    path: 'talos.configContract',
    value: '1.13.0',
    message: 'is not a config contract',
    fix: 'write it as v1.13',
  },

  // add-ons
  {
    rule: 'Cilium is disabled and the CNI is none',
    def: addons({ cilium: { enabled: false }, cni: 'none' }),
    path: 'addons.cni',
    value: 'none',
    message: 'no CNI',
    fix: "set cni to 'flannel'",
  },
  {
    rule: 'Cilium is enabled and the CNI is flannel',
    def: addons({ cni: 'flannel' }),
    path: 'addons.cni',
    value: 'flannel',
    message: 'two CNIs',
    fix: 'disable Cilium',
  },
  {
    rule: 'a load-balancer range is set while Cilium is disabled',
    def: cilium({ enabled: false }),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.200-192.168.10.220',
    message: 'while Cilium is disabled',
    fix: 'remove loadBalancerRange',
  },
  {
    rule: 'the Gateway API is on while Cilium is disabled',
    def: addons({ cni: 'flannel', cilium: { enabled: false, gatewayApi: true } }),
    path: 'addons.cilium.gatewayApi',
    value: true,
    message: 'served by Cilium',
    fix: 'remove gatewayApi',
  },
  {
    rule: 'Hubble is on while Cilium is disabled',
    def: addons({ cni: 'flannel', cilium: { enabled: false, hubble: true } }),
    path: 'addons.cilium.hubble',
    value: true,
    message: 'Hubble is part of Cilium',
    fix: 'remove hubble',
  },
  {
    rule: 'a CA issuer is named while cert-manager is disabled',
    def: addons({ certManager: { enabled: false, caIssuerName: 'homelab-ca' } }),
    path: 'addons.certManager.caIssuerName',
    value: 'homelab-ca',
    message: 'needs cert-manager',
    fix: 'remove caIssuerName',
  },
  {
    rule: 'a bootstrap repository is set while Argo CD is disabled',
    def: addons({ argocd: { enabled: false, bootstrapRepoUrl: 'https://github.com/example/gitops.git', bootstrapRevision: 'v1' } }),
    path: 'addons.argocd.bootstrapRepoUrl',
    value: 'https://github.com/example/gitops.git',
    message: 'needs Argo CD',
    fix: 'remove bootstrapRepoUrl',
  },
  {
    rule: 'the load-balancer range is a CIDR',
    def: lbRange('192.168.10.192/27'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.192/27',
    message: 'is not a range first-last',
    fix: '192.168.10.200-192.168.10.220',
  },
  {
    rule: 'the load-balancer range is reversed',
    def: lbRange('192.168.10.220-192.168.10.200'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.220-192.168.10.200',
    message: 'ascending order',
    fix: '192.168.10.200-192.168.10.220',
  },
  {
    rule: 'the load-balancer range is outside the node network',
    def: lbRange('192.168.11.200-192.168.11.220'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.11.200-192.168.11.220',
    message: 'not inside the node network 192.168.10.0/24',
    fix: 'e.g. 192.168.10.234-192.168.10.254',
  },
  {
    rule: 'the load-balancer range includes the broadcast address',
    def: lbRange('192.168.10.240-192.168.10.255'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.240-192.168.10.255',
    message: 'network or broadcast address',
    fix: 'e.g. 192.168.10.239-192.168.10.254',
  },
  {
    rule: 'the load-balancer range includes the gateway, the VIP and nodes',
    def: lbRange('192.168.10.1-192.168.10.30'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.1-192.168.10.30',
    message:
      'includes the gateway 192.168.10.1, the VIP 192.168.10.10, homelab-cp-1 (192.168.10.11), homelab-cp-2 (192.168.10.12), homelab-cp-3 (192.168.10.13), homelab-worker-1 (192.168.10.21), homelab-worker-2 (192.168.10.22)',
    fix: 'e.g. 192.168.10.225-192.168.10.254',
  },
  {
    rule: 'the load-balancer range includes the VIP',
    def: lbRange('192.168.10.5-192.168.10.10'),
    path: 'addons.cilium.loadBalancerRange',
    value: '192.168.10.5-192.168.10.10',
    message: 'includes the VIP 192.168.10.10',
    fix: 'e.g. 192.168.10.249-192.168.10.254',
  },
  {
    rule: 'the Argo CD repository is plain http',
    def: addons({ argocd: { bootstrapRepoUrl: 'http://git.home.arpa/homelab-gitops.git', bootstrapRevision: 'v0.1.0' } }),
    path: 'addons.argocd.bootstrapRepoUrl',
    value: 'http://git.home.arpa/homelab-gitops.git',
    message: 'not an https or ssh git URL',
    fix: 'use https: https://git.home.arpa/homelab-gitops.git',
  },
  {
    rule: 'the Argo CD repository has no scheme',
    def: addons({ argocd: { bootstrapRepoUrl: 'github.com/example/homelab-gitops', bootstrapRevision: 'v0.1.0' } }),
    path: 'addons.argocd.bootstrapRepoUrl',
    value: 'github.com/example/homelab-gitops',
    message: 'not an https or ssh git URL',
    fix: 'git@github.com:you/gitops.git',
  },
  {
    rule: 'the Argo CD bootstrap repository has no pinned revision',
    def: addons({ argocd: { bootstrapRepoUrl: 'https://github.com/example/homelab-gitops.git' } }),
    path: 'addons.argocd.bootstrapRevision',
    value: undefined,
    message: 'is required with bootstrapRepoUrl',
    fix: 'set a tag or commit',
  },
  {
    rule: 'the Argo CD bootstrap revision is a branch',
    def: addons({ argocd: { bootstrapRepoUrl: 'https://github.com/example/homelab-gitops.git', bootstrapRevision: 'main' } }),
    path: 'addons.argocd.bootstrapRevision',
    value: 'main',
    message: 'is a branch',
    fix: 'pin a tag or commit',
    severity: 'warning',
  },
  {
    rule: 'the Argo CD domain is not a host name',
    def: addons({ argocd: { domain: 'https://argocd.home.arpa' } }),
    path: 'addons.argocd.domain',
    value: 'https://argocd.home.arpa',
    message: 'is not a host name',
    fix: 'e.g. argocd.home.arpa',
  },
  {
    rule: 'the cert-manager issuer name is not a Kubernetes name',
    def: addons({ certManager: { caIssuerName: 'Homelab CA' } }),
    path: 'addons.certManager.caIssuerName',
    value: 'Homelab CA',
    message: 'not a valid Kubernetes object name',
    fix: 'e.g. homelab-ca',
  },

  // state and rollout
  {
    rule: 's3 state has no bucket',
    def: { ...homelab, state: { type: 's3', bucket: '' } },
    path: 'state.bucket',
    value: '',
    message: 'required for s3 state',
    fix: 'name the bucket',
  },
  {
    rule: 'the worker batch size is 0',
    def: { ...homelab, rollout: { workerBatchSize: 0 } },
    path: 'rollout.workerBatchSize',
    value: 0,
    message: 'would upgrade no worker',
    fix: 'use 1',
  },
  {
    rule: 'the node timeout is 0',
    def: { ...homelab, rollout: { nodeTimeoutMinutes: 0 } },
    path: 'rollout.nodeTimeoutMinutes',
    value: 0,
    message: 'not a positive number of minutes',
    fix: 'use 15 or more',
  },
];

const accepted: { readonly variant: string; readonly def: ClusterDefinition }[] = [
  { variant: 'a single control plane', def: cpPool({ count: 1 }) },
  { variant: 'five control planes', def: cpPool({ count: 5 }) },
  { variant: 'only control planes that run workloads', def: { ...homelab, workers: undefined } },
  {
    variant: 'an ssh bootstrap repository',
    def: addons({ argocd: { bootstrapRepoUrl: 'ssh://git@git.home.arpa:2222/homelab/gitops.git', bootstrapRevision: 'v1.0.0' } }),
  },
  {
    variant: 'an scp-style bootstrap repository',
    def: addons({ argocd: { bootstrapRepoUrl: 'git@github.com:example/homelab-gitops.git', bootstrapRevision: '3f2a9c1' } }),
  },
  {
    variant: 'IP NTP servers and an IPv6 DNS server',
    def: network({ ntpServers: ['162.159.200.1'], dnsServers: ['192.168.10.1', '2606:4700:4700::1111'] }),
  },
  { variant: 'VLAN 4094', def: network({ vlan: 4094 }) },
  { variant: 'Flannel instead of Cilium', def: { ...homelab, addons: { cni: 'flannel', cilium: { enabled: false } } } },
  { variant: 'a worker pool counted right up to the last host address', def: workerPool({ nodes: undefined, count: 2, firstIp: '192.168.10.253' }) },
  { variant: 'explicit, distinct VM IDs and MAC addresses', def: worker(0, { vmId: 9000, macAddress: '02:AB:CD:EF:00:01' }) },
  { variant: 's3 state with a bucket', def: { ...homelab, state: { type: 's3', bucket: 'terraform-state' } } },
  {
    variant: 'one control plane and every worker rebuilt in one deploy',
    def: { ...homelab, allowVmReplacement: ['homelab-worker-1', 'homelab-cp-2', 'homelab-worker-2'] },
  },
  { variant: 'the teardown of a single control plane cluster', def: forTeardown(cpPool({ count: 1 })) },
  { variant: 'the teardown of the example', def: forTeardown(homelab) },
  {
    variant: 'a single Proxmox host',
    def: {
      ...homelab,
      proxmoxHosts: [homelab.proxmoxHosts[0]!],
      workers: { ...homelab.workers, nodes: homelab.workers!.nodes!.map((w) => ({ ...w, host: 'pve1' })) },
    },
  },
  { variant: 'cert-manager disabled', def: addons({ certManager: { enabled: false } }) },
  { variant: 'Argo CD disabled', def: addons({ argocd: { enabled: false } }) },
  { variant: 'VLAN 1', def: network({ vlan: 1 }) },
  {
    variant: "VM IDs at both ends of Proxmox's range",
    def: workerPool({
      nodes: [
        { ...homelab.workers!.nodes![0]!, vmId: 100 },
        { ...homelab.workers!.nodes![1]!, vmId: 999_999_999 },
      ],
    }),
  },
];

describe('validateCluster', () => {
  test('defines no problems for the example cluster', () => {
    // GIVEN
    const def = homelab;

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each(accepted)('defines no problems for $variant', ({ def }) => {
    // GIVEN a valid variant of the example

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems).toEqual([]);
  });

  test.each(cases)('fails when $rule', ({ def, path, value, message, fix, severity, also = [] }) => {
    // GIVEN a realistic bad variant of the example

    // WHEN
    const problems = problemsOf(def);

    // THEN exactly this problem, and the listed consequences of the same mistake: nothing else, nothing twice
    const expected = { severity: severity ?? 'error', path, value, message: expect.stringContaining(message), fix: expect.stringContaining(fix) };
    const consequences = also.map((a) => expect.objectContaining({ severity: a.severity ?? 'error', path: a.path, value: a.value }));
    expect(problems).toHaveLength(1 + also.length);
    expect(problems).toEqual(expect.arrayContaining([expected, ...consequences]));
  });

  test('fails when a definition has several independent errors, reporting them together', () => {
    // GIVEN four unrelated mistakes in one definition
    const def: ClusterDefinition = {
      ...homelab,
      network: { ...homelab.network, gateway: '192.168.20.1' },
      endpoint: { vip: '192.168.10.21' },
      kubernetesVersion: '1.30.4',
      workers: {
        ...homelab.workers,
        nodes: homelab.workers!.nodes!.map((w) => ({ ...w, name: 'homelab-worker-1', host: w.host === 'pve2' ? 'pve3' : w.host })),
      },
    };

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(
      expect.arrayContaining(['network.gateway', 'endpoint.vip', 'kubernetesVersion', 'workers.nodes[1].name', 'workers.nodes[1].host']),
    );
  });

  test('fails when an untyped definition has no network, without throwing', () => {
    // GIVEN a definition written in plain JavaScript that forgot `network`
    const def = { ...homelab, network: undefined } as unknown as ClusterDefinition;

    // WHEN
    const problems = problemsOf(def);

    // THEN
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['network.cidr', 'network.gateway']));
  });
});
