import { homelab } from '../clusters/homelab';
import { ClusterDefinition, NodeDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { Problem } from '../lib/problems';
import { validateCluster } from '../lib/validation';

/** Validates a definition the way the app does. */
function problemsOf(def: ClusterDefinition): Problem[] {
  return validateCluster(def, planCluster(def));
}

const worker = (i: number, n: Partial<NodeDefinition>): ClusterDefinition => ({
  ...homelab,
  workers: { ...homelab.workers, nodes: homelab.workers!.nodes!.map((w, j) => (j === i ? { ...w, ...n } : w)) },
});
const talos = (t: NonNullable<ClusterDefinition['talos']>): ClusterDefinition => ({ ...homelab, talos: { ...homelab.talos, ...t } });

describe('VM identity', () => {
  it.each([100, 999_999_999])('defines a worker with the boundary VM ID %d', (vmId) => {
    // GIVEN the example cluster with one worker pinned to a VM ID at the edge of Proxmox's range
    const def = worker(0, { vmId });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN nothing is reported
    expect(problems).toEqual([]);
  });

  it.each([99, 1_000_000_000])('fails when a worker VM ID is %d, just outside Proxmox range', (vmId) => {
    // GIVEN the example cluster with one worker pinned just outside Proxmox's range
    const def = worker(0, { vmId });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN the worker's VM ID is reported
    expect(problems.map((p) => [p.path, p.value])).toEqual([['workers.nodes[0].vmId', vmId]]);
  });

  it.each(['xBC:24:11:00:00:01', 'BC:24:11:00:00:01x'])('fails when a worker MAC address %s has extra characters', (macAddress) => {
    // GIVEN a MAC with a stray character before or after an otherwise valid address
    const def = worker(0, { macAddress });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN the MAC is reported
    expect(problems.map((p) => [p.path, p.value])).toEqual([['workers.nodes[0].macAddress', macAddress]]);
  });
});

describe('versions', () => {
  it.each(['xv1.9.5', 'v1.9.5x'])('fails when the Talos version %s has extra characters', (version) => {
    // GIVEN a Talos version with a stray character before or after a release tag
    const def = talos({ version });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN the version is reported as not a release
    expect(problems.filter((p) => p.path === 'talos.version').map((p) => p.message)).toEqual(['is not a Talos release (vMAJOR.MINOR.PATCH)']);
  });
});

describe('allowVmReplacement', () => {
  it('fails when allowVmReplacement names a node the cluster does not have', () => {
    // GIVEN the example cluster allowing the rebuild of a misspelled node
    const def: ClusterDefinition = { ...homelab, allowVmReplacement: ['wrker-1'] };
    const names = planCluster(def).nodes.map((n) => n.name);
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN exactly that entry is reported, with the cluster's node names as the fix
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'allowVmReplacement[0]',
        value: 'wrker-1',
        message: 'is not a node of this cluster (removing a node never needs it)',
        fix: `name one of [${names.join(', ')}], or remove the entry`,
      }),
    ]);
  });
});
