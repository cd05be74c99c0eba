/**
 * The lab checks in-process: which checks a plan gets (lib/lab-checks.ts), and how the LabChecks construct wires
 * them into the cluster stack (data sources, the gate's preconditions, every lab-changing resource after it).
 * Their behaviour under Terraform: lab-checks-terraform.integ.test.ts.
 */
import { validateDefinition } from '../lib/check-cluster';
import { homelab } from '../clusters/homelab';
import { Testing } from '../constructs/cdk';
import { planCluster } from '../lib/cluster-plan';
import { datastoreHosts, datastoresForEach, labChecks, LabDataAddresses } from '../lib/lab-checks';
import { TalosClusterStack } from '../stacks/talos-cluster-stack';
import { TfJson } from './support/talos-test-stack';

const addresses: LabDataAddresses = { version: 'data.v', nodes: 'data.n', datastores: 'data.d', vms: 'data.m' };
const subjects = (def = homelab) => labChecks(planCluster(def), addresses).map((c) => c.subject);

describe('labChecks', () => {
  test('defines one check per version, host, datastore need and planned VM ID', () => {
    // GIVEN the homelab (hosts pve1 and pve2, local-lvm and local on each, five nodes) / WHEN / THEN
    expect(subjects()).toEqual([
      'proxmox-version',
      'host-member pve1',
      'host-online pve1',
      'host-member pve2',
      'host-online pve2',
      ...['pve1', 'pve2'].flatMap((h) => [
        `datastore-exists ${h}/local-lvm`,
        `datastore-active ${h}/local-lvm`,
        `datastore-content-images ${h}/local-lvm`,
        `datastore-exists ${h}/local`,
        `datastore-active ${h}/local`,
        `datastore-content-import ${h}/local`,
        `image-datastore-shared ${h}/local`,
      ]),
      'datastore-space pve1/local-lvm',
      'datastore-space pve2/local-lvm',
      'vm-id 8011',
      'vm-id 8012',
      'vm-id 8013',
      'vm-id 8021',
      'vm-id 8022',
    ]);
  });

  test('defines datastore checks only for hosts that run nodes, and for extra-disk datastores', () => {
    // GIVEN a spare host pve3 (placement kept to pve1 and pve2) and a worker whose extra disk goes to `ceph`
    const def = {
      ...homelab,
      proxmoxHosts: [...homelab.proxmoxHosts, { name: 'pve3' }],
      controlPlanes: { ...homelab.controlPlanes, hosts: ['pve1', 'pve2'] },
      workers: {
        ...homelab.workers!,
        nodes: [{ ...homelab.workers!.nodes![0], extraDisks: [{ sizeGiB: 100, datastore: 'ceph' }] }, homelab.workers!.nodes![1]],
      },
    };
    // WHEN / THEN pve3 is checked as a member only, and pve1 also for `ceph`
    const s = subjects(def);
    expect(s).toContain('host-member pve3');
    expect(s.filter((x) => x.includes('pve3/'))).toEqual([]);
    expect(s).toEqual(expect.arrayContaining(['datastore-content-images pve1/ceph', 'datastore-space pve1/ceph']));
    expect(datastoreHosts(planCluster(def))).toEqual(['pve1', 'pve2']);
  });

  test('defines every message as starting with the cluster and carrying a fix', () => {
    for (const c of labChecks(planCluster(homelab), addresses)) {
      expect(c.errorMessage).toMatch(/^homelab: .+\. Fix: .+\.$/);
      expect(c.condition).toMatch(/^\$\{.*\}$/);
    }
  });

  test('defines the datastores for_each as the online members among the hosts running nodes', () => {
    expect(datastoresForEach(planCluster(homelab), 'data.n')).toBe(
      '${toset([for h in ["pve1", "pve2"] : h if (contains(data.n.names, h) && try(data.n.online[index(data.n.names, h)], false))])}',
    );
  });
});

describe('LabChecks in the cluster stack', () => {
  const json = JSON.parse(Testing.synth(new TalosClusterStack(Testing.app(), 'homelab', validateDefinition(homelab)))) as TfJson;
  const one = (block: Record<string, TfJson> | undefined, prefix: string) => {
    const names = Object.keys(block ?? {}).filter((n) => n.startsWith(prefix));
    expect(names).toHaveLength(1);
    return { name: names[0], body: block![names[0]] };
  };

  test('defines the four data sources, the datastores one per host by for_each', () => {
    one(json.data.proxmox_version, 'lab-checks_version_');
    one(json.data.proxmox_virtual_environment_nodes, 'lab-checks_nodes_');
    one(json.data.proxmox_virtual_environment_vms, 'lab-checks_vms_');
    const ds = one(json.data.proxmox_datastores, 'lab-checks_datastores_');
    expect(ds.body.node_name).toBe('${each.key}');
    expect(ds.body.for_each).toContain('for h in ["pve1", "pve2"]');
  });

  test('defines a gate carrying every check as a precondition', () => {
    const gate = one(json.resource.terraform_data, 'lab-checks_gate_');
    const plan = planCluster(homelab);
    expect(gate.body.lifecycle.precondition).toHaveLength(labChecks(plan, addresses).length);
    expect(gate.body.lifecycle.precondition[0].condition).toContain('data.proxmox_version.lab-checks_version_');
  });

  test('defines every download and VM as depending on the gate', () => {
    // GIVEN the stack's lab-changing resources
    const gate = `terraform_data.${one(json.resource.terraform_data, 'lab-checks_gate_').name}`;
    const changing = [
      ...Object.values(json.resource.proxmox_download_file ?? {}),
      ...Object.values(json.resource.proxmox_virtual_environment_vm ?? {}),
    ] as TfJson[];
    // THEN all of them wait for it
    expect(changing).toHaveLength(7);
    for (const r of changing) expect(r.depends_on).toContain(gate);
    // AND every Proxmox resource type in the stack is among them
    const proxmoxTypes = Object.keys(json.resource).filter((t) => t.startsWith('proxmox_'));
    expect(proxmoxTypes.sort()).toEqual(['proxmox_download_file', 'proxmox_virtual_environment_vm']);
  });
});
