/**
 * Parsers of talosctl output (rollout/talosctl-output.ts), on text in the formats siderolabs/talos prints.
 */
import {
  hasManifestChanges,
  manifestChanges,
  parseClientTag,
  parseEtcdMembers,
  parseResourceStream,
  parseServerTag,
  schematicFromExtensions,
  SecretDiffRedactor,
  versionFromImage,
} from '../rollout/talosctl-output';

/** Feeds a whole output line by line through the redactor the runner streams upgrade-k8s output through. */
function redactSecretDiffs(text: string): string {
  const r = new SecretDiffRedactor();
  return text
    .split('\n')
    .map((l) => r.push(l))
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

const VERSION_OUTPUT = [
  'Client:',
  '\tTag:         v1.13.9',
  '\tSHA:         3ebd10a7',
  '\tBuilt:       ',
  '\tGo version:  go1.25.4',
  '\tOS/Arch:     linux/amd64',
  'Server:',
  '\tNODE:        10.5.0.11',
  '\tTag:         v1.13.10',
  '\tSHA:         5f1e2a3b',
  '\tBuilt:       ',
  '\tGo version:  go1.25.4',
  '\tOS/Arch:     linux/amd64',
  '\tEnabled:     RBAC',
  '',
].join('\n');

describe('talosctl output parsers', () => {
  test('defines the resources of a `get -o json` stream of indented objects, braces in strings included', () => {
    // GIVEN two resources back to back, as output/json.go writes them
    const text = [
      '{',
      '    "metadata": {',
      '        "id": "0",',
      '        "namespace": "runtime",',
      '        "type": "ExtensionStatuses.runtime.talos.dev"',
      '    },',
      '    "node": "10.5.0.11",',
      '    "spec": {',
      '        "image": "000.qemu-guest-agent.sqsh",',
      '        "metadata": { "name": "qemu-guest-agent", "version": "10.1.2", "description": "uses { and } and \\"quotes\\"" }',
      '    }',
      '}',
      '{',
      '    "metadata": { "id": "1", "namespace": "runtime", "type": "ExtensionStatuses.runtime.talos.dev" },',
      '    "node": "10.5.0.11",',
      '    "spec": { "image": "001.schematic.sqsh", "metadata": { "name": "schematic", "version": "' + 'e'.repeat(64) + '" } }',
      '}',
      '',
    ].join('\n');

    // WHEN
    const resources = parseResourceStream(text);

    // THEN
    expect(resources.map((r) => r.metadata.id)).toEqual(['0', '1']);
    expect(schematicFromExtensions(resources)).toBe('e'.repeat(64));
    expect(schematicFromExtensions(resources.slice(0, 1))).toBeUndefined();
    expect(parseResourceStream('')).toEqual([]);
  });

  test('fails when the JSON stream is truncated', () => {
    // GIVEN / WHEN / THEN
    expect(() => parseResourceStream('{ "node": "a", "spec": {')).toThrow('truncated');
  });

  test('defines the server and client tags of `talosctl version`', () => {
    // GIVEN / WHEN / THEN
    expect(parseServerTag(VERSION_OUTPUT)).toBe('v1.13.10');
    expect(parseClientTag(VERSION_OUTPUT)).toBe('v1.13.9');
    expect(parseServerTag(VERSION_OUTPUT.split('Server:')[0])).toBeUndefined();
  });

  test('defines the etcd members of the table, with or without the NODE and LEARNER columns', () => {
    // GIVEN
    const current = [
      'NODE        ID             HOSTNAME    PEER URLS                CLIENT URLS              LEARNER',
      '10.5.0.11   1a2b3c4d5e6f   test-cp-1   https://10.5.0.11:2380   https://10.5.0.11:2379   false',
      '10.5.0.11   1a2b3c4d5e70   test-cp-2   https://10.5.0.12:2380   https://10.5.0.12:2379   true',
    ].join('\n');
    const older = [
      'ID             HOSTNAME    PEER URLS                CLIENT URLS',
      '1a2b3c4d5e6f   test-cp-1   https://10.5.0.11:2380   https://10.5.0.11:2379',
    ].join('\n');

    // WHEN / THEN
    expect(parseEtcdMembers(current)).toEqual([
      { hostname: 'test-cp-1', learner: false },
      { hostname: 'test-cp-2', learner: true },
    ]);
    expect(parseEtcdMembers(older)).toEqual([{ hostname: 'test-cp-1', learner: false }]);
    expect(parseEtcdMembers('')).toEqual([]);
  });

  test('defines the version in an image tag, ignoring registry ports and digests', () => {
    // GIVEN / WHEN / THEN
    expect(versionFromImage('ghcr.io/siderolabs/kubelet:v1.36.3')).toBe('1.36.3');
    expect(versionFromImage('registry.local:5000/kube-apiserver:v1.35.9@sha256:abc')).toBe('1.35.9');
    expect(versionFromImage('registry.local:5000/kube-apiserver')).toBeUndefined();
  });

  test('defines manifest changes of an upgrade-k8s dry run, unchanged ones not counting', () => {
    // GIVEN
    const unchanged = [
      'updating manifests (dry run)',
      ' < unchanged ConfigMap/kube-system/cilium-config',
      ' < unchanged Secret/kube-system/hubble-ca',
    ].join('\n');
    const changed = `${unchanged}\n < configured DaemonSet/kube-system/cilium\n--- a/apps/v1.DaemonSet/kube-system/cilium\n+++ b/apps/v1.DaemonSet/kube-system/cilium\n < Pruned \n`;

    // WHEN / THEN
    expect(hasManifestChanges(unchanged)).toBe(false);
    expect(hasManifestChanges(changed)).toBe(true);
    expect(manifestChanges(changed).map((c) => c.action)).toEqual(['unchanged', 'unchanged', 'configured', 'Pruned']);
  });

  test('defines Secret diffs as hidden, by subject or by diff header, and other diffs as shown', () => {
    // GIVEN
    const text = [
      'updating manifests (dry run)',
      ' < configured Secret/kube-system/hubble-ca',
      '--- a/v1.Secret/kube-system/hubble-ca',
      '+++ b/v1.Secret/kube-system/hubble-ca',
      '@@ -1,2 +1,2 @@',
      '-  ca.key: T0xE',
      '+  ca.key: TkVX',
      ' < configured ConfigMap/kube-system/cilium-config',
      '--- a/v1.ConfigMap/kube-system/cilium-config',
      '+++ b/v1.ConfigMap/kube-system/cilium-config',
      '-  chart: 1.0.0',
      '+  chart: 1.1.0',
      ' < Pruned ',
      '--- a/v1.Secret/kube-system/old-token',
      '+++ b/v1.Secret/kube-system/old-token',
      '-  token: UFJVTkVE',
      ' > "10.5.0.11": starting update',
    ].join('\n');

    // WHEN
    const shown = redactSecretDiffs(text);

    // THEN
    expect(shown).not.toMatch(/T0xE|TkVX|UFJVTkVE/);
    expect(shown).toContain(' < configured Secret/kube-system/hubble-ca   (Secret: diff hidden)');
    expect(shown).toContain('+  chart: 1.1.0');
    expect(shown).toContain('   (Secret: diff hidden)');
    expect(shown).toContain(' > "10.5.0.11": starting update');
  });
});
