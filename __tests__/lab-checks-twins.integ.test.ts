/**
 * The synthesized example stack under real Terraform against the provider twins, whose bpg/proxmox data sources
 * answer a fixture lab: a datastore lacking `import`, an unknown host and a foreign VM on a planned VM ID each stop
 * the plan with the project's message, and an apply creates nothing; a clean lab plans cleanly.
 */
import { homelab } from '../clusters/homelab';
import { labFitting, LabFixture, twinLabFixtures } from './support/lab-fixtures';
import { plannedActions, TwinServer, TwinWorkspace } from './support/twins';

jest.setTimeout(180000);

interface Run {
  readonly code: number;
  readonly errors: string[];
  /** Managed resources `terraform apply` reported created (data sources read are not). */
  readonly created: string[];
}

/** `terraform <plan|apply> -json` in `ws`: exit code, error diagnostics' details, resources created. */
function run(ws: TwinWorkspace, command: 'plan' | 'apply'): Run {
  ws.init();
  const r = ws.terraform([command, '-input=false', '-json', ...(command === 'apply' ? ['-auto-approve'] : [])]);
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; diagnostic?: { severity: string; detail: string }; hook?: { resource: { addr: string } } });
  return {
    code: r.code,
    errors: lines.filter((l) => l.type === 'diagnostic' && l.diagnostic?.severity === 'error').map((l) => l.diagnostic!.detail),
    created: lines
      .filter((l) => l.type === 'apply_complete')
      .map((l) => l.hook!.resource.addr)
      .filter((a) => !a.startsWith('data.')),
  };
}

describe('lab checks of the example stack under Terraform with the provider twins', () => {
  let twins: TwinServer;
  /** The synthesized and initialized homelab stack every test copies. */
  let base: TwinWorkspace;
  const workspaces: TwinWorkspace[] = [];

  beforeAll(async () => {
    twins = await TwinServer.start();
    base = new TwinWorkspace(twins, 'homelab');
    workspaces.push(base);
    base.synth(homelab);
    base.init();
  });

  afterAll(async () => {
    workspaces.forEach((ws) => ws.remove());
    await twins?.stop();
  });

  /** A copy of the homelab stack, with the twins answering the homelab's clean lab with `change` applied. */
  const lab = (change: (lab: LabFixture) => void) => {
    const fixture = labFitting([homelab]);
    change(fixture);
    twins.useFixtures(twinLabFixtures(fixture));
    const ws = new TwinWorkspace(twins, 'homelab', base);
    workspaces.push(ws);
    return ws;
  };

  /** Plan and apply both stop with exactly `message`, and nothing is created. */
  function expectStopped(ws: TwinWorkspace, message: string): void {
    const plan = run(ws, 'plan');
    expect(plan.errors).toEqual([message]);
    expect(plan.code).toBe(1);
    const apply = run(ws, 'apply');
    expect(apply.errors).toEqual([message]);
    expect(apply.created).toEqual([]);
    expect(ws.terraform(['state', 'list']).stdout.trim()).toBe('');
  }

  test('defines a clean lab: the stack plans, the gate and every VM and download to be created', () => {
    // GIVEN a lab that fits the homelab
    const ws = lab(() => undefined);
    // WHEN planned
    const actions = plannedActions(ws.plan());
    // THEN the gate is created along with the lab-changing resources
    expect(actions['terraform_data.lab-checks_gate']).toBe('create');
    expect(
      Object.entries(actions).filter(([a, act]) => /^proxmox_(virtual_environment_vm|download_file)\./.test(a) && act === 'create'),
    ).toHaveLength(7);
  });

  test('fails when the image datastore lacks import: the plan stops with the pvesm fix, an apply creates nothing', () => {
    // GIVEN pve2's `local` without the import content type
    const ws = lab((l) => {
      l.datastores.pve2.datastores.find((d) => d.id === 'local')!.content_types = ['backup', 'iso', 'vztmpl'];
    });
    // WHEN / THEN
    expectStopped(
      ws,
      'homelab: datastore "local" (proxmoxHosts[1].imageDatastore) on Proxmox host "pve2" does not allow content type import, needed for the Talos boot image (proxmox_download_file, content type import); it allows: backup,iso,vztmpl. ' +
        'Fix: pvesm set local --content backup,import,iso,vztmpl (Proxmox VE 8.4 or newer; or Datacenter > Storage > local > Content: add Import).',
    );
  });

  test('fails when a declared host is not a Proxmox node: one message, an apply creates nothing', () => {
    // GIVEN a Proxmox cluster of pve1 and pve-b
    const ws = lab((l) => {
      l.nodes = { names: ['pve1', 'pve-b'], online: [true, true] };
      l.datastores = { pve1: l.datastores.pve1, 'pve-b': { ...l.datastores.pve2, node_name: 'pve-b' } };
    });
    // WHEN / THEN
    expectStopped(
      ws,
      'homelab: proxmoxHosts[1].name = "pve2" is not a node of this Proxmox cluster (its nodes: pve1, pve-b). Fix: write the node name exactly as the Proxmox UI or pvecm nodes shows it, or remove the host from proxmoxHosts.',
    );
  });

  test('fails when a planned VM ID belongs to a VM of no cluster of ours: an apply creates nothing', () => {
    // GIVEN VM 8012 (homelab-cp-2's ID) is someone's database
    const ws = lab((l) => {
      l.vms.vms = [{ name: 'postgres', node_name: 'pve2', status: 'running', tags: ['db'], template: false, vm_id: 8012 }];
    });
    // WHEN / THEN
    expectStopped(
      ws,
      'homelab: VM ID 8012 (node homelab-cp-2, controlPlanes[homelab-cp-2]) is taken on Proxmox host pve2 by VM "postgres" (tags: db), which is not a VM of cluster homelab (it lacks the tag "homelab"). ' +
        'Fix: give homelab-cp-2 a free vmId (or change vmIdBase), or remove that VM if it is not needed.',
    );
  });
});
