/**
 * What issue 5 and README "Add-on upgrades" promise about the objects installed beside the charts: the Argo CD
 * app-of-apps Application from the definition at a pinned revision, the optional cert-manager self-signed root that
 * issues a CA ClusterIssuer, the chart CRDs those objects need, and no secret in any chart's values.
 */
import { validPlan } from './support/valid-plan';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { homelab } from '../clusters/homelab';
import { HelmProvider, TerraformStack, Testing } from '../constructs/cdk';
import { ClusterAddons } from '../constructs/cluster-addons';
import { ClusterDefinition } from '../lib/cluster-definition';
import { KubernetesObject } from '../lib/k8s-objects';

const root = path.resolve(__dirname, '..');
const tempDirs: string[] = [];

function addonsOf(def: ClusterDefinition, valuesDir?: string): ClusterAddons {
  const stack = new TerraformStack(Testing.app(), 'test');
  new HelmProvider(stack, 'helm', {});
  return new ClusterAddons(stack, 'addons', { plan: validPlan(def), ...(valuesDir ? { valuesDir } : {}) });
}

function find(objects: readonly KubernetesObject[], kind: string, name: string): KubernetesObject & { spec?: Record<string, any> } {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as KubernetesObject & { spec?: Record<string, any> };
}

/** helm-values/ copied, with `file` rewritten by `edit`. */
function valuesDirWith(file: string, edit: (values: Record<string, any>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-values-'));
  tempDirs.push(dir);
  fs.cpSync(path.join(root, 'helm-values'), dir, { recursive: true });
  const values = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  edit(values);
  fs.writeFileSync(path.join(dir, file), YAML.stringify(values));
  return dir;
}

/** Paths of string values under keys that name a credential. */
function literalSecrets(values: unknown, at = ''): string[] {
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values as Record<string, unknown>).flatMap(([key, value]) => {
    const here = at ? `${at}.${key}` : key;
    if (typeof value === 'string' && value !== '' && /password|passwd|secret|token|private.?key|api.?key|credential/i.test(key)) return [here];
    return literalSecrets(value, here);
  });
}

afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('add-on bootstrap objects', () => {
  test('defines the Argo CD app-of-apps Application from the definition, at its pinned revision', () => {
    // GIVEN the example's bootstrap repository, path and tag
    const argocd = homelab.addons!.argocd!;
    // WHEN
    const app = find(addonsOf(homelab).addonResources, 'Application', 'app-of-apps');
    // THEN
    expect(app.metadata.namespace).toBe('argocd');
    expect(app.spec?.source).toEqual({ repoURL: argocd.bootstrapRepoUrl, path: argocd.bootstrapPath, targetRevision: argocd.bootstrapRevision });
    expect(app.spec?.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
  });

  test('defines the cert-manager CA chain: a self-signed issuer signs the root certificate the CA issuer serves', () => {
    // GIVEN the example's CA issuer name
    const issuer = homelab.addons!.certManager!.caIssuerName!;
    const objects = addonsOf(homelab).addonResources;
    // WHEN
    const selfSigned = find(objects, 'ClusterIssuer', `${issuer}-selfsigned`);
    const rootCert = find(objects, 'Certificate', `${issuer}-root`);
    const ca = find(objects, 'ClusterIssuer', issuer);
    // THEN
    expect(selfSigned.spec).toEqual({ selfSigned: {} });
    expect(rootCert.metadata.namespace).toBe('cert-manager');
    expect(rootCert.spec).toMatchObject({
      isCA: true,
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: selfSigned.metadata.name },
    });
    expect(ca.spec).toEqual({ ca: { secretName: rootCert.spec?.secretName } });
  });

  test('defines no CA chain when the definition names no CA issuer', () => {
    // WHEN
    const objects = addonsOf({ ...homelab, addons: { ...homelab.addons, certManager: {} } }).addonResources;
    // THEN
    expect(objects.filter((o) => o.apiVersion.startsWith('cert-manager.io/'))).toEqual([]);
    expect(objects.map((o) => o.kind)).toContain('Application');
  });

  test('defines the chart CRDs in the manifests: cert-manager crds.enabled, Argo CD crds.install', () => {
    // WHEN
    const addons = addonsOf(homelab);
    // THEN
    expect(addons.certManager?.values.crds).toMatchObject({ enabled: true });
    expect(addons.argocd?.values.crds).toMatchObject({ install: true });
  });

  test.each([
    ['cert-manager.yaml', 'crds.enabled', (v: Record<string, any>) => (v.crds.enabled = false)],
    ['argocd.yaml', 'crds.install', (v: Record<string, any>) => (v.crds.install = false)],
  ])('fails when %s turns off the CRDs the add-on objects need (%s)', (file, key, edit) => {
    // GIVEN
    const valuesDir = valuesDirWith(file, edit);
    // WHEN / THEN
    expect(() => addonsOf(homelab, valuesDir)).toThrow(
      new RegExp(`helm-values/${file.replace('.', '\\.')}: ${key.replace('.', '\\.')} = false: .*Fix: set ${key}: true`),
    );
  });

  test('defines no literal secret in the values of any chart', () => {
    // WHEN
    const addons = addonsOf({ ...homelab, addons: { ...homelab.addons, cilium: { ...homelab.addons!.cilium, hubble: true } } });
    // THEN
    for (const chart of [addons.cilium, addons.certManager, addons.argocd]) {
      expect({ chart: chart?.summary.name, secrets: literalSecrets(chart?.values) }).toEqual({ chart: chart?.summary.name, secrets: [] });
    }
    expect(literalSecrets({ configs: { secret: { argocdServerAdminPassword: '$2a$10$x' } } })).toEqual(['configs.secret.argocdServerAdminPassword']);
  });
});
