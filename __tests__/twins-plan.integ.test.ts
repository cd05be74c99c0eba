/**
 * Real Terraform judges the synthesized stacks: `terraform validate` and `terraform plan` from nothing against the
 * provider twins, which serve the real schemas of bpg/proxmox 0.111.1, siderolabs/talos 0.11.0, hashicorp/helm
 * 3.1.1 and hashicorp/local 2.6.1 (twins/). Whatever Terraform core rejects (attribute shapes, types, references,
 * conditions, cycles) fails here with Terraform's own message.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { plannedActions, TwinServer, TwinWorkspace } from './support/twins';

jest.setTimeout(120000);

/** Three Proxmox hosts, a tagged VLAN, explicit node IPs, VM IDs and MACs. */
const THREE_HOSTS: ClusterDefinition = {
  name: 'lab3',
  endpoint: { vip: '10.30.0.10' },
  network: { cidr: '10.30.0.0/24', gateway: '10.30.0.1', dnsServers: ['10.30.0.1'], bridge: 'vmbr1', vlan: 30 },
  proxmoxHosts: [{ name: 'pve-a' }, { name: 'pve-b' }, { name: 'pve-c', bridge: 'vmbr2' }],
  controlPlanes: {
    nodes: [
      { name: 'lab3-cp-a', ip: '10.30.0.11', host: 'pve-a' },
      { name: 'lab3-cp-b', ip: '10.30.0.12', host: 'pve-b', vmId: 9112 },
      { name: 'lab3-cp-c', ip: '10.30.0.13', host: 'pve-c', macAddress: '02:00:00:30:00:13' },
    ],
  },
  workers: { nodes: [{ name: 'lab3-worker-a', ip: '10.30.0.41', host: 'pve-a', cores: 6, extraDisks: [{ sizeGiB: 200 }] }] },
};

describe('the synthesized stacks under real Terraform with the provider twins', () => {
  let twins: TwinServer;
  const workspaces: TwinWorkspace[] = [];

  let example: TwinWorkspace;

  /** The synthesized stack of `def` (the example's is synthesized once, in beforeAll). */
  function synthesized(def: ClusterDefinition): TwinWorkspace {
    if (def === homelab) return example;
    const ws = new TwinWorkspace(twins, def.name);
    workspaces.push(ws);
    ws.synth(def);
    return ws;
  }

  beforeAll(async () => {
    twins = await TwinServer.start();
    example = new TwinWorkspace(twins, homelab.name);
    workspaces.push(example);
    example.synth(homelab);
  });

  afterAll(async () => {
    workspaces.forEach((w) => w.remove());
    await twins?.stop();
  });

  test.each([
    ['the example cluster', homelab],
    ['a 3-host cluster on a VLAN with explicit IPs, VM IDs and MACs', THREE_HOSTS],
  ])('defines %s that Terraform validates and plans to create every resource', (_name, def) => {
    // GIVEN the synthesized stack
    const ws = synthesized(def);
    const json = ws.readStack();
    const blocks = Object.values(json.resource as Record<string, Record<string, { for_each?: Record<string, unknown> }>>).flatMap((byName) =>
      Object.values(byName),
    );
    const declared = blocks.reduce((n, b) => n + (b.for_each ? Object.keys(b.for_each).length : 1), 0);

    // WHEN
    const validate = ws.validate();
    const plan = ws.plan();

    // THEN every declared resource instance is to be created, and nothing else
    expect(validate.output).toContain('Success! The configuration is valid.');
    const actions = plannedActions(plan);
    expect(new Set(Object.values(actions))).toEqual(new Set(['create']));
    expect(Object.keys(actions)).toHaveLength(declared);
    expect(Object.keys(actions).filter((a) => a.startsWith('proxmox_virtual_environment_vm.'))).toHaveLength(def === homelab ? 5 : 4);
  });

  test("fails when a VM NIC carries only bridge, MAC address and model, with Terraform's own message", () => {
    // GIVEN the example stack with the NIC shape written before bpg's list(object) attribute was honoured
    const ws = new TwinWorkspace(twins, homelab.name, example);
    workspaces.push(ws);
    const json = ws.readStack();
    for (const vm of Object.values(json.resource.proxmox_virtual_environment_vm as Record<string, { network_device: Record<string, unknown>[] }>)) {
      vm.network_device = vm.network_device.map((nic) => ({ bridge: nic.bridge, mac_address: nic.mac_address, model: nic.model }));
    }
    ws.writeStack(json);

    // WHEN
    const validate = ws.validate();

    // THEN Terraform refuses the object: the other 8 attributes of the element type are required in JSON syntax
    expect(validate.code).not.toBe(0);
    expect(validate.output).toContain('Error: Incorrect attribute value type');
    expect(validate.output.replace(/\s+/g, ' ')).toContain(
      'Inappropriate value for attribute "network_device": element 0: attributes "disconnected", "enabled", "firewall", "mtu", "queues", "rate_limit", "trunks", and "vlan_id" are required.',
    );
  });

  test("defines the workflow's validate step (scripts/validate-stacks.sh) as init + validate of every stack, failing on Terraform's error", () => {
    // GIVEN the example and, in a copy, the old NIC shape; the twins stand in for the registry's providers
    const broken = new TwinWorkspace(twins, homelab.name, example);
    workspaces.push(broken);
    const json = broken.readStack();
    for (const vm of Object.values(json.resource.proxmox_virtual_environment_vm as Record<string, { network_device: Record<string, unknown>[] }>)) {
      vm.network_device = vm.network_device.map((nic) => ({ bridge: nic.bridge, mac_address: nic.mac_address, model: nic.model }));
    }
    broken.writeStack(json);
    const run = (ws: TwinWorkspace) =>
      spawnSync('bash', ['scripts/validate-stacks.sh'], { cwd: ws.project, encoding: 'utf8', env: { ...process.env, ...twins.env() } });

    // WHEN the workflow's script runs in each project folder
    const good = run(example);
    const bad = run(broken);

    // THEN
    expect(good.stdout).toContain('validate-stacks: homelab: valid');
    expect(good.status).toBe(0);
    expect(bad.stderr.replace(/\s+/g, ' ')).toContain('Inappropriate value for attribute "network_device"');
    expect(bad.status).toBe(1);
  });

  test("defines npm run plan-offline as Terraform's plan of the example from nothing, leaving the project's state alone", () => {
    // GIVEN the project folder, where the example's local state would live
    const root = path.resolve(__dirname, '..');
    const state = path.join(root, 'terraform.homelab.tfstate');
    const stateBefore = fs.existsSync(state) ? fs.readFileSync(state, 'utf8') : undefined;

    // WHEN
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'twins/plan-offline.ts', 'homelab'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });

    // THEN
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('# proxmox_virtual_environment_vm.vms_vm-homelab-cp-1_');
    expect(r.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(fs.existsSync(state) ? fs.readFileSync(state, 'utf8') : undefined).toBe(stateBefore);
  });

  test('fails when plan-offline is asked for a cluster that is not defined, naming the known ones', () => {
    // WHEN
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'twins/plan-offline.ts', 'nosuch'], {
      cwd: path.resolve(__dirname, '..'),
      encoding: 'utf8',
    });

    // THEN
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no cluster named nosuch in clusters/index.ts (known: homelab)');
  });
});
