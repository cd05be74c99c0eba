/**
 * The example cluster: 3 control planes and 2 workers on two Proxmox hosts, Cilium with an L2 load-balancer
 * pool, Argo CD and cert-manager. Copy this file to describe your own cluster and add it to `clusters/index.ts`.
 */
import { ClusterDefinition } from '../lib/cluster-definition';

/** The homelab cluster. */
export const homelab: ClusterDefinition = {
  name: 'homelab',
  endpoint: { vip: '192.168.10.10', dnsName: 'k8s.home.arpa' },
  network: {
    cidr: '192.168.10.0/24',
    gateway: '192.168.10.1',
    dnsServers: ['192.168.10.1'],
    ntpServers: ['time.cloudflare.com'],
    bridge: 'vmbr0',
  },
  proxmoxHosts: [
    { name: 'pve1', vmDatastore: 'local-lvm', imageDatastore: 'local' },
    { name: 'pve2', vmDatastore: 'local-lvm', imageDatastore: 'local' },
  ],
  vmIdBase: 8000,
  controlPlanes: { count: 3, firstIp: '192.168.10.11', cores: 2, memoryGiB: 4, diskGiB: 20 },
  workers: {
    nodes: [
      { name: 'homelab-worker-1', ip: '192.168.10.21', host: 'pve1', extraDisks: [{ sizeGiB: 100 }] },
      { name: 'homelab-worker-2', ip: '192.168.10.22', host: 'pve2', extraDisks: [{ sizeGiB: 100 }] },
    ],
    cores: 4,
    memoryGiB: 8,
    diskGiB: 50,
  },
  talos: { extensions: ['siderolabs/qemu-guest-agent'] },
  addons: {
    cilium: { loadBalancerRange: '192.168.10.200-192.168.10.220' },
    argocd: { bootstrapRepoUrl: 'https://github.com/example/homelab-gitops.git', bootstrapPath: 'apps', bootstrapRevision: 'v0.1.0' },
    certManager: { caIssuerName: 'homelab-ca' },
  },
};
