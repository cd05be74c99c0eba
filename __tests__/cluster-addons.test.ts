import fs from 'node:fs';
import { validateDefinition } from '../lib/check-cluster';
import { validPlan } from './support/valid-plan';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { homelab } from '../clusters/homelab';
import { HelmProvider, TerraformOutput, TerraformStack, Testing } from '../constructs/cdk';
import { ADDON_RESOURCES_MANIFEST, ClusterAddons, ClusterAddonsProps, gatewayApiCrdsUrl } from '../constructs/cluster-addons';
import { ClusterDefinition } from '../lib/cluster-definition';
import { validateK8sObject } from '../lib/k8s-objects';
import { ClusterDefinitionError } from '../lib/problems';
import { GATEWAY_API_VERSION } from '../lib/versions';

/** Synthesizes the add-ons of a definition; returns the construct and the parsed Terraform JSON. */
function synth(def: ClusterDefinition, props: Partial<ClusterAddonsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new HelmProvider(stack, 'helm', {});
  const plan = props.valuesDir ? validateDefinition(def, props.valuesDir).plan : validPlan(def);
  const addons = new ClusterAddons(stack, 'addons', { plan, ...props });
  new TerraformOutput(stack, 'hash', { value: addons.manifestsHash });
  const json = JSON.parse(Testing.synth(stack));
  return { addons, json, stack };
}

/** The example with its add-on settings replaced. */
function withAddons(addons: ClusterDefinition['addons']): ClusterDefinition {
  return { ...homelab, addons };
}

/** Values handed to helm_template for a chart (`cilium`, `cert-manager`, `argo-cd`). */
function chartValues(json: { data: { helm_template: Record<string, { chart: string; values: string[] }> } }, chart: string) {
  const template = Object.values(json.data.helm_template).find((t) => t.chart === chart);
  return template ? YAML.parse(template.values[0]) : undefined;
}

describe('ClusterAddons', () => {
  test('defines the example add-ons as inline manifests in Talos apply order', () => {
    // GIVEN / WHEN
    const { addons } = synth(homelab);
    // THEN the manifest of objects that need running controllers sorts after every chart
    const names = addons.inlineManifests.map((m) => m.name);
    expect(names).toEqual(['argocd', 'cert-manager', 'cilium', ADDON_RESOURCES_MANIFEST]);
    expect([...names].sort()).toEqual(names);
    expect(addons.extraManifests).toEqual([]);
    expect(addons.charts.map((c) => c.name)).toEqual(['cilium', 'cert-manager', 'argocd']);
  });

  test('defines extra objects that are valid Kubernetes objects', () => {
    // GIVEN / WHEN
    const { addons, json } = synth(homelab);
    // THEN every object added beside the charts validates, and the rendered YAML is exactly those objects
    const objects = [...addons.addonResources, ...[addons.cilium, addons.certManager, addons.argocd].flatMap((c) => c?.objects ?? [])];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CiliumLoadBalancerIPPool/lb-pool',
      'CiliumL2AnnouncementPolicy/lb-pool-l2',
      'Application/app-of-apps',
      'ClusterIssuer/homelab-ca-selfsigned',
      'Certificate/homelab-ca-root',
      'ClusterIssuer/homelab-ca',
      'Namespace/cert-manager',
      'Namespace/argocd',
    ]);
    expect(objects.flatMap((o) => validateK8sObject(o))).toEqual([]);
    const local = Object.entries(json.locals as Record<string, string>).find(([k]) => k.startsWith(`addons_${ADDON_RESOURCES_MANIFEST}`))![1];
    expect(YAML.parseAllDocuments(local).map((d) => d.toJS())).toEqual(addons.addonResources);
  });

  test('defines the load-balancer pool from the definition range, announced on the NIC', () => {
    // GIVEN / WHEN
    const { addons, json } = synth(homelab);
    // THEN
    const pool = addons.addonResources.find((o) => o.kind === 'CiliumLoadBalancerIPPool');
    const policy = addons.addonResources.find((o) => o.kind === 'CiliumL2AnnouncementPolicy');
    expect(pool).toMatchObject({ apiVersion: 'cilium.io/v2', spec: { blocks: [{ start: '192.168.10.200', stop: '192.168.10.220' }] } });
    expect(policy).toMatchObject({ apiVersion: 'cilium.io/v2alpha1', spec: { loadBalancerIPs: true } });
    const interfaces = (policy!.spec as { interfaces: string[] }).interfaces;
    expect(interfaces.some((re) => new RegExp(re).test(validPlan(homelab).nicName))).toBe(true);
    expect(interfaces.some((re) => new RegExp(re).test('eth10'))).toBe(false);
    expect(chartValues(json, 'cilium').l2announcements).toEqual({ enabled: true });
  });

  test('defines no pool and no L2 announcements without a range', () => {
    // GIVEN
    const def = withAddons({ ...homelab.addons, cilium: {} });
    // WHEN
    const { addons, json } = synth(def);
    // THEN
    expect(addons.addonResources.filter((o) => o.apiVersion.startsWith('cilium.io'))).toEqual([]);
    expect(chartValues(json, 'cilium').l2announcements).toEqual({ enabled: false });
  });

  test('defines the Gateway API CRDs and Cilium Gateway API values when enabled', () => {
    // GIVEN
    const def = withAddons({ ...homelab.addons, cilium: { ...homelab.addons?.cilium, gatewayApi: true } });
    // WHEN
    const { addons, json } = synth(def);
    // THEN
    expect(addons.extraManifests).toEqual([
      `https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml`,
    ]);
    expect(addons.extraManifests).toEqual([gatewayApiCrdsUrl()]);
    expect(chartValues(json, 'cilium').gatewayAPI).toEqual({
      enabled: true,
      enableAlpn: true,
      enableAppProtocol: true,
      gatewayClass: { create: 'true' },
    });
    expect(chartValues(json, 'cert-manager').config).toEqual({ enableGatewayAPI: true });
  });

  test('defines Hubble certificates from the cert-manager CA issuer, or from the CronJob without one', () => {
    // GIVEN
    const withIssuer = withAddons({ ...homelab.addons, cilium: { ...homelab.addons?.cilium, hubble: true } });
    const withoutIssuer = withAddons({ ...homelab.addons, cilium: { ...homelab.addons?.cilium, hubble: true }, certManager: {} });
    // WHEN
    const a = chartValues(synth(withIssuer).json, 'cilium').hubble.tls.auto;
    const b = chartValues(synth(withoutIssuer).json, 'cilium').hubble.tls.auto;
    // THEN
    expect(a).toEqual({
      enabled: true,
      method: 'certmanager',
      certManagerIssuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'homelab-ca' },
    });
    expect(b).toEqual({ enabled: true, method: 'cronJob' });
  });

  test('defines only Cilium when Argo CD and cert-manager are switched off', () => {
    // GIVEN
    const def = withAddons({
      cilium: { loadBalancerRange: '192.168.10.200-192.168.10.220' },
      argocd: { enabled: false },
      certManager: { enabled: false },
    });
    // WHEN
    const { addons, json } = synth(def);
    // THEN
    expect(addons.inlineManifests.map((m) => m.name)).toEqual(['cilium', ADDON_RESOURCES_MANIFEST]);
    expect(addons.addonResources.map((o) => o.kind)).toEqual(['CiliumLoadBalancerIPPool', 'CiliumL2AnnouncementPolicy']);
    expect(Object.values(json.data.helm_template).map((t) => (t as { chart: string }).chart)).toEqual(['cilium']);
  });

  test("defines Argo CD's global.domain from the definition, and the chart's own by default", () => {
    // GIVEN / WHEN
    const set = synth(withAddons({ ...homelab.addons, argocd: { ...homelab.addons!.argocd, domain: 'argocd.home.arpa' } })).addons;
    const unset = synth(homelab).addons;
    // THEN
    expect(set.argocd!.values).toEqual(expect.objectContaining({ global: { domain: 'argocd.home.arpa' } }));
    expect(unset.argocd!.values.global).toBeUndefined();
  });

  test('defines no Cilium when it is switched off for Flannel', () => {
    // GIVEN
    const def = withAddons({ cni: 'flannel', cilium: { enabled: false } });
    // WHEN
    const { addons } = synth(def);
    // THEN
    expect(addons.cilium).toBeUndefined();
    // (cert-manager's webhook objects the charts may render still go to the late manifest)
    expect(addons.inlineManifests.map((m) => m.name)).toEqual(['argocd', 'cert-manager', ADDON_RESOURCES_MANIFEST]);
  });

  test('fails when Cilium is switched off and the CNI is none', () => {
    // GIVEN
    const def = withAddons({ cni: 'none', cilium: { enabled: false } });
    // WHEN / THEN
    expect(() => synth(def)).toThrow(ClusterDefinitionError);
    expect(() => synth(def)).toThrow(/addons.cni = "none": is none while Cilium is disabled/);
  });

  test('fails when an add-on setting needs an add-on that is off', () => {
    // GIVEN
    const def = withAddons({ ...homelab.addons, certManager: { enabled: false, caIssuerName: 'homelab-ca' } });
    // WHEN / THEN
    expect(() => synth(def)).toThrow(/addons.certManager.caIssuerName = "homelab-ca": the CA issuer needs cert-manager/);
  });

  test('fails when an extra Cilium values file breaks a Talos rule', () => {
    // GIVEN a values folder with the shipped cilium.yaml and a site file that brings SYS_MODULE back
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
    for (const f of ['cilium.yaml', 'cert-manager.yaml', 'argocd.yaml'])
      fs.copyFileSync(path.join(__dirname, '..', 'helm-values', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'site.yaml'), 'securityContext:\n  capabilities:\n    ciliumAgent: [NET_ADMIN, SYS_MODULE]\n');
    const def = withAddons({ ...homelab.addons, cilium: { ...homelab.addons?.cilium, extraValuesFiles: ['site.yaml'] } });
    // WHEN / THEN
    expect(() => synth(def, { valuesDir: dir })).toThrow(/securityContext.capabilities.ciliumAgent = \[.*"SYS_MODULE"\]/);
  });

  test('defines a size guard that fails the plan per manifest and in total', () => {
    // GIVEN / WHEN
    const { addons, json } = synth(homelab);
    // THEN one precondition for the total and one per manifest, naming the manifest and the limit
    const guard = Object.values(json.resource.terraform_data)[0] as { lifecycle: { precondition: { condition: string; error_message: string }[] } };
    const conditions = guard.lifecycle.precondition;
    expect(conditions).toHaveLength(addons.inlineManifests.length + 1);
    expect(conditions[0].error_message).toContain('more than 31 MiB');
    for (const [i, m] of addons.inlineManifests.entries()) {
      expect(conditions[i + 1].error_message).toContain(`Inline manifest "${m.name}" holds a Kubernetes object larger than 1.5 MiB`);
    }
    expect(addons.sizeGuard.limits.totalBytes).toBe(31 * 1024 * 1024);
  });

  test('defines the 4 MiB maintenance-API limit for Talos 1.12', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...homelab,
      kubernetesVersion: '1.35.9',
      talos: { ...homelab.talos, version: 'v1.12.11', configContract: 'v1.12' },
    };
    // WHEN
    const { json } = synth(def);
    // THEN
    const guard = Object.values(json.resource.terraform_data)[0] as { lifecycle: { precondition: { error_message: string }[] } };
    expect(guard.lifecycle.precondition[0].error_message).toContain('more than 3.75 MiB');
    expect(guard.lifecycle.precondition[0].error_message).toContain('maintenance API');
  });

  test('defines manifestsHash over every inline manifest and extra manifest URL', () => {
    // GIVEN
    const def = withAddons({ ...homelab.addons, cilium: { ...homelab.addons?.cilium, gatewayApi: true } });
    // WHEN
    const { addons, json } = synth(def);
    // THEN the hash expression names every manifest and reads its contents (one Terraform local per manifest, which
    // reads the chart's rendered template) and every URL
    const hash = json.output.hash.value as string;
    expect(hash.startsWith('${sha256(jsonencode(')).toBe(true);
    const locals = json.locals as Record<string, string>;
    const localOf = (name: string) => Object.keys(locals).find((k) => k.startsWith(`addons_inline-manifest-${name}_`));
    for (const m of addons.inlineManifests) {
      expect(hash).toContain(`"name" = "${m.name}", "contents" = local.${localOf(m.name)}}`);
    }
    for (const [name, ref] of [
      ['cilium', 'data.helm_template.addons_cilium_template'],
      ['cert-manager', 'data.helm_template.addons_cert-manager_template'],
      ['argocd', 'data.helm_template.addons_argocd_template'],
      [ADDON_RESOURCES_MANIFEST, `local.addons_${ADDON_RESOURCES_MANIFEST}`],
    ]) {
      expect(locals[localOf(name)!]).toContain(ref);
    }
    expect(hash).toContain(gatewayApiCrdsUrl());
  });
});
