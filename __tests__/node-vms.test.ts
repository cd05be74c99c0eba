import { homelab } from '../clusters/homelab';
import { VM_IGNORED_CHANGES } from '../constructs/node-vms';
import { ClusterDefinition } from '../lib/cluster-definition';
import { deterministicMac, planCluster } from '../lib/cluster-plan';
import { Block, synthImageAndVms } from './support/synth-image-and-vms';

/** The VM blocks of `def`, keyed by node name. */
function vmsOf(def: ClusterDefinition): Map<string, Block> {
  const blocks = synthImageAndVms(def).blocks('proxmox_virtual_environment_vm');
  return new Map([...blocks].map(([key, block]) => [key.replace(/^vm-/, ''), block]));
}

/** A VM block without what Terraform ignores after creation (`lifecycle.ignore_changes`). */
function withoutIgnored(block: Block): Block {
  const copy = JSON.parse(JSON.stringify(block));
  for (const path of copy.lifecycle.ignore_changes as string[]) {
    const nested = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path);
    if (nested) delete copy[nested[1]][Number(nested[2])][nested[3]];
    else delete copy[path];
  }
  return copy;
}

/** Attributes whose change makes bpg/proxmox destroy and recreate a VM (with `migrate = true`, not node_name). */
function replacementForcing(block: Block): unknown {
  return {
    vm_id: block.vm_id,
    template: block.template,
    clone: block.clone,
    efi_disk: block.efi_disk,
    tpm_state: block.tpm_state,
    disks: block.disk.map((d: Block) => ({ interface: d.interface, file_id: d.file_id, import_from: d.import_from })),
    initialization_present: block.initialization !== undefined,
    node_name_without_migrate: block.migrate ? undefined : block.node_name,
  };
}

describe('NodeVms on the example cluster', () => {
  const plan = planCluster(homelab);
  const vms = vmsOf(homelab);

  test('defines one VM per node, keyed by node name', () => {
    // GIVEN / WHEN / THEN
    expect([...vms.keys()]).toEqual(plan.nodes.map((n) => n.name));
  });

  test('defines placement, identity, tags and Talos-documented hardware for every node', () => {
    for (const node of plan.nodes) {
      // GIVEN / WHEN the VM of each node of the example cluster
      const vm = vms.get(node.name)!;
      // THEN
      expect(vm).toMatchObject({
        node_name: node.host,
        vm_id: node.vmId,
        name: node.name,
        tags: ['homelab', node.role].sort(),
        cpu: { type: 'host', cores: node.cores },
        memory: { dedicated: node.memoryGiB * 1024, floating: 0 },
        scsi_hardware: 'virtio-scsi-pci',
        operating_system: { type: 'l26' },
        on_boot: true,
        stop_on_destroy: true,
        bios: 'seabios',
        machine: 'q35',
        serial_device: [{ device: 'socket' }],
        boot_order: ['scsi0'],
      });
    }
  });

  test('defines the boot disk imported from the image downloaded to its host, and extra disks after it', () => {
    // GIVEN
    const worker = plan.workers[0];
    // WHEN
    const disks = vms.get(worker.name)!.disk;
    // THEN
    expect(disks).toEqual([
      {
        interface: 'scsi0',
        datastore_id: 'local-lvm',
        import_from: expect.stringMatching(new RegExp(`^\\$\\{proxmox_download_file\\.image_download-${worker.host}_[0-9A-F]{8}\\.id\\}$`)),
        size: worker.diskGiB,
        discard: 'on',
        ssd: true,
      },
      { interface: 'scsi1', datastore_id: 'local-lvm', size: 100, discard: 'on', ssd: true },
    ]);
  });

  test('defines the NIC with the node MAC on the bridge and the static address on the nocloud drive', () => {
    for (const node of plan.nodes) {
      // GIVEN / WHEN the VM of each node of the example cluster
      const vm = vms.get(node.name)!;
      // THEN
      // Every attribute of bpg's list(object) `network_device` written, null where unset (Terraform JSON syntax).
      expect(vm.network_device).toEqual([
        {
          bridge: 'vmbr0',
          model: 'virtio',
          mac_address: node.macAddress,
          disconnected: null,
          enabled: null,
          firewall: null,
          mtu: null,
          queues: null,
          rate_limit: null,
          trunks: null,
          vlan_id: null,
        },
      ]);
      expect(vm.initialization).toEqual({
        datastore_id: 'local-lvm',
        type: 'nocloud',
        ip_config: [{ ipv4: { address: `${node.ip}/24`, gateway: '192.168.10.1' } }],
        dns: { servers: ['192.168.10.1'] },
      });
    }
  });

  test('defines the QEMU agent on, without waiting for agent-reported addresses', () => {
    // GIVEN / WHEN / THEN
    for (const vm of vms.values()) expect(vm.agent).toEqual({ enabled: true, timeout: '3m', wait_for_ip: { disabled: true } });
  });

  test('defines control planes to start before workers', () => {
    // GIVEN / WHEN / THEN
    const order = (name: string) => vms.get(name)!.startup.order;
    for (const cp of plan.controlPlanes) for (const w of plan.workers) expect(order(cp.name)).toBeLessThan(order(w.name));
  });

  test('defines migration on host change and no provider-initiated reboots', () => {
    // GIVEN / WHEN / THEN
    for (const vm of vms.values()) expect(vm).toMatchObject({ migrate: true, reboot_after_update: false });
  });

  test('defines the boot image source as ignored after creation', () => {
    // GIVEN / WHEN / THEN
    expect(VM_IGNORED_CHANGES).toEqual(['disk[0].import_from']);
    for (const node of plan.nodes) {
      expect(vms.get(node.name)!.lifecycle).toEqual({
        ignore_changes: ['disk[0].import_from', ...(node.hostExplicit ? [] : ['node_name'])],
        prevent_destroy: true,
        replace_triggered_by: [expect.stringMatching(new RegExp(`^terraform_data\\.vms_identity-${node.name}_[0-9A-F]{8}$`))],
      });
    }
  });
});

describe('NodeVms options', () => {
  test('defines the agent off when the schematic has no qemu-guest-agent', () => {
    // GIVEN / WHEN a schematic without qemu-guest-agent
    const vms = vmsOf({ ...homelab, talos: { extensions: ['siderolabs/iscsi-tools'] } });
    // THEN
    for (const vm of vms.values()) expect(vm.agent).toEqual({ enabled: false });
  });

  test('defines the VLAN tag and a host bridge override', () => {
    // GIVEN
    const def: ClusterDefinition = {
      ...homelab,
      network: { ...homelab.network, vlan: 30 },
      proxmoxHosts: [homelab.proxmoxHosts[0], { ...homelab.proxmoxHosts[1], bridge: 'vmbr1' }],
    };
    // WHEN
    const vms = vmsOf(def);
    // THEN
    expect(vms.get('homelab-worker-1')!.network_device[0]).toMatchObject({ bridge: 'vmbr0', vlan_id: 30 });
    expect(vms.get('homelab-worker-2')!.network_device[0]).toMatchObject({ bridge: 'vmbr1', vlan_id: 30 });
  });

  test('defines each boot disk from the download that serves its host', () => {
    // GIVEN pve1 and pve2 share one image datastore
    const def: ClusterDefinition = {
      ...homelab,
      proxmoxHosts: homelab.proxmoxHosts.map((h) => ({ ...h, imageDatastore: 'nfs', imageDatastoreShared: true })),
    };
    // WHEN
    const vms = vmsOf(def);
    // THEN
    for (const vm of vms.values()) expect(vm.disk[0].import_from).toMatch(/^\$\{proxmox_download_file\.image_download-shared-nfs_[0-9A-F]{8}\.id\}$/);
  });

  test('fails when a node runs on an undeclared host', () => {
    // GIVEN
    const def: ClusterDefinition = { ...homelab, workers: { nodes: [{ name: 'homelab-worker-9', ip: '192.168.10.29', host: 'pve9' }] } };
    // WHEN / THEN
    expect(() => vmsOf(def)).toThrow(/workers\.nodes\[0\]\.host = "pve9".*Fix:/);
  });
});

describe('MAC addresses', () => {
  test('defines the same MAC for the same cluster and node on every synth', () => {
    // GIVEN / WHEN / THEN
    expect(vmsOf(homelab).get('homelab-cp-2')!.network_device[0].mac_address).toBe(vmsOf(homelab).get('homelab-cp-2')!.network_device[0].mac_address);
    expect(deterministicMac('homelab', 'homelab-cp-2')).toBe(deterministicMac('homelab', 'homelab-cp-2'));
  });

  test('defines distinct, locally administered unicast MACs for every node', () => {
    // GIVEN a large cluster
    const def: ClusterDefinition = {
      ...homelab,
      network: { ...homelab.network, cidr: '10.0.0.0/16', gateway: '10.0.0.1', dnsServers: ['10.0.0.1'] },
      endpoint: { vip: '10.0.0.10' },
      controlPlanes: { count: 3, firstIp: '10.0.0.11' },
      addons: { ...homelab.addons, cilium: { loadBalancerRange: '10.0.255.200-10.0.255.220' } },
      workers: { count: 200, firstIp: '10.0.1.1' },
    };
    // WHEN the plan's MACs: each VM's NIC carries its node's (see the NIC test above); synthesizing 203 VMs took 7 s
    const macs = planCluster(def).nodes.map((n) => n.macAddress);
    // THEN
    expect(new Set(macs).size).toBe(203);
    for (const mac of macs) {
      expect(mac).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/);
      expect(parseInt(mac.slice(0, 2), 16) & 0b11).toBe(0b10);
    }
  });

  test('defines a different MAC for the same node name in another cluster', () => {
    // GIVEN / WHEN / THEN
    expect(deterministicMac('homelab', 'node-1')).not.toBe(deterministicMac('lab2', 'node-1'));
  });
});

// A Talos bump and a worker removal are judged by real Terraform: __tests__/twins-apply.integ.test.ts.
describe('upgrades never replace other VMs', () => {
  test('defines only an in-place agent change when the guest-agent extension is dropped', () => {
    // GIVEN
    const before = vmsOf(homelab);
    // WHEN
    const after = vmsOf({ ...homelab, talos: { extensions: ['siderolabs/iscsi-tools'], extraKernelArgs: ['net.ifnames=0'] } });
    // THEN
    for (const [name, vm] of after) {
      const old = before.get(name)!;
      expect(replacementForcing(vm)).toEqual(replacementForcing(old));
      expect({ ...withoutIgnored(vm), agent: undefined }).toEqual({ ...withoutIgnored(old), agent: undefined });
    }
  });
});
