import { homelab } from '../clusters/homelab';
import { checkCluster } from '../lib/check-cluster';
import { ClusterDefinition } from '../lib/cluster-definition';
import { placeNodes, PlacementRequest } from '../lib/placement';

const cp = (name: string, extra: Partial<PlacementRequest> = {}): PlacementRequest => ({ name, role: 'controlplane', ...extra });
const worker = (name: string, extra: Partial<PlacementRequest> = {}): PlacementRequest => ({ name, role: 'worker', ...extra });

describe('placeNodes', () => {
  test('defines control planes on distinct hosts while hosts remain', () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1', 'pve2', 'pve3'], [cp('cp-1'), cp('cp-2'), cp('cp-3')]);
    // THEN
    expect(new Set(placed.values()).size).toBe(3);
  });

  test('defines control planes round the hosts in declared order when there are fewer hosts', () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1', 'pve2'], [cp('cp-1'), cp('cp-2'), cp('cp-3')]);
    // THEN
    expect([...placed]).toEqual([
      ['cp-1', 'pve1'],
      ['cp-2', 'pve2'],
      ['cp-3', 'pve1'],
    ]);
  });

  test('defines explicit hosts as given and spreads the rest around them', () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1', 'pve2', 'pve3'], [cp('cp-1', { host: 'pve2' }), cp('cp-2'), cp('cp-3')]);
    // THEN
    expect(placed.get('cp-1')).toBe('pve2');
    expect(new Set(placed.values())).toEqual(new Set(['pve1', 'pve2', 'pve3']));
  });

  test('defines workers on the least-loaded host, preferring hosts with fewer control planes on a tie', () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1', 'pve2', 'pve3'], [cp('cp-1'), cp('cp-2'), worker('w-1'), worker('w-2'), worker('w-3')]);
    // THEN
    expect([placed.get('w-1'), placed.get('w-2'), placed.get('w-3')]).toEqual(['pve3', 'pve3', 'pve1']);
  });

  test("defines only hosts the node's pool allows", () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1', 'pve2', 'pve3'], [cp('cp-1', { allowedHosts: ['pve3'] }), cp('cp-2', { allowedHosts: ['pve3'] })]);
    // THEN
    expect([...placed.values()]).toEqual(['pve3', 'pve3']);
  });

  test('defines no host for a node whose pool allows no declared host', () => {
    // GIVEN / WHEN
    const placed = placeNodes(['pve1'], [worker('w-1', { allowedHosts: ['pve7'] })]);
    // THEN
    expect(placed.has('w-1')).toBe(false);
  });

  test('defines the same control-plane hosts whatever the workers are', () => {
    // GIVEN
    const cps = [cp('cp-1'), cp('cp-2'), cp('cp-3')];
    const hosts = ['pve1', 'pve2'];
    // WHEN
    const without = placeNodes(hosts, cps);
    const withWorkers = placeNodes(hosts, [
      ...cps,
      worker('w-1', { host: 'pve1' }),
      worker('w-2', { host: 'pve2' }),
      worker('w-3', { host: 'pve2' }),
    ]);
    // THEN
    for (const c of cps) expect(withWorkers.get(c.name)).toBe(without.get(c.name));
  });

  test('defines the earlier nodes unchanged when a node is appended', () => {
    // GIVEN
    const nodes = [cp('cp-1'), cp('cp-2'), cp('cp-3'), worker('w-1'), worker('w-2')];
    const before = placeNodes(['pve1', 'pve2', 'pve3'], nodes);
    // WHEN
    const after = placeNodes(['pve1', 'pve2', 'pve3'], [...nodes, worker('w-3')]);
    // THEN
    for (const [name, host] of before) expect(after.get(name)).toBe(host);
  });
});

describe('placement warnings', () => {
  test('defines a warning when every control plane ends up on one host', () => {
    // GIVEN the example with its control planes restricted to pve1
    const def: ClusterDefinition = { ...homelab, controlPlanes: { ...homelab.controlPlanes, hosts: ['pve1'] } };
    // WHEN
    const { plan, problems } = checkCluster(def);
    // THEN
    expect(plan.controlPlanes.map((n) => n.host)).toEqual(['pve1', 'pve1', 'pve1']);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', value: 'pve1', message: expect.stringMatching(/every control plane/) }),
    );
  });

  test('defines no control-plane warning when automatic placement spreads the control planes', () => {
    // GIVEN / WHEN the example as it is
    const { plan, problems } = checkCluster(homelab);
    // THEN
    expect(new Set(plan.controlPlanes.map((n) => n.host))).toEqual(new Set(['pve1', 'pve2']));
    expect(problems.filter((p) => /control plane/.test(p.message))).toEqual([]);
  });
});
