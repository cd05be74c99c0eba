import fs from 'node:fs';
import path from 'node:path';
import * as versions from '../lib/versions';

const root = path.resolve(__dirname, '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'renovate.json'), 'utf8'));
const versionsSource = fs.readFileSync(path.join(root, 'lib', 'versions.ts'), 'utf8');

/** What Renovate's regex manager extracts from lib/versions.ts (Renovate's RE2 syntax is a subset of JS regex). */
function extract(source: string): Array<Record<string, string | undefined>> {
  const manager = config.customManagers.find((m: { managerFilePatterns: string[] }) => m.managerFilePatterns.includes('/^lib/versions\\.ts$/'));
  return (manager.matchStrings as string[]).flatMap((s) => [...source.matchAll(new RegExp(s, 'g'))].map((m) => ({ ...m.groups })));
}

describe('renovate.json', () => {
  test('defines a regex manager that finds every marked constant of lib/versions.ts', () => {
    // GIVEN the constants that carry a `// renovate:` marker
    const marked = [...versionsSource.matchAll(/\/\/ renovate: .*\nexport const (\w+) =/g)].map((m) => m[1]);
    // WHEN
    const found = extract(versionsSource);
    // THEN
    expect(found.map((d) => d.depType)).toEqual(marked);
    expect(marked).toEqual(expect.arrayContaining(['TALOS_VERSION', 'TALOS_CONFIG_CONTRACT', 'KUBERNETES_VERSION', 'CILIUM_CHART_VERSION']));
  });

  test('defines the quoted version, without a leading v, as the current value of each constant', () => {
    // GIVEN / WHEN
    const found: Record<string, Record<string, string | undefined>> = Object.fromEntries(extract(versionsSource).map((d) => [d.depType, d]));
    // THEN every captured value is the constant's value with any `v` prefix left in the file
    for (const [name, dep] of Object.entries(found)) {
      expect(String((versions as Record<string, unknown>)[name]).replace(/^v/, '')).toBe(dep.currentValue);
    }
    expect(found.TALOS_VERSION).toMatchObject({ datasource: 'github-releases', depName: 'siderolabs/talos', extractVersion: undefined });
    expect(found.TALOS_CONFIG_CONTRACT).toMatchObject({ depName: 'siderolabs/talos', extractVersion: '^v(?<version>\\d+\\.\\d+)' });
    expect(found.CILIUM_CHART_VERSION).toMatchObject({ datasource: 'helm', registryUrl: 'https://helm.cilium.io', depName: 'cilium' });
  });

  test('defines the contract extraction so a Talos release tag yields the contract without its v', () => {
    // GIVEN the contract's extractVersion applied to a release tag, as Renovate does
    const contract = extract(versionsSource).find((d) => d.depType === 'TALOS_CONFIG_CONTRACT');
    // WHEN
    const version = new RegExp(contract?.extractVersion ?? '').exec('v1.14.2')?.groups?.version;
    // THEN the file keeps its `v` and gets `v1.14`
    expect(version).toBe('1.14');
    expect(`v${version}`).toMatch(/^v\d+\.\d+$/);
  });

  test('defines contract bumps as dashboard-approved and never automerged', () => {
    // GIVEN / WHEN
    const rule = config.packageRules.find((r: { matchDepTypes?: string[] }) => r.matchDepTypes?.includes('TALOS_CONFIG_CONTRACT'));
    // THEN
    expect(rule).toMatchObject({ dependencyDashboardApproval: true, automerge: false });
    expect(config.enabledManagers).toEqual(expect.arrayContaining(['npm', 'custom.regex']));
  });
});
