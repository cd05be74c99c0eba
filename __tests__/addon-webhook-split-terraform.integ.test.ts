/**
 * Objects only cert-manager's webhook admits never sit in a chart's inline manifest (issue 12, item 8): with Hubble
 * on and a CA issuer, Cilium's chart renders cert-manager Certificates; Talos abandons an apply pass at a webhook it
 * cannot call (talos v1.13.9 manifest_apply.go), and cert-manager's webhook needs the CNI, so a Certificate in the
 * `cilium` manifest could keep Cilium from ever being created. Real Terraform evaluates the inline manifests of the
 * example cluster's ClusterAddons, each `helm_template` output replaced by Helm-like YAML (no provider needed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { homelab } from '../clusters/homelab';
import { HelmProvider, TerraformOutput, TerraformStack, Testing } from '../constructs/cdk';
import { ADDON_RESOURCES_MANIFEST, ClusterAddons } from '../constructs/cluster-addons';
import { validPlan } from './support/valid-plan';
import { runTerraform } from './support/terraform-cli';

/** One document as helm_template's `manifest` prints it. */
function doc(chart: string, template: string, apiVersion: string, kind: string, name: string): string {
  return `---\n# Source: ${chart}/templates/${template}\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: kube-system\n`;
}

/** Cilium with Hubble TLS from cert-manager, in helm_template's re-sorted order: the Certificates come first. */
const CILIUM = [
  doc('cilium', 'hubble/tls-certmanager/relay-client-secret.yaml', 'cert-manager.io/v1', 'Certificate', 'hubble-relay-client-certs'),
  doc('cilium', 'hubble/tls-certmanager/server-secret.yaml', 'cert-manager.io/v1', 'Certificate', 'hubble-server-certs'),
  doc('cilium', 'cilium-configmap.yaml', 'v1', 'ConfigMap', 'cilium-config'),
  doc('cilium', 'cilium-agent/daemonset.yaml', 'apps/v1', 'DaemonSet', 'cilium'),
].join('');
const CERT_MANAGER = doc('cert-manager', 'webhook-deployment.yaml', 'apps/v1', 'Deployment', 'cert-manager-webhook');
const ARGOCD = doc('argo-cd', 'argocd-server/deployment.yaml', 'apps/v1', 'Deployment', 'argocd-server');

describe('webhook objects under Terraform', () => {
  let dir: string;
  let manifests: Record<string, Array<{ kind: string; metadata: { name: string } }>>;

  beforeAll(() => {
    // GIVEN the example cluster with Hubble on (its TLS then comes from the homelab-ca issuer)
    const def = { ...homelab, addons: { ...homelab.addons, cilium: { ...homelab.addons!.cilium, hubble: true } } };
    const stack = new TerraformStack(Testing.app(), 'webhook-split-test');
    new HelmProvider(stack, 'helm', {});
    const addons = new ClusterAddons(stack, 'addons', { plan: validPlan(def) });
    addons.inlineManifests.forEach((m) => new TerraformOutput(stack, `manifest-${m.name}`, { value: m.contents }));
    const synthesized = JSON.parse(Testing.synth(stack));
    const charts = [addons.cilium, addons.certManager, addons.argocd].flatMap((c) => (c ? [c] : []));
    const outputOf = new Map(
      charts.map((c) => [c.template.friendlyUniqueId, { cilium: CILIUM, 'cert-manager': CERT_MANAGER, argocd: ARGOCD }[c.manifest.name]!]),
    );
    const kept = JSON.stringify({ locals: synthesized.locals, output: synthesized.output });
    const rewritten = kept.replace(/\bdata\.helm_template\.([A-Za-z0-9_-]+)\.manifest\b/g, (_ref, id: string) => `var.helm_${id}`);
    const config = {
      variable: Object.fromEntries([...outputOf.keys()].map((id) => [`helm_${id}`, { type: 'string', default: outputOf.get(id) }])),
      ...JSON.parse(rewritten),
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-split-tf-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));

    // WHEN Terraform evaluates the inline manifests
    for (const args of [
      ['init', '-input=false', '-no-color'],
      ['apply', '-auto-approve', '-input=false', '-no-color'],
    ]) {
      const r = runTerraform(dir, args);
      if (r.code !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.output}`);
    }
    const out = JSON.parse(runTerraform(dir, ['output', '-json']).stdout) as Record<string, { value: string }>;
    manifests = Object.fromEntries(
      Object.entries(out).map(([key, v]) => [
        key.replace(/^manifest-/, ''),
        YAML.parseAllDocuments(v.value)
          .map((d) => d.toJS())
          .filter((o) => o !== null),
      ]),
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('defines the Cilium manifest without the cert-manager Certificates its chart renders', () => {
    // THEN
    expect(manifests.cilium.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/cilium-config', 'DaemonSet/cilium']);
  });

  test('defines every object only a webhook admits last in the late manifest, after the Application', () => {
    // THEN
    expect(manifests[ADDON_RESOURCES_MANIFEST].map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CiliumLoadBalancerIPPool/lb-pool',
      'CiliumL2AnnouncementPolicy/lb-pool-l2',
      'Application/app-of-apps',
      'ClusterIssuer/homelab-ca-selfsigned',
      'Certificate/homelab-ca-root',
      'ClusterIssuer/homelab-ca',
      'Certificate/hubble-relay-client-certs',
      'Certificate/hubble-server-certs',
    ]);
  });

  test('defines the other charts unchanged', () => {
    // THEN
    expect(manifests['cert-manager'].map((o) => o.kind)).toEqual(['Namespace', 'Deployment']);
    expect(manifests.argocd.map((o) => o.kind)).toEqual(['Namespace', 'Deployment']);
  });
});
