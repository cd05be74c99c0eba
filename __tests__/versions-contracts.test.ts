/**
 * lib/versions.ts against what docs/maintenance.md "Versions" promises: every pinned version is either Renovate-marked or pinned
 * by a prebuilt npm package, the defaults fit together (Kubernetes inside the Talos window, a contract the provider
 * and the OS accept), and the docs table shows the values the code pins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { minorOf } from '../lib/semver';
import { SUPPORTED_CONTRACTS, kubernetesWindowProblem, talosSupport } from '../lib/talos-support';
import * as versions from '../lib/versions';

const root = path.resolve(__dirname, '..');
const versionsSource = fs.readFileSync(path.join(root, 'lib', 'versions.ts'), 'utf8');
const readme = fs.readFileSync(path.join(root, 'docs', 'maintenance.md'), 'utf8');

/** Provider versions fixed by a prebuilt npm package (Renovate's npm manager bumps the package instead). */
const PINNED_BY_PACKAGE: Readonly<Record<string, string>> = {
  HELM_PROVIDER_VERSION: '@cdktf/provider-helm',
  LOCAL_PROVIDER_VERSION: '@cdktf/provider-local',
};

/** The provider version a prebuilt @cdktf/provider-* package wraps (its generator metadata). */
function wrappedProviderVersion(pkg: string): string | undefined {
  const source = fs.readFileSync(require.resolve(`${pkg}/lib/provider/index.js`, { paths: [root] }), 'utf8');
  return /providerVersion: '([^']+)'/.exec(source)?.[1];
}

/** docs/maintenance.md "Versions" table rows: what → version cell. */
function readmeVersions(): Record<string, string> {
  const section = readme.slice(readme.indexOf('\n## Versions\n'), readme.indexOf('\n## Dependencies and why\n'));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'));
  return Object.fromEntries(
    rows.map((l) =>
      l
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim()),
    ),
  );
}

describe('lib/versions.ts', () => {
  test('defines a Renovate marker directly above every version constant not pinned by a prebuilt package', () => {
    // GIVEN every exported string constant, with the line above it
    const constants = [...versionsSource.matchAll(/^(.*)\nexport const (\w+) = '[^']*';/gm)].map((m) => ({ name: m[2], above: m[1] }));
    // WHEN
    const unmarked = constants.filter((c) => !c.above.startsWith('// renovate: ')).map((c) => c.name);
    // THEN
    expect(constants.length).toBeGreaterThanOrEqual(10);
    expect(unmarked.sort()).toEqual(Object.keys(PINNED_BY_PACKAGE).sort());
  });

  test('defines the helm and local provider versions as the ones their prebuilt packages wrap', () => {
    // GIVEN the renovate rule that covers those packages
    const renovate = JSON.parse(fs.readFileSync(path.join(root, 'renovate.json'), 'utf8'));
    const rule = renovate.packageRules.find((r: { matchPackageNames?: string[] }) => r.matchPackageNames?.includes('@cdktf/provider-helm'));
    // WHEN
    const wrapped = Object.fromEntries(Object.entries(PINNED_BY_PACKAGE).map(([name, pkg]) => [name, wrappedProviderVersion(pkg)]));
    // THEN
    expect(wrapped).toEqual({ HELM_PROVIDER_VERSION: versions.HELM_PROVIDER_VERSION, LOCAL_PROVIDER_VERSION: versions.LOCAL_PROVIDER_VERSION });
    expect(rule.matchPackageNames).toEqual(expect.arrayContaining(Object.values(PINNED_BY_PACKAGE)));
  });

  test('defines a Kubernetes default inside the Talos window and a contract the provider, the OS and the documents accept', () => {
    // GIVEN
    const support = talosSupport(versions.TALOS_VERSION);
    const providerMax = versions.PROVIDER_MAX_CONTRACT[versions.TALOS_PROVIDER_VERSION];
    // THEN
    expect(support).toBeDefined();
    expect(kubernetesWindowProblem(versions.TALOS_VERSION, versions.KUBERNETES_VERSION)).toBeUndefined();
    expect(versions.TALOS_CONFIG_CONTRACT).toBe(minorOf(versions.TALOS_VERSION));
    expect(providerMax).toBeDefined();
    expect(Number(versions.TALOS_CONFIG_CONTRACT.split('.')[1])).toBeLessThanOrEqual(Number(providerMax.split('.')[1]));
    expect(SUPPORTED_CONTRACTS).toContain(versions.TALOS_CONFIG_CONTRACT);
  });
});

describe('docs/maintenance.md "Versions"', () => {
  test('defines the table from the values lib/versions.ts pins', () => {
    // WHEN
    const table = readmeVersions();
    // THEN
    expect(table).toEqual({
      Talos: versions.TALOS_VERSION,
      'config contract': versions.TALOS_CONFIG_CONTRACT,
      Kubernetes: versions.KUBERNETES_VERSION,
      'Cilium chart': versions.CILIUM_CHART_VERSION,
      'Argo CD chart': versions.ARGOCD_CHART_VERSION,
      'cert-manager chart': versions.CERT_MANAGER_CHART_VERSION,
      'Gateway API CRDs': versions.GATEWAY_API_VERSION,
      providers: `talos ${versions.TALOS_PROVIDER_VERSION}, proxmox ${versions.PROXMOX_PROVIDER_VERSION}, helm ${versions.HELM_PROVIDER_VERSION}, local ${versions.LOCAL_PROVIDER_VERSION}`,
    });
  });

  test('defines the Kubernetes window it quotes as the one Talos supports', () => {
    // GIVEN
    const support = talosSupport(versions.TALOS_VERSION)!;
    // THEN
    expect(readme).toContain(
      `| Kubernetes | ${versions.KUBERNETES_VERSION} | the default Kubernetes of Talos ${versions.TALOS_VERSION}, inside its window ${support.kubernetesMin}–${support.kubernetesMax} |`,
    );
  });
});
