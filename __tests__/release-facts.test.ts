/**
 * Versions and extensions checked against the committed release facts (lib/facts), and the add-ons against the
 * Kubernetes version (lib/addon-support.ts): what does not exist is an error, what may have been released since the
 * facts were taken is a warning naming their date.
 */
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import releases from '../lib/facts/releases.json';
import { FACTS_DATE, newestTalosRelease, officialExtensionsOf, talosReleaseStatus } from '../lib/facts';
import { Problem } from '../lib/problems';
import { validateCluster } from '../lib/validation';
import { KUBERNETES_VERSION, TALOS_VERSION } from '../lib/versions';

function problemsOf(def: ClusterDefinition, path: string): Problem[] {
  return validateCluster(def, planCluster(def)).filter((p) => p.path === path);
}

const talos = (t: NonNullable<ClusterDefinition['talos']>): ClusterDefinition => ({ ...homelab, talos: { ...homelab.talos, ...t } });

describe('release facts', () => {
  test('defines the pinned Talos and Kubernetes versions as known releases (a Renovate bump needs npm run refresh-facts)', () => {
    // GIVEN / WHEN / THEN
    expect(talosReleaseStatus(TALOS_VERSION)).toEqual({ kind: 'released' });
    expect(problemsOf(homelab, 'kubernetesVersion')).toEqual([]);
    expect(KUBERNETES_VERSION).toBeDefined();
  });

  test('defines talosNewest (the Renovate marker) as the newest stable release of the table', () => {
    // GIVEN the newest stable release of every minor the facts list
    const newest = Object.keys(releases.talos)
      .map((minor) => newestTalosRelease(minor)!)
      .filter((v) => !v.includes('-'));
    // WHEN / THEN a Renovate bump of talosNewest alone fails here until npm run refresh-facts ran
    expect(releases.talosNewest).toBe(newest.at(-1));
  });

  test('defines the official extensions of Talos 1.12 and 1.13 with the guest agent', () => {
    // GIVEN / WHEN / THEN
    for (const v of ['v1.12.0', 'v1.13.9'])
      expect(officialExtensionsOf(v)).toEqual(expect.arrayContaining(['siderolabs/qemu-guest-agent', 'siderolabs/iscsi-tools']));
  });

  test('fails when the Talos version lacks its v', () => {
    // GIVEN / WHEN
    const problems = problemsOf(talos({ version: '1.13.9' }), 'talos.version');
    // THEN
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', value: '1.13.9', fix: 'write "v1.13.9"' })]);
  });

  test('fails when the Talos patch release does not exist', () => {
    // GIVEN a patch far beyond the newest known of its line
    const problems = problemsOf(talos({ version: 'v1.13.99' }), 'talos.version');
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: `is not a Talos release: the newest v1.13 release is ${newestTalosRelease('v1.13')} (lib/facts, as of ${FACTS_DATE})`,
      }),
    ]);
  });

  test('fails when a pre-release that never existed is named', () => {
    // GIVEN / WHEN
    const problems = problemsOf(talos({ version: 'v1.13.0-rc.7' }), 'talos.version');
    // THEN
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', value: 'v1.13.0-rc.7' })]);
  });

  test('defines a warning for the next patch after the newest known one', () => {
    // GIVEN the patch right after the newest known 1.13 release
    const newest = newestTalosRelease('v1.13')!;
    const next = newest.replace(/\d+$/, (p) => String(Number(p) + 1));
    // WHEN
    const problems = problemsOf(talos({ version: next }), 'talos.version');
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`is not released as of ${FACTS_DATE}`) }),
    ]);
  });

  test('fails when the Kubernetes version starts with v', () => {
    // GIVEN / WHEN
    const problems = problemsOf({ ...homelab, kubernetesVersion: 'v1.36.3' }, 'kubernetesVersion');
    // THEN
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', fix: 'write "1.36.3"' })]);
  });

  test('defines a warning for a Kubernetes release newer than the newest known one', () => {
    // GIVEN / WHEN
    const problems = problemsOf({ ...homelab, kubernetesVersion: '1.36.99' }, 'kubernetesVersion');
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`not released as of ${FACTS_DATE}`) }),
    ]);
  });

  test('fails when an extension is misspelled, suggesting the official name', () => {
    // GIVEN / WHEN
    const problems = problemsOf(talos({ extensions: ['siderolabs/qemu-guest-agnet'] }), 'talos.extensions[0]');
    // THEN
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', fix: 'did you mean "siderolabs/qemu-guest-agent"?' })]);
  });

  test('fails when an extension does not exist, listing similar official ones', () => {
    // GIVEN / WHEN
    const problems = problemsOf(talos({ extensions: ['siderolabs/nvidia-drivers'] }), 'talos.extensions[0]');
    // THEN
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', fix: expect.stringMatching(/^use an official name such as "siderolabs\/nvidia-/) }),
    ]);
  });

  test('fails when Kubernetes is newer than cert-manager supports', () => {
    // GIVEN Talos 1.14 (window up to 1.37) with Kubernetes 1.37 and the pinned cert-manager 1.21
    const def: ClusterDefinition = { ...talos({ version: 'v1.14.0-rc.1' }), kubernetesVersion: '1.37.0' };
    // WHEN
    const problems = problemsOf(def, 'kubernetesVersion').filter((p) => p.severity === 'error');
    // THEN
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('is not supported by cert-manager v1.21.2') })]);
  });

  test('defines no cert-manager check when cert-manager is off', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...talos({ version: 'v1.14.0-rc.1' }),
      kubernetesVersion: '1.37.0',
      addons: { ...homelab.addons, certManager: { enabled: false } },
    };
    // WHEN / THEN
    expect(problemsOf(def, 'kubernetesVersion').filter((p) => p.message.includes('cert-manager'))).toEqual([]);
  });
});
