import { homelab } from '../clusters/homelab';
import { CERT_MANAGER_SUPPORT } from '../lib/addon-support';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { Problem } from '../lib/problems';
import { addonVersionProblems } from '../lib/validation/addon-versions';
import { validationContext } from '../lib/validation/context';

/** The add-on/Kubernetes problems of the example cluster on `kubernetesVersion`. */
function problemsOf(kubernetesVersion: string, certManager = true): Problem[] {
  const def: ClusterDefinition = { ...homelab, kubernetesVersion, addons: { ...homelab.addons, certManager: { enabled: certManager } } };
  return addonVersionProblems(validationContext(def, planCluster(def)));
}

/** The pinned cert-manager v1.21.2 supports Kubernetes 1.33 to 1.36 (lib/addon-support.ts). */
const unsupported = (kubernetesVersion: string, minor: string): Problem => ({
  severity: 'error',
  path: 'kubernetesVersion',
  value: kubernetesVersion,
  message: 'is not supported by cert-manager v1.21.2 (CERT_MANAGER_CHART_VERSION in lib/versions.ts), which supports Kubernetes 1.33 to 1.36',
  fix: `use Kubernetes 1.33.x to 1.36.x, move CERT_MANAGER_CHART_VERSION to a release that supports ${minor}, or disable cert-manager (addons.certManager.enabled: false)`,
});

afterEach(() => jest.restoreAllMocks());

describe('add-on releases against the Kubernetes version', () => {
  test.each(['1.33.0', '1.36.9'])('defines Kubernetes %s, at an edge of the pinned cert-manager window, as supported', (kubernetesVersion) => {
    // GIVEN cert-manager on, Kubernetes at the oldest or newest supported minor
    // WHEN
    const problems = problemsOf(kubernetesVersion);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['1.32.4', '1.32'],
    ['1.37.0', '1.37'],
  ])('fails when Kubernetes %s is just outside the pinned cert-manager window', (kubernetesVersion, minor) => {
    // GIVEN cert-manager on, Kubernetes one minor below or above its window
    // WHEN
    const problems = problemsOf(kubernetesVersion);
    // THEN
    expect(problems).toEqual([unsupported(kubernetesVersion, minor)]);
  });

  test('defines no cert-manager check when cert-manager is off', () => {
    // GIVEN cert-manager off on an unsupported Kubernetes
    // WHEN
    const problems = problemsOf('1.37.0', false);
    // THEN
    expect(problems).toEqual([]);
  });

  test('defines no cert-manager check when the Kubernetes version is malformed (the version rules report it)', () => {
    // GIVEN
    // WHEN
    const problems = problemsOf('latest');
    // THEN
    expect(problems).toEqual([]);
  });

  test('defines no cert-manager check when the pinned cert-manager version is malformed', () => {
    // GIVEN a chart version that is not a version
    jest.replaceProperty(CERT_MANAGER_SUPPORT, 'version', 'main');
    // WHEN
    const problems = problemsOf('1.37.0');
    // THEN
    expect(problems).toEqual([]);
  });

  test('fails when the pinned cert-manager release has no entry in the table, as a warning that nothing was checked', () => {
    // GIVEN a cert-manager release newer than the table
    jest.replaceProperty(CERT_MANAGER_SUPPORT, 'version', 'v1.22.0');
    // WHEN
    const problems = problemsOf('1.36.3');
    // THEN
    expect(problems).toEqual([
      {
        severity: 'warning',
        path: 'addons.certManager',
        value: 'v1.22.0',
        message:
          'cert-manager v1.22.0 has no entry in the Kubernetes compatibility table (lib/addon-support.ts), so Kubernetes 1.36.3 was not checked against it',
        fix: "add v1.22 with its supported Kubernetes minors from the add-on's release notes",
      },
    ]);
  });
});
