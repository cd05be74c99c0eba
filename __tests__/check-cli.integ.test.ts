/**
 * `npm run check` as a user runs it: exit 0 with a summary on good stacks, exit 1 with one line per problem naming
 * the stack, the path and the fix on broken ones: an unknown attribute, a missing required attribute, an incomplete
 * `network_device`, and a Talos document with an unknown key (the documents are evaluated with real terraform).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthesizeClusters } from '../stacks/cluster-app';
import { evaluateWithTerraform } from '../check/talos-documents';
import { threeHostCluster } from './fixtures/three-host-cluster';

type Json = Record<string, any>;

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function synth(def: ClusterDefinition): string {
  const result = synthesizeClusters([def], path.join(dir, def.name));
  if (!result.ok) throw new Error(result.messages.join('\n'));
  return path.join(dir, def.name, 'stacks', def.name, 'cdk.tf.json');
}

function variant(source: string, name: string, edit: (stack: Json) => void): string {
  const stack = JSON.parse(fs.readFileSync(source, 'utf8'));
  edit(stack);
  const file = path.join(dir, `${name}.tf.json`);
  fs.writeFileSync(file, JSON.stringify(stack));
  return file;
}

function check(...files: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), path.join(root, 'check/cli.ts'), ...files], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
}

const example = synth(homelab);
const lab3 = synth(threeHostCluster);
/** Provider, resource and data blocks of a stack file: what the check must have looked at. */
function blockCount(file: string): number {
  const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
  return ['provider', 'resource', 'data'].flatMap((k) => Object.values(stack[k] ?? {}).flatMap((v) => Object.values(v as Json))).length;
}

const firstOf = (section: Json) => Object.values(section)[0] as Json;

describe('npm run check', () => {
  test('defines the example and the three-host fixture as clean: exit 0, every block and document counted', () => {
    // GIVEN two synthesized stacks / WHEN
    const run = check(example, lab3);
    // THEN
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`homelab/cdk.tf.json: ${blockCount(example)} block(s) against provider schemas, 29 Talos document(s): 0 problem(s)`);
    expect(run.stdout).toContain(`lab3/cdk.tf.json: ${blockCount(lab3)} block(s) against provider schemas, 29 Talos document(s): 0 problem(s)`);
    expect(run.status).toBe(0);
  });

  test('defines several patch expressions as evaluated in one terraform console run, each to its own document', () => {
    // GIVEN two expressions (a stack holds one per patch written as an expression)
    const expressions = [
      'yamlencode({"machine" = {"nodeAnnotations" = {"a/b" = "x"}}})',
      'sensitive(yamlencode({"cluster" = {"proxy" = {"disabled" = true}}}))',
    ];
    // WHEN
    const results = evaluateWithTerraform(expressions);
    // THEN each result is its own expression's YAML (console prints only the last of several input lines)
    expect(results).toEqual(['"machine":\n  "nodeAnnotations":\n    "a/b": "x"\n', '"cluster":\n  "proxy":\n    "disabled": true\n']);
  });

  test('fails on each broken stack with one line naming the stack, the path and the fix', () => {
    // GIVEN four stacks with one mistake each
    const unknown = variant(example, 'unknown-attribute', (s) => (firstOf(s.resource.proxmox_virtual_environment_vm).memroy = 4));
    const missing = variant(example, 'missing-required', (s) => delete firstOf(s.resource.talos_machine_configuration_apply).node);
    const nic = variant(
      example,
      'old-network-device',
      (s) =>
        (firstOf(s.resource.proxmox_virtual_environment_vm).network_device = [
          { bridge: 'vmbr0', mac_address: '02:00:00:00:00:01', model: 'virtio' },
        ]),
    );
    const talos = variant(example, 'talos-unknown-key', (s) => {
      const apply = firstOf(s.resource.talos_machine_configuration_apply);
      apply.config_patches = [...apply.config_patches, 'machine:\n  kubelet:\n    extraArgz:\n      v: "2"\n'];
    });
    // WHEN
    const run = check(unknown, missing, nic, talos);
    // THEN
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('error '));
    expect(lines).toEqual([
      expect.stringMatching(
        /^error unknown-attribute\.tf\.json: resource\.proxmox_virtual_environment_vm\.vms_vm-homelab-cp-1_[0-9A-F]{8}\.memroy = 4: is not an argument of this schema\. Fix: did you mean "memory"\? remove it$/,
      ),
      expect.stringMatching(
        /^error missing-required\.tf\.json: resource\.talos_machine_configuration_apply\.talos_apply-homelab-cp-1_[0-9A-F]{8}\.node = null: is required and missing\. Fix: set node$/,
      ),
      expect.stringMatching(
        /^error old-network-device\.tf\.json: resource\.proxmox_virtual_environment_vm\.vms_vm-homelab-cp-1_[0-9A-F]{8}\.network_device\[0\] = .*misses object attribute\(s\) disconnected, enabled, firewall, mtu, queues, rate_limit, trunks, vlan_id.* Fix: write "disconnected": null/,
      ),
      expect.stringMatching(
        /^error talos-unknown-key\.tf\.json: resource\.talos_machine_configuration_apply\.talos_apply-homelab-cp-1_[0-9A-F]{8}\.config_patches\[2\]: doc\[0\] \(v1alpha1\)\/machine\/kubelet\/extraArgz = .*unknown key "extraArgz"/,
      ),
    ]);
    expect(run.status).toBe(1);
  });

  test('fails with exit 2 and the next step when there is nothing to check', () => {
    // GIVEN a folder without cdktf.out / WHEN
    const run = check();
    // THEN
    expect(run.stderr).toContain('check: no stack to check. Fix: run `npm run synth` first');
    expect(run.status).toBe(2);
  });
});
