/**
 * The project's own offline check of synthesized stacks against the vendored provider schema facts
 * (`check/tf-schema.ts`): the example and a three-host fixture pass, and each kind of mistake Terraform would
 * reject is reported with its path. In-process; the Talos-document half spawns terraform and lives in
 * `check-cli.integ.test.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProviderFacts } from '../check/schema-facts';
import { checkStackSchema } from '../check/tf-schema';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { synthesizeClusters } from '../stacks/cluster-app';
import { threeHostCluster } from './fixtures/three-host-cluster';

type Json = Record<string, any>;

const facts = loadProviderFacts();
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function synth(def: ClusterDefinition): Json {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-check-'));
  tempDirs.push(outdir);
  const result = synthesizeClusters([def], outdir);
  if (!result.ok) throw new Error(result.messages.join('\n'));
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', def.name, 'cdk.tf.json'), 'utf8'));
}

const example = synth(homelab);
const firstVm = (stack: Json): Json => Object.values(stack.resource.proxmox_virtual_environment_vm)[0] as Json;
const copy = (stack: Json): Json => JSON.parse(JSON.stringify(stack));

describe('checkStackSchema', () => {
  test.each([
    ['the example', example],
    ['a three-host VLAN cluster with explicit nodes', synth(threeHostCluster)],
  ])('defines %s with every block matching the provider schemas', (_name, stack) => {
    // GIVEN a synthesized stack / WHEN
    const { problems, blocksChecked } = checkStackSchema(stack, facts);
    // THEN every provider, resource and data block was checked, none with a problem
    const blocks = ['provider', 'resource', 'data'].flatMap((k) => Object.values(stack[k] ?? {}).flatMap((v) => Object.values(v as Json))).length;
    expect(problems).toEqual([]);
    expect(blocksChecked).toBe(blocks);
  });

  test('fails when network_device has the old block shape (bridge, mac_address, model only)', () => {
    // GIVEN
    const stack = copy(example);
    const vm = firstVm(stack);
    vm.network_device = [{ bridge: 'vmbr0', mac_address: '02:00:00:00:00:01', model: 'virtio' }];
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toMatch(/^resource\.proxmox_virtual_environment_vm\.vms_vm-homelab-cp-1_[0-9A-F]{8}\.network_device\[0\]$/);
    expect(problems[0].message).toBe(
      'misses object attribute(s) disconnected, enabled, firewall, mtu, queues, rate_limit, trunks, vlan_id: in JSON syntax every attribute of an object type must be written',
    );
  });

  test('fails when a resource has an unknown attribute, suggesting the closest', () => {
    // GIVEN
    const stack = copy(example);
    firstVm(stack).memroy_gib = 4;
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems.map((p) => [p.path.replace(/_[0-9A-F]{8}\./, '.'), p.message, p.fix])).toEqual([
      [
        'resource.proxmox_virtual_environment_vm.vms_vm-homelab-cp-1.memroy_gib',
        'is not an argument of this schema',
        'did you mean "memory"? remove it',
      ],
    ]);
  });

  test('fails when a required attribute is missing', () => {
    // GIVEN
    const stack = copy(example);
    delete firstVm(stack).node_name;
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems.map((p) => [p.path.split('.').pop(), p.message])).toEqual([['node_name', 'is required and missing']]);
  });

  test('fails when a read-only attribute is set', () => {
    // GIVEN
    const stack = copy(example);
    firstVm(stack).ipv4_addresses = [['192.168.10.11']];
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems.map((p) => [p.path.split('.').pop(), p.message])).toEqual([['ipv4_addresses', 'is read-only (computed by the provider)']]);
  });

  test('fails when a literal value has the wrong type or a nested block is repeated beyond its maximum', () => {
    // GIVEN
    const stack = copy(example);
    const vm = firstVm(stack);
    vm.on_boot = 'sometimes';
    vm.cpu = [vm.cpu, vm.cpu];
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems.map((p) => [p.path.split('.').pop(), p.message])).toEqual([
      ['on_boot', 'is not a bool'],
      ['cpu', 'allows at most 1 block(s)'],
    ]);
  });

  test('fails when a resource type does not exist in its provider', () => {
    // GIVEN
    const stack = copy(example);
    stack.resource.proxmox_virtual_environment_vmm = { x: {} };
    // WHEN
    const { problems } = checkStackSchema(stack, facts);
    // THEN
    expect(problems.map((p) => [p.path, p.message, p.fix])).toEqual([
      [
        'resource.proxmox_virtual_environment_vmm',
        'bpg/proxmox has no resource "proxmox_virtual_environment_vmm"',
        'did you mean "proxmox_virtual_environment_vm"? use a type the provider defines',
      ],
    ]);
  });
});
