/**
 * The definition's shape is checked at run time as strictly as its TypeScript type (lib/validation/structure.ts,
 * against the schema generated from lib/cluster-definition.ts): `npm run synth` has no type-check, so a typo must
 * not be silently ignored.
 */
import { homelab } from '../clusters/homelab';
import { checkDefinition } from '../lib/check-cluster';
import { closestName, structureProblems } from '../lib/validation/structure';

/** The example with `patch` spread over it: a definition as an untyped user file could write it. */
function variant(patch: Record<string, unknown>): unknown {
  return { ...homelab, ...patch };
}

interface ShapeCase {
  readonly mistake: string;
  readonly def: unknown;
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
}

const cases: ShapeCase[] = [
  {
    mistake: 'a misspelled top-level key',
    def: variant({ kubernetesVerison: '1.36.3' }),
    path: 'kubernetesVerison',
    value: '1.36.3',
    message: 'is not a field of a cluster definition',
    fix: 'did you mean `kubernetesVersion`?',
  },
  {
    mistake: 'a misspelled pool key',
    def: variant({ workers: { ...homelab.workers, memoryGib: 16 } }),
    path: 'workers.memoryGib',
    value: 16,
    message: 'is not a field of workers',
    fix: 'did you mean `memoryGiB`?',
  },
  {
    mistake: 'a misspelled node key',
    def: variant({ workers: { nodes: [{ ...homelab.workers!.nodes![0], hots: 'pve1' }] } }),
    path: 'workers.nodes[0].hots',
    value: 'pve1',
    message: 'is not a field of workers.nodes[0]',
    fix: 'did you mean `host`?',
  },
  {
    mistake: 'a misspelled extra-disk key',
    def: variant({ workers: { nodes: [{ ...homelab.workers!.nodes![0], extraDisks: [{ sizeGiB: 10, datastor: 'ssd' }] }] } }),
    path: 'workers.nodes[0].extraDisks[0].datastor',
    value: 'ssd',
    message: 'is not a field of workers.nodes[0].extraDisks[0]',
    fix: 'did you mean `datastore`?',
  },
  {
    mistake: 'a misspelled host key',
    def: variant({ proxmoxHosts: [{ name: 'pve1', vmDatastor: 'ssd' }] }),
    path: 'proxmoxHosts[0].vmDatastor',
    value: 'ssd',
    message: 'is not a field of proxmoxHosts[0]',
    fix: 'did you mean `vmDatastore`?',
  },
  {
    mistake: 'a misspelled network key',
    def: variant({ network: { ...homelab.network, ntp: ['pool.ntp.org'] } }),
    path: 'network.ntp',
    value: ['pool.ntp.org'],
    message: 'is not a field of network',
    fix: 'remove it; the fields of network are cidr, gateway, dnsServers, ntpServers, bridge, vlan',
  },
  {
    mistake: 'a misspelled add-on key',
    def: variant({ addons: { cilium: { hubbel: true } } }),
    path: 'addons.cilium.hubbel',
    value: true,
    message: 'is not a field of addons.cilium',
    fix: 'did you mean `hubble`?',
  },
  {
    mistake: 'a misspelled state key',
    def: variant({ state: { type: 's3', bucket: 'tf', regoin: 'eu-1' } }),
    path: 'state.regoin',
    value: 'eu-1',
    message: 'is not a field of state',
    fix: 'did you mean `region`?',
  },
  {
    mistake: 'a misspelled rollout key',
    def: variant({ rollout: { nodeTimeout: 20 } }),
    path: 'rollout.nodeTimeout',
    value: 20,
    message: 'is not a field of rollout',
    fix: 'did you mean `nodeTimeoutMinutes`?',
  },
  {
    mistake: 'a size written as a string',
    def: variant({ workers: { ...homelab.workers, memoryGiB: '16' } }),
    path: 'workers.memoryGiB',
    value: '16',
    message: 'is a string, not a number',
    fix: 'write a number without quotes',
  },
  {
    mistake: 'a list written as one string',
    def: variant({ talos: { extensions: 'siderolabs/qemu-guest-agent' } }),
    path: 'talos.extensions',
    value: 'siderolabs/qemu-guest-agent',
    message: 'is a string, not a list',
    fix: 'write a list in brackets',
  },
  {
    mistake: 'a value outside its set',
    def: variant({ addons: { cni: 'flanel', cilium: { enabled: false } } }),
    path: 'addons.cni',
    value: 'flanel',
    message: 'is not one of "none", "flannel"',
    fix: 'did you mean "flannel"?',
  },
  {
    mistake: 'an unknown state backend',
    def: variant({ state: { type: 'gcs' } }),
    path: 'state.type',
    value: 'gcs',
    message: 'is not one of "local", "s3", "pg"',
    fix: 'use one of "local", "s3", "pg"',
  },
  {
    mistake: 'a field of another state backend',
    def: variant({ state: { type: 'local', bucket: 'tf' } }),
    path: 'state.bucket',
    value: 'tf',
    message: 'is not a field of state',
    fix: 'remove it; the fields of state are type, path',
  },
  {
    mistake: 'a missing required field',
    def: variant({ endpoint: { dnsName: 'k8s.home.arpa' } }),
    path: 'endpoint.vip',
    value: undefined,
    message: 'is required in endpoint',
    fix: 'set vip',
  },
];

describe('definition structure', () => {
  test('defines no shape problem for the example cluster', () => {
    // GIVEN / WHEN
    const check = structureProblems(homelab);
    // THEN
    expect(check).toEqual({ problems: [], typesValid: true });
  });

  test.each(cases)('fails when $mistake', ({ def, path, value, message, fix }) => {
    // GIVEN a definition with one shape mistake / WHEN
    const { problems } = structureProblems(def);
    // THEN exactly that mistake is reported, naming the path, the value and the fix
    expect(problems).toEqual([{ severity: 'error', path, value, message: expect.stringContaining(message), fix: expect.stringContaining(fix) }]);
  });

  test('fails when a definition has several shape mistakes, reporting all of them at once', () => {
    // GIVEN unknown keys at four depths and a wrong type
    const def = variant({
      nmae: 'x',
      workers: { ...homelab.workers, memoryGib: 16, nodes: [{ ...homelab.workers!.nodes![0], cpus: 2, extraDisks: [{ sizeGb: 10 }] }] },
      rollout: { workerBatchSize: '2' },
    });
    // WHEN
    const { problems, typesValid } = structureProblems(def);
    // THEN
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'nmae',
        'rollout.workerBatchSize',
        'workers.memoryGib',
        'workers.nodes[0].cpus',
        'workers.nodes[0].extraDisks[0].sizeGb',
        'workers.nodes[0].extraDisks[0].sizeGiB',
      ].sort(),
    );
    expect(typesValid).toBe(false);
  });

  test('fails when a value has the wrong type, without running the rules that would misread it', () => {
    // GIVEN pools that are not objects (the rules would expand and place them)
    const def = variant({ controlPlanes: 3, workers: [] });
    // WHEN
    const checked = checkDefinition(def);
    // THEN only the shape is reported, and no plan is made
    expect(checked.plan).toBeUndefined();
    expect(checked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'controlPlanes: is a number, not an object',
      'workers: is a list, not an object',
    ]);
  });

  test('defines the other rules next to unknown keys (an unknown key is never read)', () => {
    // GIVEN a typo and an independent rule violation
    const def = variant({ workers: { ...homelab.workers, memoryGib: 16 }, network: { ...homelab.network, gateway: '192.168.99.1' } });
    // WHEN
    const { problems } = checkDefinition(def);
    // THEN
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['workers.memoryGib', 'network.gateway']));
  });

  test('defines did-you-mean only for plausible typos', () => {
    // GIVEN / WHEN / THEN
    expect(closestName('memorygib', ['cores', 'memoryGiB'])).toBe('memoryGiB');
    expect(closestName('vmid', ['vmId', 'ip'])).toBe('vmId');
    expect(closestName('colour', ['cores', 'memoryGiB', 'diskGiB'])).toBeUndefined();
  });
});
