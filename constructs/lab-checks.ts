/**
 * Read-only checks of the live Proxmox lab at plan time: the bpg/proxmox data sources read the Proxmox version,
 * the cluster's nodes, each used host's datastores and every VM, and one `terraform_data` gate carries every check
 * as a `lifecycle.precondition` (cdktf 0.21 has no `check` blocks). Every resource that changes the lab depends on
 * the gate, so a failing check stops `cdktf diff`/`deploy` at plan time, before anything is created or changed.
 * The checks and their messages are built in lib/lab-checks.ts; see docs/lab-checks.md.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { DataProxmoxDatastores } from '../.gen/providers/proxmox/data-proxmox-datastores';
import { DataProxmoxVersion } from '../.gen/providers/proxmox/data-proxmox-version';
import { DataProxmoxVirtualEnvironmentNodes } from '../.gen/providers/proxmox/data-proxmox-virtual-environment-nodes';
import { DataProxmoxVirtualEnvironmentVms } from '../.gen/providers/proxmox/data-proxmox-virtual-environment-vms';
import { TerraformData, TerraformResource } from './cdk';
import { datastoresForEach, LabCheck, labChecks } from '../lib/lab-checks';
import { resourceAddress } from './terraform-address';

/** Props of `LabChecks`. */
export interface LabChecksProps {
  /** The resolved cluster: hosts, datastores, nodes with VM IDs and disk sizes. */
  readonly plan: ValidatedPlan;
}

/** The Terraform address of a data source (`data.<type>.<name>`), for raw expressions. */
function dataAddress(source: TerraformResource | { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `data.${source.terraformResourceType}.${source.friendlyUniqueId}`;
}

/**
 * The lab checks of one cluster. Construct IDs: `version`, `nodes`, `datastores` (one instance per online host
 * that runs nodes, keyed by host name), `vms`, and `gate` (the `terraform_data` carrying the preconditions).
 */
export class LabChecks extends Construct {
  /** The gate: every lab-changing resource depends on it (`guard`). */
  readonly gate: TerraformData;
  /** The checks the gate carries, in order. */
  readonly checks: readonly LabCheck[];

  constructor(scope: Construct, id: string, props: LabChecksProps) {
    super(scope, id);
    const { plan } = props;
    const version = new DataProxmoxVersion(this, 'version');
    const nodes = new DataProxmoxVirtualEnvironmentNodes(this, 'nodes');
    const datastores = new DataProxmoxDatastores(this, 'datastores', { nodeName: '${each.key}' });
    datastores.addOverride('for_each', datastoresForEach(plan, dataAddress(nodes)));
    const vms = new DataProxmoxVirtualEnvironmentVms(this, 'vms');
    this.checks = labChecks(plan, {
      version: dataAddress(version),
      nodes: dataAddress(nodes),
      datastores: dataAddress(datastores),
      vms: dataAddress(vms),
    });
    this.gate = new TerraformData(this, 'gate', {
      lifecycle: { precondition: this.checks.map((c) => ({ condition: c.condition, errorMessage: c.errorMessage })) },
    });
  }

  /** Makes each resource depend on the gate, so it is planned only when every check passes. */
  guard(resources: Iterable<TerraformResource>): void {
    // A plain address, as cdktf writes the dependsOn it is given at construction.
    const gate = resourceAddress(this.gate);
    for (const r of resources) r.dependsOn = [...new Set([...(r.dependsOn ?? []), gate])];
  }
}
