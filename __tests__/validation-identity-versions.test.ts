import { homelab } from '../clusters/homelab';
import { ClusterDefinition, NodeDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { FACTS_DATE, KUBERNETES_NEWEST, newestTalosRelease, PATCH_SLACK } from '../lib/facts';
import { error, Problem, warning } from '../lib/problems';
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

  test('defines a cluster without vmIdBase (VM IDs derive from the default base)', () => {
    // GIVEN the example cluster without its VM ID base
    const def: ClusterDefinition = { ...homelab, vmIdBase: undefined };
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN nothing is reported
    expect(problems).toEqual([]);
  });

  test('fails when a worker VM ID is fractional', () => {
    // GIVEN the example cluster with one worker pinned to a VM ID that is not a whole number
    const def = worker(0, { vmId: 8021.5 });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN exactly that VM ID is reported
    expect(problems).toEqual([
      error(
        'workers.nodes[0].vmId',
        8021.5,
        "is outside Proxmox's VM ID range 100 to 999999999",
        'use a whole number in that range, or remove vmId to derive it from vmIdBase',
      ),
    ]);
  });

  test('fails when a worker MAC address is the derived MAC address of the next worker', () => {
    // GIVEN worker 1 pinned to the MAC address worker 2 derives from its name
    const derived = planCluster(homelab).nodes.find((n) => n.name === 'homelab-worker-2')!.macAddress;
    const def = worker(0, { macAddress: derived });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN worker 2, which keeps its derived MAC address, is reported as sharing it
    expect(problems).toEqual([
      error(
        'workers.nodes[1].macAddress',
        derived,
        'is also the MAC address of homelab-worker-1',
        'give each node its own macAddress, or remove it to derive a distinct one',
      ),
    ]);
  });

  test('fails when two workers share a name and an explicit MAC address, reporting the name and the MAC address', () => {
    // GIVEN two workers with the same name, both pinned to the same MAC address
    const mac = '02:00:00:00:00:21';
    const def: ClusterDefinition = {
      ...homelab,
      workers: { ...homelab.workers, nodes: homelab.workers!.nodes!.map((w) => ({ ...w, name: 'homelab-worker-1', macAddress: mac })) },
    };
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN the repeated MAC address is reported beside the repeated name, not skipped with it
    expect(problems).toEqual([
      error(
        'workers.nodes[1].name',
        'homelab-worker-1',
        'is already the name of the node at workers.nodes[0].name; node names must be unique',
        'rename it, e.g. homelab-worker-1-b',
      ),
      error(
        'workers.nodes[1].macAddress',
        mac,
        'is also the MAC address of homelab-worker-1',
        'give each node its own macAddress, or remove it to derive a distinct one',
      ),
    ]);
  });

  test('fails when an explicit control plane takes the name of a counted worker, reporting the name only', () => {
    // GIVEN one explicit control plane named like the first counted worker
    const def: ClusterDefinition = {
      ...homelab,
      controlPlanes: { ...homelab.controlPlanes, count: undefined, firstIp: undefined, nodes: [{ name: 'homelab-worker-1', ip: '192.168.10.11' }] },
      workers: { ...homelab.workers, nodes: undefined, count: 2, firstIp: '192.168.10.21' },
    };
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN the repeated name is reported; the counted worker's MAC address, derived from the same name, is not
    expect(problems).toEqual([
      error(
        'workers[homelab-worker-1].name',
        'homelab-worker-1',
        'is already the name of the node at controlPlanes.nodes[0].name; node names must be unique',
        'rename it, e.g. homelab-worker-1-b',
      ),
    ]);
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

  /** The newest known v1.13 release and a patch of that line `ahead` patches beyond it. */
  const newest13 = newestTalosRelease('v1.13')!;
  const beyond13 = (ahead: number): string => newest13.replace(/\d+$/, (p) => String(Number(p) + ahead));
  const nextKubernetes = KUBERNETES_NEWEST.replace(/\d+$/, (p) => String(Number(p) + 1));
  const refresh = 'npm run refresh-facts';

  test.each([
    {
      variant: 'a Talos version without its leading v',
      def: talos({ version: '1.13.9' }),
      problems: [
        error('talos.version', '1.13.9', 'lacks the leading v of Talos release tags (the image and installer URLs use the tag)', 'write "v1.13.9"'),
      ],
    },
    {
      variant: 'a Talos version of an unknown two-digit major',
      def: talos({ version: 'v10.0.0' }),
      problems: [
        error(
          'talos.version',
          'v10.0.0',
          'is a Talos minor this project does not know (it knows v1.10, v1.11, v1.12, v1.13, v1.14)',
          'use a release of a known minor, e.g. v1.13.9',
        ),
      ],
    },
    {
      variant: 'a Talos patch too far beyond the newest known one to be released since',
      def: talos({ version: beyond13(PATCH_SLACK + 1) }),
      problems: [
        error(
          'talos.version',
          beyond13(PATCH_SLACK + 1),
          `is not a Talos release: the newest v1.13 release is ${newest13} (lib/facts, as of ${FACTS_DATE})`,
          `use ${newest13} or an older patch of the line (if ${beyond13(PATCH_SLACK + 1)} was released since, run ${refresh})`,
        ),
      ],
    },
    {
      variant: 'the Talos patch after the newest known one',
      def: talos({ version: beyond13(1) }),
      problems: [
        warning(
          'talos.version',
          beyond13(1),
          `is not released as of ${FACTS_DATE} (lib/facts; the newest v1.13 release then was ${newest13}); the Image Factory check at plan time will tell`,
          `use ${newest13}, or run ${refresh} if it was released since`,
        ),
      ],
    },
    {
      variant: 'a Kubernetes version with a leading v',
      def: { ...homelab, kubernetesVersion: 'v1.36.3' },
      problems: [
        error(
          'kubernetesVersion',
          'v1.36.3',
          'starts with v; a definition writes Kubernetes versions without it, like KUBERNETES_VERSION (1.36.3)',
          'write "1.36.3"',
        ),
      ],
    },
    {
      variant: 'the Kubernetes patch after the newest known one',
      def: { ...homelab, kubernetesVersion: nextKubernetes },
      problems: [
        warning(
          'kubernetesVersion',
          nextKubernetes,
          `is not released as of ${FACTS_DATE} (lib/facts; the newest Kubernetes release then was ${KUBERNETES_NEWEST})`,
          `use ${KUBERNETES_NEWEST}, or run ${refresh} if it was released since`,
        ),
      ],
    },
    {
      variant: 'a config contract written as a release of another minor',
      def: talos({ configContract: '1.12.0' }),
      problems: [error('talos.configContract', '1.12.0', 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.12')],
    },
    {
      variant: 'a config contract with a patch',
      def: talos({ configContract: 'v1.13.0' }),
      problems: [error('talos.configContract', 'v1.13.0', 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.13')],
    },
    {
      variant: 'a config contract with a stray character before the v',
      def: talos({ configContract: 'xv1.12' }),
      problems: [error('talos.configContract', 'xv1.12', 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.13')],
    },
    {
      variant: 'a config contract that is not a version at all',
      def: talos({ configContract: 'latest' }),
      problems: [error('talos.configContract', 'latest', 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.13')],
    },
    {
      variant: 'a config contract that is a number, as an untyped definition can have',
      def: talos({ configContract: 1.13 as unknown as string }),
      problems: [error('talos.configContract', 1.13, 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.13')],
    },
    {
      variant: 'a config contract of a two-digit major',
      def: talos({ configContract: 'v10.0' }),
      problems: [
        error(
          'talos.configContract',
          'v10.0',
          'is newer than the Talos provider 0.11.0 can generate (up to v1.13)',
          'use v1.13 or older, or bump TALOS_PROVIDER_VERSION in lib/versions.ts',
        ),
        error(
          'talos.configContract',
          'v10.0',
          "is newer than the nodes' Talos v1.13.9, which would reject documents it does not know",
          'use v1.13 or older',
        ),
        error('talos.configContract', 'v10.0', 'is not a contract the document builder speaks (v1.12, v1.13)', 'use one of v1.12, v1.13'),
      ],
    },
    {
      variant: 'a Talos version that is a list, as an untyped definition can have',
      def: talos({ version: ['v1.13.9'] as unknown as string }),
      problems: [error('talos.version', ['v1.13.9'], 'is not a Talos release (vMAJOR.MINOR.PATCH)', 'write a release such as v1.13.9')],
    },
    {
      variant: 'a Kubernetes version that is a list, as an untyped definition can have',
      def: { ...homelab, kubernetesVersion: ['1.36.3'] as unknown as string },
      problems: [
        error(
          'kubernetesVersion',
          ['1.36.3'],
          'is not a Kubernetes release (MAJOR.MINOR.PATCH, the image tags need the patch)',
          'write a release such as 1.36.3',
        ),
      ],
    },
    {
      variant: 'a config contract that is a list, as an untyped definition can have',
      def: talos({ configContract: ['v1.13'] as unknown as string }),
      problems: [error('talos.configContract', ['v1.13'], 'is not a config contract (vMAJOR.MINOR)', 'write it as v1.13')],
    },
  ])('fails when the definition has $variant', ({ def, problems: expected }) => {
    // GIVEN the example cluster with one version field changed
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN exactly the version's problem is reported, worded in full
    expect(problems).toEqual(expected);
  });

  test('defines a Talos pre-release that the facts know', () => {
    // GIVEN Talos 1.14's release candidate, whose window still holds the pinned Kubernetes
    const def = talos({ version: 'v1.14.0-rc.1' });
    // WHEN it is validated
    const problems = problemsOf(def);
    // THEN nothing is reported
    expect(problems).toEqual([]);
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
