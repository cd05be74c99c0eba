/**
 * The example stack as `npm run synth` writes it, read for the promises that only the whole stack can keep: the
 * Proxmox credentials stay in the environment, the Terraform addresses the README names, the deploy order of
 * README "Upgrades" (upgrade-k8s before the config applies), and the same inline manifests on every control plane.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { planCluster } from '../lib/cluster-plan';
import { HELM_PROVIDER_VERSION, LOCAL_PROVIDER_VERSION, PROXMOX_PROVIDER_VERSION, TALOS_PROVIDER_VERSION } from '../lib/versions';
import { TfJson } from './support/talos-test-stack';

const root = path.resolve(__dirname, '..');
const plan = planCluster(homelab);
const CANARY = 'canary-4711';
/** Credentials a user has exported while synthesizing: none may reach any synthesized file. */
const CREDENTIALS: Readonly<Record<string, string>> = {
  PROXMOX_VE_ENDPOINT: `https://${CANARY}.invalid:8006/`,
  PROXMOX_VE_API_TOKEN: `terraform@pve!cdktf=${CANARY}-token`,
  PROXMOX_VE_USERNAME: `${CANARY}@pam`,
  PROXMOX_VE_PASSWORD: `${CANARY}-password`,
  PROXMOX_VE_INSECURE: 'true',
  AWS_SECRET_ACCESS_KEY: `${CANARY}-aws`,
  PG_CONN_STR: `postgres://u:${CANARY}@db/state`,
};

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-stack-'));
let json: TfJson;

/** The logical name of the one block of `type` whose name is `<prefix>_<8 hex>`. */
function named(section: 'resource' | 'data', type: string, prefix: string): string {
  const names = Object.keys(json[section]?.[type] ?? {}).filter((n) =>
    new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_[0-9A-F]{8}$`).test(n),
  );
  if (names.length !== 1) throw new Error(`expected one ${section}.${type} named ${prefix}_<hash>, found ${names.join(', ') || 'none'}`);
  return names[0];
}

function address(type: string, prefix: string): string {
  return `${type}.${named('resource', type, prefix)}`;
}

function block(type: string, prefix: string): TfJson {
  return json.resource[type][named('resource', type, prefix)];
}

beforeAll(() => {
  // GIVEN a shell with Proxmox, S3 and PostgreSQL credentials exported
  // WHEN the example app runs the way `npm run synth` runs it
  execFileSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], {
    cwd: root,
    env: { ...process.env, ...CREDENTIALS, CDKTF_OUTDIR: outdir },
    stdio: 'pipe',
  });
  json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'homelab', 'cdk.tf.json'), 'utf8'));
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('the synthesized example stack', () => {
  test('defines the providers without credentials: the Proxmox ones are read from PROXMOX_VE_* at deploy time', () => {
    // GIVEN every file synth wrote
    const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(outdir, f)).isFile());
    // THEN
    expect(json.provider).toEqual({ proxmox: [{}], talos: [{}], helm: [{}], local: [{}] });
    expect(files).toEqual(
      expect.arrayContaining([
        'manifest.json',
        path.join('stacks', 'homelab', 'cdk.tf.json'),
        path.join('stacks', 'homelab', 'cluster-summary.json'),
      ]),
    );
    for (const file of files) {
      const text = fs.readFileSync(path.join(outdir, file), 'utf8');
      expect({ file, leaks: text.includes(CANARY) || /BEGIN [A-Z ]*PRIVATE KEY/.test(text) }).toEqual({ file, leaks: false });
    }
  });

  test('defines the required providers at the versions lib/versions.ts pins', () => {
    // THEN
    expect(json.terraform.required_providers).toEqual({
      talos: { source: 'siderolabs/talos', version: TALOS_PROVIDER_VERSION },
      proxmox: { source: 'bpg/proxmox', version: PROXMOX_PROVIDER_VERSION },
      helm: { source: 'helm', version: HELM_PROVIDER_VERSION },
      local: { source: 'hashicorp/local', version: LOCAL_PROVIDER_VERSION },
    });
  });

  test('defines the Terraform addresses the README names, keyed by node name', () => {
    // THEN one VM, one config apply, one OS-upgrade step and one node-cleanup instance per node, and the
    // cluster-wide steps
    for (const n of plan.nodes) {
      expect(named('resource', 'proxmox_virtual_environment_vm', `vms_vm-${n.name}`)).toBeDefined();
      expect(named('resource', 'talos_machine_configuration_apply', `talos_apply-${n.name}`)).toBeDefined();
      expect(named('resource', 'terraform_data', `rollout_os-upgrade-${n.name}`)).toBeDefined();
    }
    expect(Object.keys(block('terraform_data', 'node-cleanup_step').for_each)).toEqual(plan.nodes.map((n) => n.name));
    for (const step of ['rollout_preflight', 'rollout_kubernetes', 'health_step', 'manifest-sync_step'])
      expect(named('resource', 'terraform_data', step)).toBeDefined();
    expect(Object.keys(json.resource.proxmox_virtual_environment_vm)).toHaveLength(plan.nodes.length);
    expect(Object.keys(json.resource.talos_machine_configuration_apply)).toHaveLength(plan.nodes.length);
  });

  test('defines the deploy order: preflight, node cleanup, OS upgrades one by one, Kubernetes, config applies, health, manifest sync', () => {
    // GIVEN the rollout order: control planes, then workers one at a time (batch size 1)
    const order = [...plan.controlPlanes, ...plan.workers].map((n) => n.name);
    const secretsFile = address('local_sensitive_file', 'secrets_talosconfig-file');
    // THEN the preflight waits for every VM and the talosconfig file
    expect(block('terraform_data', 'rollout_preflight').depends_on).toEqual([
      ...order.map((n) => address('proxmox_virtual_environment_vm', `vms_vm-${n}`)),
      secretsFile,
    ]);
    // each OS upgrade waits for the one before it
    order.forEach((n, i) => {
      const previous = i === 0 ? address('terraform_data', 'rollout_preflight') : address('terraform_data', `rollout_os-upgrade-${order[i - 1]}`);
      expect({ node: n, after: block('terraform_data', `rollout_os-upgrade-${n}`).depends_on }).toEqual({ node: n, after: [previous] });
    });
    // the node cleanup after the preflight (on a removal: destroyed after the node's apply, before the preflight)
    expect(block('terraform_data', 'node-cleanup_step').depends_on).toEqual([address('terraform_data', 'rollout_preflight')]);
    // upgrade-k8s runs after the last OS upgrade, and every config apply after upgrade-k8s, the cleanup and its own VM
    expect(block('terraform_data', 'rollout_kubernetes').depends_on).toEqual([address('terraform_data', `rollout_os-upgrade-${order.at(-1)}`)]);
    for (const n of plan.nodes) {
      expect(block('talos_machine_configuration_apply', `talos_apply-${n.name}`).depends_on).toEqual(
        expect.arrayContaining([
          address('proxmox_virtual_environment_vm', `vms_vm-${n.name}`),
          address('terraform_data', 'rollout_kubernetes'),
          address('terraform_data', 'node-cleanup_step'),
        ]),
      );
    }
    // health after the bootstrap, every apply and the kubeconfig; the manifest sync after health
    expect(block('terraform_data', 'health_step').depends_on).toEqual(
      expect.arrayContaining([
        address('talos_machine_bootstrap', 'talos_bootstrap'),
        ...plan.nodes.map((n) => address('talos_machine_configuration_apply', `talos_apply-${n.name}`)),
        address('local_sensitive_file', 'talos_kubeconfig-file'),
      ]),
    );
    expect(block('terraform_data', 'manifest-sync_step').depends_on).toEqual([address('terraform_data', 'health_step')]);
  });

  test('defines the same inline manifests on every control plane and none on workers', () => {
    // GIVEN the two role configurations
    const config = (role: string) =>
      `\${data.talos_machine_configuration.${named('data', 'talos_machine_configuration', `talos_machine-config-${role}`)}.machine_configuration}`;
    const cpPatches: string[] =
      json.data.talos_machine_configuration[named('data', 'talos_machine_configuration', 'talos_machine-config-controlplane')].config_patches;
    const workerPatches: string[] =
      json.data.talos_machine_configuration[named('data', 'talos_machine_configuration', 'talos_machine-config-worker')].config_patches;
    // THEN every control plane applies the one control-plane configuration, whose patches carry the manifests,
    // and no per-node patch adds or changes manifests
    for (const n of plan.nodes) {
      const apply = block('talos_machine_configuration_apply', `talos_apply-${n.name}`);
      expect({ node: n.name, input: apply.machine_configuration_input }).toEqual({
        node: n.name,
        input: config(n.role === 'controlplane' ? 'controlplane' : 'worker'),
      });
      expect(JSON.stringify(apply.config_patches)).not.toMatch(/inlineManifests|extraManifests/);
    }
    expect(cpPatches.filter((p) => p.includes('"inlineManifests"'))).toHaveLength(1);
    for (const manifest of ['argocd', 'cert-manager', 'cilium', 'cluster-addon-resources'])
      expect(cpPatches.join('\n')).toContain(`"name" = "${manifest}"`);
    expect(JSON.stringify(workerPatches)).not.toMatch(/inlineManifests/);
  });

  test('defines no talos_cluster_health data source: health is a rollout step that cannot hang plans', () => {
    // THEN
    expect(Object.keys(json.data)).not.toContain('talos_cluster_health');
    expect(block('terraform_data', 'health_step').provisioner[0]['local-exec'].command).toBe('node scripts/run-ts.mjs rollout/cli.ts health');
  });
});
