import { homelab } from '../clusters/homelab';
import { planCluster } from '../lib/cluster-plan';
import { crossClusterProblems } from '../lib/cross-cluster';

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
});
