import fs from 'node:fs';
import { validPlan } from './support/valid-plan';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { homelab } from '../clusters/homelab';
import { HelmProvider, TerraformOutput, TerraformStack, Testing } from '../constructs/cdk';
import { ClusterAddons } from '../constructs/cluster-addons';
import { HelmInlineManifest, HelmInlineManifestProps } from '../constructs/helm-inline-manifest';
import { KubernetesObject } from '../lib/k8s-objects';
import { ARGOCD_CHART_VERSION, CERT_MANAGER_CHART_VERSION, CILIUM_CHART_VERSION } from '../lib/versions';

/** A folder of values files for one test. */
function valuesDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const BASE: HelmInlineManifestProps = {
  repository: 'https://charts.example.com',
  chart: 'demo',
  version: '1.2.3',
  releaseName: 'demo',
  namespace: 'demo',
  kubeVersion: '1.36.3',
};

/** Synthesizes one HelmInlineManifest; returns the construct and the parsed Terraform JSON. */
function synth(props: Partial<HelmInlineManifestProps>) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new HelmProvider(stack, 'helm', {});
  const chart = new HelmInlineManifest(stack, 'demo', { ...BASE, ...props });
  new TerraformOutput(stack, 'contents', { value: chart.manifest.contents });
  const json = JSON.parse(Testing.synth(stack));
  const template = Object.values(json.data.helm_template)[0] as Record<string, unknown>;
  return { chart, json, template, contents: json.output.contents.value as string };
}

const configMap: KubernetesObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'demo' }, data: { mode: 'on' } };

/** The chart's rendered stream without the documents only a controller's webhook admits (lib/webhook-objects.ts). */
const CHART_OBJECTS_ONLY =
  /^\$\{format\("---\\n%s", join\("\\n---\\n", \[ for key, val in toset\(split\("\\n---\\n", trimprefix\(data\.helm_template\.demo_template_\w+\.manifest, "---\\n"\)\)\): val if length\(regexall\("\(\?m\)\^apiVersion: \*\(cert-manager\[\.\]io\|acme\[\.\]cert-manager\[\.\]io\)\/", val\)\) == 0\]\)\)\}$/;

describe('HelmInlineManifest', () => {
  test('defines a helm_template that renders offline for the cluster', () => {
    // GIVEN / WHEN
    const { template } = synth({ apiVersions: ['monitoring.coreos.com/v1'] });
    // THEN
    expect(template).toMatchObject({
      name: 'demo',
      chart: 'demo',
      repository: 'https://charts.example.com',
      version: '1.2.3',
      namespace: 'demo',
      kube_version: '1.36.3',
      include_crds: true,
      skip_tests: true,
      api_versions: ['monitoring.coreos.com/v1'],
    });
  });

  test('defines no optional API versions and can leave CRDs out', () => {
    // GIVEN / WHEN
    const { template } = synth({ includeCrds: false });
    // THEN
    expect(template.api_versions).toEqual([]);
    expect(template.include_crds).toBe(false);
  });

  test('defines values merged from the files in order, then the construct values', () => {
    // GIVEN two files and construct values
    const dir = valuesDir({
      'base.yaml': 'a:\n  keep: 1\n  list: [x, y]\nb: base\n',
      'site.yaml': 'a:\n  list: [z]\nb: site\nc: yes\n',
    });
    // WHEN
    const { template, chart } = synth({ valuesDir: dir, valuesFiles: ['base.yaml', 'helm-values/site.yaml'], values: { b: 'plan' } });
    // THEN mappings merge, lists replace, later layers win; YAML 1.1 `yes` is a boolean as in Helm
    const expected = { a: { keep: 1, list: ['z'] }, b: 'plan', c: true };
    expect(chart.values).toEqual(expected);
    expect(YAML.parse((template.values as string[])[0])).toEqual(expected);
  });

  test('defines the project values files from helm-values/', () => {
    // GIVEN / WHEN the default folder
    const { template } = synth({ valuesFiles: ['cilium.yaml'] });
    // THEN
    const values = YAML.parse((template.values as string[])[0]);
    expect(values.ipam).toEqual({ mode: 'kubernetes' });
    expect(values.k8sServicePort).toBe(7445);
  });

  test('defines Terraform template sequences in values as literals', () => {
    // GIVEN a value that looks like an interpolation
    // WHEN
    const { template } = synth({ values: { banner: 'cost ${price} %{if}' } });
    // THEN Terraform reads `$${` as `${` and `%%{` as `%{`
    expect((template.values as string[])[0]).toContain('cost $${price} %%{if}');
  });

  test('defines the bare chart manifest as contents when nothing is added', () => {
    // GIVEN / WHEN
    const { contents, chart } = synth({});
    // THEN
    expect(contents).toMatch(CHART_OBJECTS_ONLY);
    expect(chart.manifest.name).toBe('demo');
  });

  test('defines the Namespace before the chart output and extra objects after it', () => {
    // GIVEN
    const props = {
      createNamespace: true,
      namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
      extraObjects: [configMap],
      manifestName: 'demo-app',
    };
    // WHEN
    const { contents, chart, json } = synth(props);
    // THEN
    expect(contents).toMatch(
      /^\$\{format\("%s\\n%s\\n%s", local\.demo_namespace_\w+, format\("---\\n%s", join\(.*data\.helm_template\.demo_template_\w+\.manifest.*\), local\.demo_extra-objects_\w+\)\}$/,
    );
    const locals = json.locals as Record<string, string>;
    const namespaceDocs = YAML.parseAllDocuments(Object.entries(locals).find(([k]) => k.startsWith('demo_namespace'))![1]).map((d) => d.toJS());
    const extraDocs = YAML.parseAllDocuments(Object.entries(locals).find(([k]) => k.startsWith('demo_extra-objects'))![1]).map((d) => d.toJS());
    expect(namespaceDocs).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    ]);
    expect(extraDocs).toEqual([configMap]);
    expect(chart.objects.map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap']);
    expect(chart.manifest.name).toBe('demo-app');
  });

  test("fails when an extra object is one only a controller's webhook admits", () => {
    // GIVEN a cert-manager Certificate passed beside a chart
    const certificate: KubernetesObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: 'demo' },
      spec: {},
    };
    // WHEN / THEN
    expect(() => synth({ extraObjects: [configMap, certificate] })).toThrow(/extraObjects = \["Certificate\/web"\].*cluster-addon-resources/);
  });

  test('defines chart versions from lib/versions.ts for the add-ons', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 'test');
    new ClusterAddons(stack, 'addons', { plan: validPlan(homelab) });
    // WHEN
    const templates = Object.values(JSON.parse(Testing.synth(stack)).data.helm_template) as Record<string, unknown>[];
    // THEN
    const versions = Object.fromEntries(templates.map((t) => [t.chart, t.version]));
    expect(versions).toEqual({ cilium: CILIUM_CHART_VERSION, 'cert-manager': CERT_MANAGER_CHART_VERSION, 'argo-cd': ARGOCD_CHART_VERSION });
    expect(templates.every((t) => t.kube_version === validPlan(homelab).kubernetesVersion && t.include_crds === true)).toBe(true);
  });

  test('fails when a values file does not exist', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ valuesDir: valuesDir({}), valuesFiles: ['missing.yaml'] })).toThrow(/values file "missing.yaml": does not exist in/);
  });

  test('fails when a values file lies outside the values folder', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ valuesDir: valuesDir({}), valuesFiles: ['../etc/passwd'] })).toThrow(/outside the values folder/);
  });

  test('fails when a values file is not a mapping', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ valuesDir: valuesDir({ 'list.yaml': '- a\n- b\n' }), valuesFiles: ['list.yaml'] })).toThrow(
      /helm-values\/list.yaml: the top level is a list/,
    );
  });

  test('fails when the chart version is a range', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ version: '^1.2.0' })).toThrow(/version = "\^1.2.0": not an exact chart version/);
  });

  test('fails when an extra object is invalid', () => {
    // GIVEN a namespaced kind without a namespace
    const bad: KubernetesObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Settings' } };
    // WHEN / THEN
    expect(() => synth({ extraObjects: [bad] })).toThrow(/ConfigMap\/Settings: metadata.name[\s\S]*ConfigMap\/Settings: metadata.namespace/);
  });

  test('fails when asked to create a namespace every cluster has', () => {
    // GIVEN / WHEN / THEN
    expect(() => synth({ namespace: 'kube-system', createNamespace: true })).toThrow(/createNamespace = true: kube-system always exists/);
  });
});
