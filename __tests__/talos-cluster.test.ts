import { ValidatedPlan } from '../lib/check-cluster';
import { parseAllDocuments } from 'yaml';
import { loadProviderFacts } from '../check/schema-facts';
import { checkTalosDocuments } from '../check/talos-documents';
import { checkStackSchema } from '../check/tf-schema';
import { homelab } from '../clusters/homelab';
import { DataHelmTemplate, TerraformData, TerraformStack } from '../constructs/cdk';
import { DEPLOY_TIME_VALUE, TalosCluster, TalosClusterProps } from '../constructs/talos-cluster';
import { TalosSecrets } from '../constructs/talos-secrets';
import { forTeardown } from '../lib/teardown';
import { nodeDocuments } from '../lib/talos-documents';
import { blockById, dummyVms, nameById, planOf, synthJson, talosTestStack, TfJson } from './support/talos-test-stack';

const INSTALLER = 'factory.talos.dev/nocloud-installer/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515:v1.13.9';

interface Built {
  readonly stack: TerraformStack;
  readonly talos: TalosCluster;
  readonly json: TfJson;
}

function build(plan: ValidatedPlan, change: (stack: TerraformStack, props: TalosClusterProps) => TalosClusterProps = (_s, p) => p): Built {
  const stack = talosTestStack(plan);
  const secrets = new TalosSecrets(stack, 'secrets', { plan });
  const cilium = new DataHelmTemplate(stack, 'cilium', {
    name: 'cilium',
    chart: 'cilium',
    repository: 'https://helm.cilium.io',
    namespace: 'kube-system',
  });
  const gate = new TerraformData(stack, 'rollout-gate', { input: { kubernetes: plan.kubernetesVersion } });
  const props: TalosClusterProps = {
    plan,
    secrets,
    installerImage: INSTALLER,
    nodeVms: dummyVms(stack, plan),
    inlineManifests: [
      { name: 'cilium', contents: cilium.manifest },
      { name: 'argocd-namespace', contents: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n' },
    ],
    extraManifests: ['https://example.com/gateway-api/crds.yaml'],
    applyAfter: [gate],
  };
  const talos = new TalosCluster(stack, 'talos', change(stack, props));
  return { stack, talos, json: synthJson(stack) };
}

function applyOf(json: TfJson, node: string): TfJson {
  return blockById(json, 'resource', 'talos_machine_configuration_apply', `apply-${node}`);
}

function ref(json: TfJson, type: string, id: string): string {
  return `${type}.${nameById(json, 'resource', type, id)}`;
}

function parsePatch(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS());
}

describe('TalosCluster', () => {
  const plan = planOf(homelab);
  const { json, talos } = build(plan);

  test('defines one config apply per node, keyed by node name, against the node IP', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    const applies = json.resource.talos_machine_configuration_apply;
    expect(Object.keys(applies)).toHaveLength(plan.nodes.length);
    expect([...talos.applies.keys()]).toEqual(plan.nodes.map((n) => n.name));
    for (const n of plan.nodes) {
      const apply = applyOf(json, n.name);
      expect(apply.node).toBe(n.ip);
      expect(apply.endpoint).toBe(n.ip);
      expect(apply.apply_mode).toBe('staged_if_needing_reboot');
      const role = n.role === 'controlplane' ? 'machine-config-controlplane' : 'machine-config-worker';
      expect(apply.machine_configuration_input).toBe(
        `\${data.talos_machine_configuration.${nameById(json, 'data', 'talos_machine_configuration', role)}.machine_configuration}`,
      );
    }
  });

  test('defines each apply after its own VM and the rollout gate, replaced with its VM', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    for (const n of plan.nodes) {
      const apply = applyOf(json, n.name);
      expect(apply.depends_on).toEqual(expect.arrayContaining([`terraform_data.vm-${n.name}`, 'terraform_data.rollout-gate']));
      expect(apply.depends_on.filter((d: string) => d.startsWith('terraform_data.vm-'))).toEqual([`terraform_data.vm-${n.name}`]);
      expect(apply.lifecycle).toEqual({ replace_triggered_by: [`terraform_data.vm-${n.name}.id`] });
    }
  });

  test('defines control-plane applies in a chain and worker applies after the bootstrap', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    expect(applyOf(json, 'homelab-cp-1').depends_on).toEqual(['terraform_data.vm-homelab-cp-1', 'terraform_data.rollout-gate']);
    expect(applyOf(json, 'homelab-cp-2').depends_on).toContain(ref(json, 'talos_machine_configuration_apply', 'apply-homelab-cp-1'));
    expect(applyOf(json, 'homelab-cp-3').depends_on).toContain(ref(json, 'talos_machine_configuration_apply', 'apply-homelab-cp-2'));
    for (const w of plan.workers) expect(applyOf(json, w.name).depends_on).toContain(ref(json, 'talos_machine_bootstrap', 'bootstrap'));
  });

  test('defines a graceful reset on removal for every node, the first control plane included', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN removing any one node leaves etcd cleanly
    for (const name of ['homelab-cp-1', 'homelab-cp-2', 'homelab-cp-3', 'homelab-worker-1', 'homelab-worker-2']) {
      expect(applyOf(json, name).on_destroy).toEqual({ reset: true, graceful: true, reboot: false });
    }
  });

  test("defines the first control plane's reset as not leaving etcd only in a teardown, where it is the last member", () => {
    // GIVEN / WHEN the example synthesized as the teardown command synthesizes it
    const torn = build(planOf(forTeardown(homelab)));
    // THEN
    expect(applyOf(torn.json, 'homelab-cp-1').on_destroy).toEqual({ reset: true, graceful: false, reboot: false });
    for (const name of ['homelab-cp-2', 'homelab-cp-3', 'homelab-worker-1']) {
      expect(applyOf(torn.json, name).on_destroy).toEqual({ reset: true, graceful: true, reboot: false });
    }
  });

  test('defines exactly one bootstrap, on the first control plane, after every control-plane apply', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    const bootstraps = Object.values(json.resource.talos_machine_bootstrap);
    expect(bootstraps).toHaveLength(1);
    expect(bootstraps[0]).toEqual({
      node: '192.168.10.11',
      endpoint: '192.168.10.11',
      client_configuration: `\${talos_machine_secrets.${nameById(json, 'resource', 'talos_machine_secrets', 'machine-secrets')}.client_configuration}`,
      depends_on: ['homelab-cp-1', 'homelab-cp-2', 'homelab-cp-3'].map((n) => ref(json, 'talos_machine_configuration_apply', `apply-${n}`)),
      lifecycle: { ignore_changes: ['node', 'endpoint'] },
    });
  });

  test('defines the kubeconfig after the bootstrap and its file with mode 0600', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    const kubeconfig = blockById(json, 'resource', 'talos_cluster_kubeconfig', 'cluster-kubeconfig');
    expect(kubeconfig.depends_on).toEqual([ref(json, 'talos_machine_bootstrap', 'bootstrap')]);
    expect(kubeconfig.node).toBe('192.168.10.11');
    const file = blockById(json, 'resource', 'local_sensitive_file', 'kubeconfig-file');
    expect(file).toEqual({
      filename: '../../../access/homelab/kubeconfig',
      content: `\${${ref(json, 'talos_cluster_kubeconfig', 'cluster-kubeconfig')}.kubeconfig_raw}`,
      file_permission: '0600',
      directory_permission: '0700',
    });
  });

  test('defines sensitive kubeconfig and talosconfig outputs', () => {
    // GIVEN / WHEN / THEN
    expect(Object.keys(json.output).sort()).toEqual(['kubeconfig', 'talosconfig']);
    expect(json.output.kubeconfig).toMatchObject({
      sensitive: true,
      value: `\${${ref(json, 'talos_cluster_kubeconfig', 'cluster-kubeconfig')}.kubeconfig_raw}`,
    });
    expect(json.output.talosconfig).toMatchObject({
      sensitive: true,
      value: `\${data.talos_client_configuration.${nameById(json, 'data', 'talos_client_configuration', 'client-configuration')}.talos_config}`,
    });
  });

  test('defines one machine configuration per role, generated with the contract and Kubernetes version', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    for (const role of ['controlplane', 'worker']) {
      const config = blockById(json, 'data', 'talos_machine_configuration', `machine-config-${role}`);
      expect(config).toMatchObject({
        cluster_name: 'homelab',
        cluster_endpoint: 'https://k8s.home.arpa:6443',
        machine_type: role,
        talos_version: 'v1.13',
        kubernetes_version: plan.kubernetesVersion,
        docs: false,
        examples: false,
      });
      expect(config.depends_on).toBeUndefined();
    }
  });

  test('defines the VIP and manifests on control planes only', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    // THEN
    const cp = blockById(json, 'data', 'talos_machine_configuration', 'machine-config-controlplane').config_patches;
    const worker = blockById(json, 'data', 'talos_machine_configuration', 'machine-config-worker').config_patches;
    expect(cp).toHaveLength(3);
    expect(cp[0]).toBe(worker[0]);
    expect(parsePatch(cp[1])).toEqual([
      { cluster: { allowSchedulingOnControlPlanes: false, extraManifests: ['https://example.com/gateway-api/crds.yaml'] } },
      { apiVersion: 'v1alpha1', kind: 'Layer2VIPConfig', name: '192.168.10.10', link: 'lan0' },
    ]);
    // (sensitive: the plan never prints the rendered manifests)
    expect(cp[2]).toMatch(
      /^\$\{sensitive\(yamlencode\(\{"cluster" = \{"inlineManifests" = \[\{"name" = "cilium", "contents" = data\.helm_template\.cilium\.manifest\}/,
    );
    expect(worker).toHaveLength(1);
    expect(worker[0]).not.toMatch(/Layer2VIPConfig|inlineManifests|extraManifests/);
    expect(parsePatch(worker[0]).map((d) => (d as { kind?: string }).kind ?? 'v1alpha1')).toEqual(['v1alpha1', 'ResolverConfig', 'TimeSyncConfig']);
  });

  test('defines patches that each modify a document at most once (Talos rejects a repeated document)', () => {
    // GIVEN / WHEN the example cluster synthesized once above
    const patches = [
      ...blockById(json, 'data', 'talos_machine_configuration', 'machine-config-controlplane').config_patches,
      ...blockById(json, 'data', 'talos_machine_configuration', 'machine-config-worker').config_patches,
      ...plan.nodes.flatMap((n) => applyOf(json, n.name).config_patches),
    ].filter((p: string) => !p.startsWith('${'));
    // THEN
    for (const patch of patches) {
      const keys = parsePatch(patch).map((d) => {
        const doc = d as { kind?: string; name?: string };
        return doc.kind ? `${doc.kind}/${doc.name ?? ''}` : 'v1alpha1';
      });
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  test.each(['homelab-cp-1', 'homelab-cp-3', 'homelab-worker-2'])('defines the per-node patch of %s', (name) => {
    // GIVEN the planned node
    const n = plan.nodes.find((x) => x.name === name)!;

    // WHEN
    const patches = applyOf(json, name).config_patches;

    // THEN
    expect(patches).toHaveLength(1);
    expect(parsePatch(patches[0])).toEqual(nodeDocuments(plan, n));
    expect(patches[0]).toContain(`hostname: ${name}\nauto: off\n`);
    expect(patches[0]).toContain(`match: mac(link.permanent_addr) == "${n.macAddress.toLowerCase()}"`);
    expect(patches[0]).toContain(`- address: ${n.ip}/24`);
  });

  test('defines documentsFor with the synth-known documents of a node, token contents masked', () => {
    // GIVEN / WHEN
    const cp = parsePatch(talos.documentsFor('homelab-cp-2'));
    const worker = parsePatch(talos.documentsFor('homelab-worker-1'));

    // THEN
    expect(cp.map((d) => (d as { kind?: string }).kind ?? 'v1alpha1')).toEqual([
      'v1alpha1',
      'ResolverConfig',
      'TimeSyncConfig',
      'v1alpha1',
      'Layer2VIPConfig',
      'v1alpha1',
      'HostnameConfig',
      'LinkAliasConfig',
      'LinkConfig',
    ]);
    expect(cp[5]).toEqual({
      cluster: {
        inlineManifests: [
          { name: 'cilium', contents: DEPLOY_TIME_VALUE },
          { name: 'argocd-namespace', contents: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n' },
        ],
      },
    });
    expect(worker.map((d) => (d as { kind?: string }).kind ?? 'v1alpha1')).toEqual([
      'v1alpha1',
      'ResolverConfig',
      'TimeSyncConfig',
      'HostnameConfig',
      'LinkAliasConfig',
      'LinkConfig',
    ]);
    expect(talos.documentsFor('homelab-worker-1')).not.toMatch(/TfToken|\$\{/);
    expect(() => talos.documentsFor('nope')).toThrow(/no such node in homelab/);
  });

  test('defines a cluster without workers: no worker configuration, schedulable control planes', () => {
    // GIVEN a single control plane
    const single = planOf(homelab, { controlPlanes: { count: 1, firstIp: '192.168.10.11' }, workers: undefined });

    // WHEN
    const built = build(single);

    // THEN
    expect(Object.keys(built.json.data.talos_machine_configuration)).toHaveLength(1);
    expect(Object.keys(built.json.resource.talos_machine_configuration_apply)).toHaveLength(1);
    expect(applyOf(built.json, 'homelab-cp-1').on_destroy).toEqual({ reset: true, graceful: false, reboot: false });
    expect(built.talos.documentsFor('homelab-cp-1')).toContain('allowSchedulingOnControlPlanes: true');
  });

  test('defines Terraform JSON that passes the provider-schema and Talos-schema checks', () => {
    // GIVEN the synthesized stack / WHEN the project's own checks run on it
    const schema = checkStackSchema(json, loadProviderFacts());
    const documents = checkTalosDocuments(json);

    // THEN
    expect(schema.problems).toEqual([]);
    expect(documents).toEqual({ problems: [], documents: 24 });
  });

  test('fails when a node has no VM', () => {
    // GIVEN / WHEN / THEN
    expect(() => build(plan, (_s, p) => ({ ...p, nodeVms: new Map([...p.nodeVms].filter(([n]) => n !== 'homelab-worker-2')) }))).toThrow(
      /error homelab\/talos: nodeVms = "homelab-worker-2": has no VM for node homelab-worker-2/,
    );
  });

  test('fails when a VM belongs to no node', () => {
    // GIVEN / WHEN / THEN
    expect(() => build(plan, (s, p) => ({ ...p, nodeVms: new Map([...p.nodeVms, ['stray', new TerraformData(s, 'stray', {})]]) }))).toThrow(
      /error homelab\/talos: nodeVms = "stray": has a VM for stray, which is not a node of homelab/,
    );
  });

  test('fails when the installer image is not an image reference', () => {
    // GIVEN / WHEN / THEN
    expect(() => build(plan, (_s, p) => ({ ...p, installerImage: 'ghcr.io/siderolabs/installer' }))).toThrow(
      /error homelab\/talos: installerImage = "ghcr.io\/siderolabs\/installer": is not an image reference with a tag/,
    );
  });
});
