/**
 * The lab checks' expressions and messages under real Terraform, with stand-ins for the bpg/proxmox data sources:
 * input variables typed exactly as the provider's schema (v0.111.1) fed the fixture answers, and a local that
 * selects the datastores per host with the same `for_each` expression the construct uses. One `terraform_data`
 * carries every precondition, as in the stack. (The provider twins run the synthesized stack itself:
 * lab-checks-twins.integ.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { homelab } from '../clusters/homelab';
import { ClusterDefinition } from '../lib/cluster-definition';
import { planCluster } from '../lib/cluster-plan';
import { datastoresForEach, labChecks } from '../lib/lab-checks';
import { cleanLab, datastore, LabFixture } from './support/lab-fixtures';
import { runTerraform } from './support/terraform-cli';

/** The variable type of the fixture: the data sources' schema types. */
const LAB_TYPE = `object({
  version = object({ id = string, release = string, repository_id = string, version = string }),
  nodes = object({ names = list(string), online = list(bool) }),
  datastores = map(object({ datastores = list(object({
    active = bool, content_types = set(string), enabled = bool, id = string, node_name = string, shared = bool,
    space_available = number, space_total = number, space_used = number, space_used_fraction = number, type = string
  })) })),
  vms = object({ vms = list(object({ name = string, node_name = string, status = string, tags = list(string), template = bool, vm_id = number })) }),
})`;

/** A Terraform configuration checking `definition` against `var.lab`. */
function standInConfig(definition: ClusterDefinition): object {
  const plan = planCluster(definition);
  const hosts = datastoresForEach(plan, 'var.lab.nodes').slice(2, -1);
  const checks = labChecks(plan, { version: 'var.lab.version', nodes: 'var.lab.nodes', datastores: 'local.datastores', vms: 'var.lab.vms' });
  return {
    variable: { lab: { type: LAB_TYPE } },
    locals: { datastores: `\${{ for h in ${hosts} : h => var.lab.datastores[h] }}` },
    resource: {
      terraform_data: {
        'lab-checks': { lifecycle: { precondition: checks.map((c) => ({ condition: c.condition, error_message: c.errorMessage })) } },
      },
    },
  };
}

interface PlanOutcome {
  readonly code: number;
  /** The details of every error diagnostic. */
  readonly errors: string[];
  readonly planned: string[];
}

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-checks-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding the stand-in configuration for `definition`, initialized. */
function workspace(definition: ClusterDefinition): string {
  const dir = path.join(work, `case-${++n}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(standInConfig(definition), null, 2));
  const init = runTerraform(dir, ['init', '-input=false', '-no-color']);
  if (init.code !== 0) throw new Error(init.output);
  return dir;
}

/** `terraform <command>` (plan or apply) in `dir` against `lab`. */
function plan(
  lab: LabFixture,
  definition: ClusterDefinition = homelab,
  dir = workspace(definition),
  command: 'plan' | 'apply' = 'plan',
): PlanOutcome {
  const datastores = Object.fromEntries(Object.entries(lab.datastores).map(([h, d]) => [h, { datastores: d.datastores }]));
  fs.writeFileSync(path.join(dir, 'lab.tfvars.json'), JSON.stringify({ lab: { ...lab, datastores } }));
  const r = runTerraform(dir, [command, '-input=false', '-json', '-var-file=lab.tfvars.json', ...(command === 'apply' ? ['-auto-approve'] : [])]);
  const messages = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; diagnostic?: { severity: string; detail: string }; change?: { resource: { addr: string } } });
  return {
    code: r.code,
    errors: messages.filter((m) => m.type === 'diagnostic' && m.diagnostic?.severity === 'error').map((m) => m.diagnostic!.detail),
    planned: messages.filter((m) => m.type === 'planned_change').map((m) => m.change!.resource.addr),
  };
}

describe('lab checks under Terraform (data-source stand-ins)', () => {
  test('defines a clean lab as passing: the gate is planned', () => {
    // GIVEN the homelab definition and a lab that fits it / WHEN planned
    const out = plan(cleanLab());
    // THEN no check fails
    expect(out.errors).toEqual([]);
    expect(out.planned).toEqual(['terraform_data.lab-checks']);
    expect(out.code).toBe(0);
  });

  test('fails when the lab changes after a deploy: the checks run on every plan, also with nothing to change', () => {
    // GIVEN the gate applied against a clean lab
    const dir = workspace(homelab);
    expect(plan(cleanLab(), homelab, dir, 'apply').code).toBe(0);
    expect(plan(cleanLab(), homelab, dir).planned).toEqual([]);
    // WHEN a host goes offline and the unchanged configuration is planned again
    const lab = cleanLab();
    lab.nodes.online = [false, true];
    const out = plan(lab, homelab, dir);
    // THEN the check still stops the plan
    expect(out.errors).toEqual([expect.stringContaining('homelab: Proxmox host "pve1" (proxmoxHosts[0]) is offline.')]);
    expect(out.code).toBe(1);
  });

  test('fails when the image datastore lacks import, naming host, datastore and the pvesm command', () => {
    // GIVEN pve2's `local` without the import content type
    const lab = cleanLab();
    lab.datastores.pve2.datastores[0].content_types = ['backup', 'iso', 'vztmpl'];
    // WHEN planned
    const out = plan(lab);
    // THEN exactly that check fails, with the command that fixes it
    expect(out.errors).toEqual([
      'homelab: datastore "local" (proxmoxHosts[1].imageDatastore) on Proxmox host "pve2" does not allow content type import, needed for the Talos boot image (proxmox_download_file, content type import); it allows: backup,iso,vztmpl. ' +
        'Fix: pvesm set local --content backup,import,iso,vztmpl (Proxmox VE 8.4 or newer; or Datacenter > Storage > local > Content: add Import).',
    ]);
    expect(out.code).toBe(1);
  });

  test('fails when a declared host is not a Proxmox node, with one message and no datastore noise', () => {
    // GIVEN a lab whose nodes are pve1 and pve-b (no pve2)
    const lab = cleanLab();
    lab.nodes.names = ['pve1', 'pve-b'];
    lab.datastores = { pve1: lab.datastores.pve1, 'pve-b': lab.datastores.pve2 };
    // WHEN planned
    const out = plan(lab);
    // THEN only the membership check fails, listing the real node names
    expect(out.errors).toEqual([
      'homelab: proxmoxHosts[1].name = "pve2" is not a node of this Proxmox cluster (its nodes: pve1, pve-b). Fix: write the node name exactly as the Proxmox UI or pvecm nodes shows it, or remove the host from proxmoxHosts.',
    ]);
  });

  test('fails when a host is offline', () => {
    const lab = cleanLab();
    lab.nodes.online = [true, false];
    expect(plan(lab).errors).toEqual([
      'homelab: Proxmox host "pve2" (proxmoxHosts[1]) is offline. Fix: start it or bring it back into the cluster (pvecm status), or move its nodes to another host.',
    ]);
  });

  test('fails when a planned VM ID is taken by a VM without the cluster tag, and passes when it carries it', () => {
    // GIVEN VM 8021 (homelab-worker-1's ID) is someone else's
    const lab = cleanLab();
    lab.vms.vms.push({ name: 'gitlab', node_name: 'pve2', status: 'running', tags: ['dev', 'git'], template: false, vm_id: 8021 });
    // WHEN planned / THEN the message names the ID, the node, the VM found and the fix
    expect(plan(lab).errors).toEqual([
      'homelab: VM ID 8021 (node homelab-worker-1, workers.nodes[0]) is taken on Proxmox host pve2 by VM "gitlab" (tags: dev;git), which is not a VM of cluster homelab (it lacks the tag "homelab"). ' +
        'Fix: give homelab-worker-1 a free vmId (or change vmIdBase), or remove that VM if it is not needed.',
    ]);
    // GIVEN instead the cluster's own VM on that ID (an existing node), and an untagged VM elsewhere
    const ours = cleanLab();
    ours.vms.vms.push({ name: 'homelab-worker-1', node_name: 'pve1', status: 'running', tags: ['homelab', 'worker'], template: false, vm_id: 8021 });
    ours.vms.vms.push({ name: 'scratch', node_name: 'pve1', status: 'stopped', tags: null, template: false, vm_id: 200 });
    expect(plan(ours).errors).toEqual([]);
  });

  test('fails when Proxmox VE is older than 8.4', () => {
    const lab = cleanLab();
    lab.version = { ...lab.version, release: '8.3', version: '8.3.5' };
    expect(plan(lab).errors).toEqual([
      'homelab: Proxmox VE is 8.3 (pve-manager 8.3.5); the Talos image download (proxmox_download_file, content type import) needs Proxmox VE 8.4 or newer. Fix: upgrade every Proxmox host to 8.4 or newer (apt update && apt full-upgrade), then enable the Import content type on each imageDatastore.',
    ]);
    const nine = cleanLab();
    nine.version = { ...nine.version, release: '9.0', version: '9.0.3' };
    expect(plan(nine).errors).toEqual([]);
  });

  test('fails when a VM datastore is missing, disabled or lacks images', () => {
    // GIVEN pve1 without local-lvm
    const missing = cleanLab();
    missing.datastores.pve1.datastores.pop();
    expect(plan(missing).errors).toEqual([
      'homelab: proxmoxHosts[0].vmDatastore = "local-lvm": no datastore of that name on Proxmox host "pve1" (it has: local). Fix: use one of those, or make the storage available on pve1 (Datacenter > Storage > local-lvm > Nodes).',
    ]);
    // GIVEN pve1's local-lvm inactive (its space unknown)
    const inactive = cleanLab();
    Object.assign(inactive.datastores.pve1.datastores[1], { active: false, space_available: null });
    expect(plan(inactive).errors).toEqual([
      expect.stringContaining('homelab: datastore "local-lvm" (proxmoxHosts[0].vmDatastore) is disabled or not active on Proxmox host "pve1"'),
      expect.stringContaining('homelab: datastore "local-lvm" (proxmoxHosts[0].vmDatastore) on Proxmox host "pve1" has 0.0 GiB free'),
    ]);
    // GIVEN pve2's local-lvm only for containers
    const noImages = cleanLab();
    noImages.datastores.pve2.datastores[1].content_types = ['rootdir'];
    expect(plan(noImages).errors).toEqual([
      'homelab: datastore "local-lvm" (proxmoxHosts[1].vmDatastore) on Proxmox host "pve2" does not allow content type images, needed for VM disks; it allows: rootdir. Fix: pvesm set local-lvm --content images,rootdir.',
    ]);
  });

  test("fails when the image datastore's shared flag differs from imageDatastoreShared", () => {
    const lab = cleanLab();
    lab.datastores.pve1.datastores[0].shared = true;
    lab.datastores.pve2.datastores[0].shared = true;
    expect(plan(lab).errors).toEqual([
      expect.stringMatching(
        /^homelab: proxmoxHosts\[0\]\.imageDatastoreShared = false, but datastore "local" on Proxmox host "pve1" is shared storage: .* Fix: set imageDatastoreShared: true on every host that uses local\.$/,
      ),
      expect.stringMatching(
        /^homelab: proxmoxHosts\[1\]\.imageDatastoreShared = false, but datastore "local" on Proxmox host "pve2" is shared storage/,
      ),
    ]);
  });

  test("fails when the new VMs' disks do not fit, counting only VMs that do not exist yet", () => {
    // GIVEN 150 GiB free on pve1's local-lvm; pve1 gets homelab-cp-1 (20), homelab-cp-3 (20), homelab-worker-1 (50 + 100)
    const lab = cleanLab();
    lab.datastores.pve1.datastores[1] = datastore('pve1', 'local-lvm', 'lvmthin', ['images', 'rootdir'], 150);
    // WHEN planned for a first deploy / THEN 190 GiB do not fit
    expect(plan(lab).errors).toEqual([
      'homelab: datastore "local-lvm" (proxmoxHosts[0].vmDatastore) on Proxmox host "pve1" has 150.0 GiB free, but the disks of the new VMs on it need 190.0 GiB. ' +
        "Fix: free space on local-lvm, or put the new nodes' disks on another datastore (vmDatastore, extraDisks[].datastore), or make them smaller.",
    ]);
    // GIVEN homelab-worker-1 exists already: only the two control planes (40 GiB) are new
    lab.vms.vms.push({ name: 'homelab-worker-1', node_name: 'pve1', status: 'running', tags: ['homelab', 'worker'], template: false, vm_id: 8021 });
    expect(plan(lab).errors).toEqual([]);
  });

  test("defines a shared VM datastore's need as the new disks of every host using it", () => {
    // GIVEN one shared Ceph pool for both hosts with 300 GiB free; the cluster needs 20*3 + 150*2 = 360 GiB in total
    const lab = cleanLab();
    for (const h of ['pve1', 'pve2']) lab.datastores[h].datastores[1] = datastore(h, 'local-lvm', 'rbd', ['images', 'rootdir'], 300, true);
    // WHEN planned / THEN each host reports the whole cluster's need
    const out = plan(lab);
    expect(out.errors).toHaveLength(2);
    expect(out.errors[0]).toContain('on Proxmox host "pve1" has 300.0 GiB free, but the disks of the new VMs on it need 360.0 GiB');
  });
});
