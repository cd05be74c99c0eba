import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { deterministicMac, planCluster, ROLE_DEFAULTS } from '../lib/cluster-plan';
import { KUBERNETES_VERSION, TALOS_CONFIG_CONTRACT, TALOS_VERSION } from '../lib/versions';

/** The least a definition can say: one counted control plane on one host. */
const minimal: ClusterDefinition = {
  name: 'lab',
  endpoint: { vip: '10.0.0.10' },
  network: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
  proxmoxHosts: [{ name: 'pve' }],
  controlPlanes: { count: 1, firstIp: '10.0.0.11' },
};

describe('planCluster', () => {
  test('defines counted control planes with consecutive addresses, names and VM IDs', () => {
    // GIVEN the example: 3 control planes counted from 192.168.10.11

    // WHEN
    const plan = planCluster(homelab);

    // THEN
    expect(plan.controlPlanes.map((n) => [n.name, n.ip, n.vmId, n.index, n.path])).toEqual([
      ['homelab-cp-1', '192.168.10.11', 8011, 0, 'controlPlanes[homelab-cp-1]'],
      ['homelab-cp-2', '192.168.10.12', 8012, 1, 'controlPlanes[homelab-cp-2]'],
      ['homelab-cp-3', '192.168.10.13', 8013, 2, 'controlPlanes[homelab-cp-3]'],
    ]);
  });

  test('defines listed workers after the control planes with worker VM IDs and their paths', () => {
    // GIVEN the example's two listed workers

    // WHEN
    const plan = planCluster(homelab);

    // THEN
    expect(plan.nodes.map((n) => n.role)).toEqual(['controlplane', 'controlplane', 'controlplane', 'worker', 'worker']);
    expect(plan.workers.map((n) => [n.name, n.ip, n.vmId, n.index, n.path, n.host])).toEqual([
      ['homelab-worker-1', '192.168.10.21', 8021, 0, 'workers.nodes[0]', 'pve1'],
      ['homelab-worker-2', '192.168.10.22', 8022, 1, 'workers.nodes[1]', 'pve2'],
    ]);
  });

  test('defines counted workers named <cluster>-worker-<n> from firstIp', () => {
    // GIVEN
    const def: ClusterDefinition = { ...minimal, workers: { count: 2, firstIp: '10.0.0.21' } };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.workers.map((n) => [n.name, n.ip, n.vmId, n.path])).toEqual([
      ['lab-worker-1', '10.0.0.21', 8021, 'workers[lab-worker-1]'],
      ['lab-worker-2', '10.0.0.22', 8022, 'workers[lab-worker-2]'],
    ]);
  });

  test('defines VM IDs as vmIdBase plus the address offset and keeps an explicit vmId', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...minimal,
      vmIdBase: 500,
      workers: {
        nodes: [
          { name: 'lab-w1', ip: '10.0.0.21', vmId: 777 },
          { name: 'lab-w2', ip: '10.0.0.22' },
        ],
      },
    };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.nodes.map((n) => n.vmId)).toEqual([511, 777, 522]);
  });

  test('defines VM IDs that do not move when an earlier listed node is removed', () => {
    // GIVEN two revisions: the second drops the first worker
    const workers = [
      { name: 'lab-w1', ip: '10.0.0.21' },
      { name: 'lab-w2', ip: '10.0.0.22' },
    ];
    const before = planCluster({ ...minimal, workers: { nodes: workers } });

    // WHEN
    const after = planCluster({ ...minimal, workers: { nodes: workers.slice(1) } });

    // THEN lab-w2 keeps its VM ID, so its VM is not replaced
    expect(after.workers[0].vmId).toBe(before.workers[1].vmId);
  });

  test('defines defaults for everything the minimal definition leaves out', () => {
    // GIVEN
    const def = minimal;

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan).toMatchObject({
      talosVersion: TALOS_VERSION,
      configContract: TALOS_CONFIG_CONTRACT,
      kubernetesVersion: KUBERNETES_VERSION,
      extensions: ['siderolabs/qemu-guest-agent'],
      extraKernelArgs: [],
      endpointUrl: 'https://10.0.0.10:6443',
      dnsServers: ['10.0.0.1'],
      ntpServers: ['time.cloudflare.com'],
      podCidr: '10.244.0.0/16',
      serviceCidr: '10.96.0.0/12',
      hosts: [{ name: 'pve', vmDatastore: 'local-lvm', imageDatastore: 'local', imageDatastoreShared: false, bridge: 'vmbr0' }],
      scheduleOnControlPlanes: true,
      platform: 'nocloud',
      nicName: 'eth0',
      kubePrismPort: 7445,
      kubeProxyEnabled: false,
      forwardKubeDnsToHost: true,
      addons: {
        cni: 'none',
        cilium: { enabled: true, gatewayApi: false, hubble: false, extraValuesFiles: [] },
        argocd: { enabled: true, bootstrapPath: 'apps', bootstrapRevision: '' },
        certManager: { enabled: true },
      },
      state: { type: 'local' },
      workerBatchSize: 1,
      nodeTimeoutMinutes: 15,
      allowMachineSecretsReplacement: false,
    });
    expect(plan.nodes[0]).toMatchObject({ ...ROLE_DEFAULTS.controlplane, vmId: 8011, host: 'pve', extraDisks: [] });
  });

  test('defines the endpoint from the DNS name when there is one', () => {
    // GIVEN the example with dnsName k8s.home.arpa

    // WHEN
    const plan = planCluster(homelab);

    // THEN
    expect(plan.endpointUrl).toBe('https://k8s.home.arpa:6443');
    expect(plan.vip).toBe('192.168.10.10');
  });

  test('defines Flannel and kube-proxy when Cilium is off', () => {
    // GIVEN
    const def: ClusterDefinition = { ...minimal, addons: { cilium: { enabled: false } } };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.addons.cni).toBe('flannel');
    expect(plan.kubeProxyEnabled).toBe(true);
  });

  test('defines sizes from the node, then the pool, then the role default', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...minimal,
      workers: {
        memoryGiB: 16,
        extraDisks: [{ sizeGiB: 50 }],
        nodes: [
          { name: 'lab-w1', ip: '10.0.0.21', cores: 8, extraDisks: [{ sizeGiB: 200, datastore: 'ssd' }] },
          { name: 'lab-w2', ip: '10.0.0.22' },
        ],
      },
    };

    // WHEN
    const [w1, w2] = planCluster(def).workers;

    // THEN
    expect([w1.cores, w1.memoryGiB, w1.diskGiB]).toEqual([8, 16, ROLE_DEFAULTS.worker.diskGiB]);
    expect(w1.extraDisks).toEqual([{ sizeGiB: 200, datastore: 'ssd' }]);
    expect([w2.cores, w2.memoryGiB]).toEqual([ROLE_DEFAULTS.worker.cores, 16]);
    expect(w2.extraDisks).toEqual([{ sizeGiB: 50, datastore: 'local-lvm' }]);
  });

  test('defines control planes spread over hosts and keeps explicit hosts', () => {
    // GIVEN the example: workers pinned to pve1 and pve2, control planes placed automatically

    // WHEN
    const plan = planCluster(homelab);

    // THEN
    expect(plan.controlPlanes.map((n) => n.host)).toEqual(['pve1', 'pve2', 'pve1']);
    expect(plan.workers.map((n) => n.host)).toEqual(['pve1', 'pve2']);
  });

  test('defines a deterministic, locally administered unicast MAC per cluster and node', () => {
    // GIVEN
    const mac = deterministicMac('homelab', 'homelab-cp-1');

    // WHEN
    const again = deterministicMac('homelab', 'homelab-cp-1');

    // THEN
    expect(mac).toMatch(/^02(:[0-9A-F]{2}){5}$/);
    expect(again).toBe(mac);
    // pinned: a change of the derivation would change every VM's MAC (and every link selector) on upgrade
    expect(mac).toBe('02:83:FB:BF:07:95');
    expect(deterministicMac('homelab', 'homelab-cp-2')).not.toBe(mac);
    expect(deterministicMac('other', 'homelab-cp-1')).not.toBe(mac);
    expect(planCluster(homelab).nodes[0].macAddress).toBe(mac);
  });

  test('defines an explicit MAC in upper case', () => {
    // GIVEN
    const def: ClusterDefinition = { ...minimal, workers: { nodes: [{ name: 'lab-w1', ip: '10.0.0.21', macAddress: '02:ab:cd:ef:00:01' }] } };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.workers[0].macAddress).toBe('02:AB:CD:EF:00:01');
  });

  test('defines an empty address, without throwing, when a counted address cannot be computed', () => {
    // GIVEN pools with no firstIp, a malformed one, and one that runs past 255.255.255.255
    const def: ClusterDefinition = {
      ...minimal,
      controlPlanes: { count: 1 },
      workers: { count: 3, firstIp: '255.255.255.254' },
    };
    const malformed: ClusterDefinition = { ...minimal, controlPlanes: { count: 1, firstIp: '10.0.0' } };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.controlPlanes.map((n) => n.ip)).toEqual(['']);
    expect(plan.workers.map((n) => n.ip)).toEqual(['255.255.255.254', '255.255.255.255', '']);
    expect(planCluster(malformed).controlPlanes.map((n) => n.ip)).toEqual(['']);
  });

  test('defines listed nodes only when a pool has both count and nodes', () => {
    // GIVEN
    const def: ClusterDefinition = { ...minimal, workers: { count: 5, firstIp: '10.0.0.30', nodes: [{ name: 'lab-w1', ip: '10.0.0.21' }] } };

    // WHEN
    const plan = planCluster(def);

    // THEN
    expect(plan.workers.map((n) => n.name)).toEqual(['lab-w1']);
  });
});
