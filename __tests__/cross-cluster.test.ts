import { homelab } from '../clusters/homelab';
import { planCluster } from '../lib/cluster-plan';
import { crossClusterProblems } from '../lib/cross-cluster';

/** A one-node cluster on 10.0.`third`.0/24 with VM IDs from `vmIdBase`. */
function small(name: string, vmIdBase: number, third: number) {
  return planCluster({
    name,
    vmIdBase,
    endpoint: { vip: `10.0.${third}.10` },
    network: { cidr: `10.0.${third}.0/24`, gateway: `10.0.${third}.1` },
    proxmoxHosts: [{ name: 'pve1' }],
    controlPlanes: { count: 1, firstIp: `10.0.${third}.11` },
  });
}

describe('crossClusterProblems', () => {
  test('defines no problems for clusters with their own names, VM IDs and addresses', () => {
    // GIVEN a second cluster on another network and VM ID range
    const lab = planCluster({
      ...homelab,
      name: 'lab',
      vmIdBase: 9000,
      endpoint: { vip: '192.168.20.10' },
      network: { cidr: '192.168.20.0/24', gateway: '192.168.20.1' },
      controlPlanes: { count: 1, firstIp: '192.168.20.11' },
      workers: undefined,
      addons: { cilium: {} },
    });
    // WHEN / THEN
    expect(crossClusterProblems([planCluster(homelab), lab])).toEqual([]);
  });

  test('fails when two clusters share VM IDs, addresses or a name', () => {
    // GIVEN a copy of the example that only changed its name
    const copy = planCluster({ ...homelab, name: 'homelab2' });
    const same = planCluster(homelab);
    // WHEN
    const problems = crossClusterProblems([planCluster(homelab), copy, same]);
    // THEN the copy is told about VM IDs and addresses, the third about its name too
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          cluster: 'homelab2',
          problem: expect.objectContaining({
            path: 'controlPlanes[homelab2-cp-1].vmId',
            value: 8011,
            message: expect.stringContaining('VM ID of cluster homelab'),
          }),
        },
        {
          cluster: 'homelab2',
          problem: expect.objectContaining({
            path: 'endpoint.vip',
            value: '192.168.10.10',
            message: expect.stringContaining('address of cluster homelab'),
          }),
        },
        { cluster: 'homelab', problem: expect.objectContaining({ path: 'name', value: 'homelab' }) },
      ]),
    );
  });

  test('fails on every later cluster with the first owner named, and not on a cluster that repeats its own name', () => {
    // GIVEN b and c claim a's VM ID and addresses, and a second "a" repeats a's name with the same claims
    const plans = [small('a', 9000, 0), small('b', 9000, 0), small('c', 9000, 0), small('a', 9000, 0)];
    const vmId = (cluster: string) => ({
      cluster,
      problem: {
        severity: 'error',
        path: `controlPlanes[${cluster}-cp-1].vmId`,
        value: 9011,
        message: 'is also a VM ID of cluster a (VM IDs are unique in a Proxmox cluster)',
        fix: 'give the clusters disjoint vmIdBase ranges',
      },
    });
    const address = (cluster: string, path: string, value: string) => ({
      cluster,
      problem: { severity: 'error', path, value, message: 'is also an address of cluster a', fix: 'give each cluster its own addresses' },
    });

    // WHEN
    const problems = crossClusterProblems(plans);

    // THEN
    expect(problems).toEqual([
      vmId('b'),
      address('b', 'controlPlanes[b-cp-1].ip', '10.0.0.11'),
      address('b', 'endpoint.vip', '10.0.0.10'),
      vmId('c'),
      address('c', 'controlPlanes[c-cp-1].ip', '10.0.0.11'),
      address('c', 'endpoint.vip', '10.0.0.10'),
      {
        cluster: 'a',
        problem: {
          severity: 'error',
          path: 'name',
          value: 'a',
          message: 'is also the name of another cluster definition',
          fix: 'give each cluster its own name (it is the stack and state name)',
        },
      },
    ]);
  });

  test('defines no problems for clusters that share nothing', () => {
    // GIVEN two one-node clusters on their own networks and VM IDs
    const plans = [small('a', 9000, 0), small('b', 9100, 1)];

    // WHEN
    const problems = crossClusterProblems(plans);

    // THEN
    expect(problems).toEqual([]);
  });
});
