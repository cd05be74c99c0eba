/**
 * One Proxmox VM per cluster node, set up the way Talos documents for Proxmox, booting the cluster's Talos image.
 *
 * What identifies a node and which edits replace, move or keep a VM: docs/node-lifecycle.md (the one table of
 * them). In short: a node is its name; its VM ID and address are pinned (a change is refused at plan time unless
 * `allowVmReplacement` lists the node); an automatically placed VM never moves, an explicit `host` edit migrates it.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { VirtualEnvironmentVm, VirtualEnvironmentVmDisk } from '../.gen/providers/proxmox/virtual-environment-vm';
import { ClusterPlan, PlannedHost, PlannedNode } from '../lib/cluster-plan';
import { parseNetwork } from '../lib/ipv4';
import { identityClaims, identityPin, replacementAllowed, VM_IGNORED_CHANGES, VmLifecycle, vmLifecycle } from '../lib/node-identity';
import { TerraformData, TerraformIterator } from './cdk';
import { TalosImage } from './talos-image';
import { resourceAddress } from './terraform-address';

/**
 * Attributes Terraform must never change on an existing VM: the boot disk's image source. A new Talos version or
 * schematic changes the downloaded file; the VM keeps the disk it was created with and is upgraded in place.
 * (An automatically placed VM also ignores its host: lib/node-identity.ts `vmLifecycle`.)
 */
export { VM_IGNORED_CHANGES };

/** SCSI controller: VirtIO SCSI. "VirtIO SCSI single" hangs Talos bootstrap (siderolabs/talos#11173). */
export const VM_SCSI_CONTROLLER = 'virtio-scsi-pci';

/** Proxmox startup order: control planes start first (and stop last). */
export const STARTUP_ORDER: Readonly<Record<PlannedNode['role'], number>> = { controlplane: 1, worker: 2 };

/** How long the provider waits for the QEMU guest agent to answer. */
const AGENT_TIMEOUT = '3m';

/** Props of `NodeVms`. */
export interface NodeVmsProps {
  /** The resolved cluster: nodes with host, VM ID, MAC, sizing and address; hosts with datastores and bridge. */
  readonly plan: ValidatedPlan;
  /** The Talos image the VMs boot (disk import source and guest-agent setting). */
  readonly image: TalosImage;
}

/**
 * The node VMs (`proxmox_virtual_environment_vm`), construct ID `vm-<node name>` each, so adding or removing a
 * node adds or removes exactly that VM. Each VM: CPU type `host`, dedicated memory without ballooning, VirtIO
 * SCSI, boot disk imported from the downloaded Talos image, extra data disks on `scsi1…`, one VirtIO NIC with the
 * node's MAC on the host bridge (and VLAN), static address, gateway and DNS on the nocloud cloud-init drive, QEMU
 * agent exactly when the schematic has the qemu-guest-agent extension, started on host boot with control planes
 * first. See the module comment for which edits replace a VM.
 */
export class NodeVms extends Construct {
  /** The VMs by node name, in plan order (control planes first). */
  readonly vms: ReadonlyMap<string, VirtualEnvironmentVm>;
  /**
   * Claims of VM IDs and addresses (`terraform_data`, `for_each` keyed `vm-id-<id>` / `ip-<address>`, construct ID
   * `claims`): every VM depends on them, so a node renamed at the same VM ID or address has its old VM deleted
   * before the new one is created (lib/node-identity.ts `identityClaims`).
   */
  readonly claims: TerraformData;
  /**
   * Identity pin of each node (`terraform_data` `identity-<node>`, `prevent_destroy` unless the node is in
   * `allowVmReplacement`): replaced, hence refused, when the node's VM ID or address changes; its VM is replaced
   * with it (`replace_triggered_by`).
   */
  readonly pins: ReadonlyMap<string, TerraformData>;
  /**
   * One `terraform_data` per node (`instance-<node>`) replaced whenever its VM gets a new ID in Proxmox's eyes:
   * created, replaced, or re-created after it vanished outside Terraform. Terraform's `replace_triggered_by` does
   * not fire when the referenced VM is merely created (it vanished from the state), but this marker is replaced
   * then too: its id is in the node's config (TalosCluster `instances`), so the config is applied again to a VM
   * created again, and the health check re-runs (ClusterHealthCheck `rebuilds`). Its provisioner says in the deploy
   * log that the node is new.
   */
  readonly instances: ReadonlyMap<string, TerraformData>;

  constructor(scope: Construct, id: string, props: NodeVmsProps) {
    super(scope, id);
    const { plan, image } = props;
    // A validated plan's network parses and every node's host is declared (lib/validation: network, hosts).
    const network = parseNetwork(plan.networkCidr)!;
    const claims = TerraformIterator.fromMap(identityClaims(plan));
    this.claims = new TerraformData(this, 'claims', { forEach: claims, input: claims.value, triggersReplace: claims.value });
    const pins = new Map<string, TerraformData>();
    const instances = new Map<string, TerraformData>();
    const vms = new Map<string, VirtualEnvironmentVm>();
    for (const node of plan.nodes) {
      const host = plan.hosts.find((h) => h.name === node.host)!;
      const pin = new TerraformData(this, `identity-${node.name}`, {
        input: identityPin(node),
        triggersReplace: identityPin(node),
        lifecycle: { preventDestroy: !replacementAllowed(plan, node) },
      });
      pins.set(node.name, pin);
      const lifecycle = vmLifecycle(plan, node, resourceAddress(pin));
      const vm = this.nodeVm(plan, node, host, network.prefix, image, lifecycle);
      vms.set(node.name, vm);
      instances.set(node.name, vmInstanceMarker(this, node, vm.id));
    }
    this.vms = vms;
    this.pins = pins;
    this.instances = instances;
  }

  /** The VM of node `name`; throws when the plan has no such node. */
  vm(name: string): VirtualEnvironmentVm {
    const vm = this.vms.get(name);
    if (!vm) throw new Error(`NodeVms: no node named ${JSON.stringify(name)}. Fix: use one of [${[...this.vms.keys()].join(', ')}]`);
    return vm;
  }

  private nodeVm(
    plan: ClusterPlan,
    node: PlannedNode,
    host: PlannedHost,
    prefix: number,
    image: TalosImage,
    lifecycle: VmLifecycle,
  ): VirtualEnvironmentVm {
    const bootDisk: VirtualEnvironmentVmDisk = {
      interface: 'scsi0',
      datastoreId: host.vmDatastore,
      importFromAttribute: image.imageFileIdFor(host.name),
      size: node.diskGiB,
      discard: 'on',
      ssd: true,
    };
    const dataDisks: VirtualEnvironmentVmDisk[] = node.extraDisks.map((d, i) => ({
      interface: `scsi${i + 1}`,
      datastoreId: d.datastore,
      size: d.sizeGiB,
      discard: 'on',
      ssd: true,
    }));
    const vm = new VirtualEnvironmentVm(this, `vm-${node.name}`, {
      nodeName: host.name,
      vmId: node.vmId,
      name: node.name,
      description: `Talos ${node.role} node of cluster ${plan.name}. Managed by Terraform (talos-proxmox-cdktf): edit the cluster definition, not this VM.`,
      // Proxmox stores tags lowercased and sorted; writing them that way keeps plans clean.
      tags: [...new Set([plan.name.toLowerCase(), node.role])].sort(),
      // CPU type `host` passes the host CPU's features through, as the Talos Proxmox guide recommends.
      cpu: { type: 'host', cores: node.cores, sockets: 1 },
      // Ballooning off (floating 0), as the Talos Proxmox guide asks: the node must see a fixed amount of memory.
      memory: { dedicated: node.memoryGiB * 1024, floating: 0 },
      scsiHardware: VM_SCSI_CONTROLLER,
      disk: [bootDisk, ...dataDisks],
      bootOrder: ['scsi0'],
      // The nocloud platform reads the static address from this cloud-init drive.
      initialization: {
        datastoreId: host.vmDatastore,
        type: 'nocloud',
        ipConfig: [{ ipv4: { address: `${node.ip}/${prefix}`, gateway: plan.gateway } }],
        dns: { servers: [...plan.dnsServers] },
      },
      agent: image.hasGuestAgent
        ? // The addresses are static and known; skip waiting for the agent to report them (it may not run before
          // the node has its machine config).
          { enabled: true, timeout: AGENT_TIMEOUT, waitForIp: { disabled: true } }
        : { enabled: false },
      onBoot: true,
      startup: { order: STARTUP_ORDER[node.role] },
      operatingSystem: { type: 'l26' },
      // SeaBIOS: boots the Talos disk image without an EFI disk (EFI disk changes force VM replacement,
      // bpg/terraform-provider-proxmox#1515). q35: the current PCIe machine type, needed for PCIe passthrough.
      bios: 'seabios',
      machine: 'q35',
      // The nocloud image logs to ttyS0; a serial socket makes `qm terminal <vmid>` show it.
      serialDevice: [{ device: 'socket' }],
      // A host change migrates the VM; without this, a new `node_name` forces a new VM.
      migrate: true,
      // Never let the provider reboot VMs to apply changes: that would restart every node at once.
      rebootAfterUpdate: false,
      stopOnDestroy: true,
      // replace_triggered_by the identity pin: an allowed VM ID or address change rebuilds the VM (lib/node-identity.ts).
      lifecycle: {
        preventDestroy: lifecycle.preventDestroy,
        ignoreChanges: [...lifecycle.ignoreChanges],
        replaceTriggeredBy: [...lifecycle.replaceTriggeredBy],
      },
      dependsOn: [this.claims],
    });
    vm.addOverride('network_device', [vmNetworkDevice({ bridge: host.bridge, macAddress: node.macAddress, vlanId: plan.vlan })]);
    return vm;
  }
}

/**
 * The `instance-<node>` marker of a VM (see `NodeVms.instances`): replaced when `vmId` (the VM resource's `id`)
 * changes or becomes unknown, which it does whenever the VM is created.
 */
export function vmInstanceMarker(scope: Construct, node: Pick<PlannedNode, 'name' | 'vmId'>, vmId: string): TerraformData {
  return new TerraformData(scope, `instance-${node.name}`, {
    triggersReplace: { vm: vmId },
    provisioners: [
      {
        type: 'local-exec',
        command: `echo "${node.name}: VM ${node.vmId} is new (first deploy, a rebuild, or created again after it vanished outside Terraform); its machine config is applied next"`,
      },
    ],
  });
}

/** What the definition sets on a VM's NIC; everything else is left to the provider's defaults. */
export interface VmNetworkDeviceProps {
  /** Host bridge, e.g. `vmbr0`. */
  readonly bridge: string;
  /** The node's MAC address. */
  readonly macAddress: string;
  /**
   * VLAN tag.
   * @default - untagged
   */
  readonly vlanId?: number;
}

/**
 * One element of the VM's `network_device`, every attribute written (null where unset).
 *
 * In bpg/proxmox 0.111.1 `network_device` is not a block but an attribute of type `list(object({...}))` (SDKv2
 * `ConfigMode: SchemaConfigModeAttr`). Terraform reads a `*.tf.json` name the schema declares as an attribute as
 * an attribute (terraform `internal/lang/blocktoattr/schema.go`, `effectiveSchema`) and converts the value to the
 * object type strictly: a missing attribute is an error ("attributes … are required", hashicorp/terraform#23347).
 * The generated binding drops unset keys, so the element is written as an override with explicit nulls.
 */
export function vmNetworkDevice(props: VmNetworkDeviceProps): Record<string, string | number | boolean | null> {
  return {
    bridge: props.bridge,
    disconnected: null,
    enabled: null,
    firewall: null,
    mac_address: props.macAddress,
    model: 'virtio',
    mtu: null,
    queues: null,
    rate_limit: null,
    trunks: null,
    vlan_id: props.vlanId ?? null,
  };
}
