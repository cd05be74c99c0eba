/**
 * The cluster's root secrets (`talos_machine_secrets`) and the talosconfig built from them, written to the
 * git-ignored access folder with mode 0600.
 */
import { ValidatedPlan } from '../lib/check-cluster';
import { Construct } from 'constructs';
import { DataTalosClientConfiguration } from '../.gen/providers/talos/data-talos-client-configuration';
import { MachineSecrets } from '../.gen/providers/talos/machine-secrets';
import { SensitiveFile } from './cdk';
import { fromStackDir, talosconfigPath } from '../lib/paths';
import { SUPPORTED_CONTRACTS } from '../lib/talos-support';

/** Client certificate of the Talos API, as every Talos resource takes it. */
export interface TalosClientConfiguration {
  readonly caCertificate: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
}

/** Props of `TalosSecrets`. */
export interface TalosSecretsProps {
  /** The cluster; its `configContract`, control planes, nodes and `allowMachineSecretsReplacement` are used. */
  readonly plan: ValidatedPlan;
}

/**
 * `talos_machine_secrets` generated with the config contract, and the talosconfig.
 *
 * The secrets hold the cluster CA: replacing them orphans every node. So they carry `prevent_destroy`, and
 * `ignore_changes = [talos_version]`, because lowering the contract on this resource forces new secrets. The
 * escape hatch is the definition's `allowMachineSecretsReplacement: true`, which drops both for a deliberate
 * re-key (every node must then be rebuilt).
 *
 * The talosconfig's endpoints are the control-plane IPs, never the VIP (the VIP is down exactly when you need
 * talosctl to repair etcd); its nodes are all node IPs.
 */
export class TalosSecrets extends Construct {
  /** The `talos_machine_secrets` resource; `machineSecrets.machineSecrets` is the bundle configs are generated from. */
  readonly machineSecrets: MachineSecrets;
  /** The admin client certificate of the Talos API (a reference to the secrets' `client_configuration`). */
  readonly clientConfiguration: TalosClientConfiguration;
  /** The talosconfig YAML (a sensitive Terraform value). */
  readonly talosconfig: string;
  /** The talosconfig file at `access/<cluster>/talosconfig` (0600); depend on it before running talosctl. */
  readonly talosconfigFile: SensitiveFile;

  constructor(scope: Construct, id: string, props: TalosSecretsProps) {
    super(scope, id);
    const { plan } = props;
    if (!SUPPORTED_CONTRACTS.includes(plan.configContract)) {
      throw new Error(`talos.configContract = ${JSON.stringify(plan.configContract)}: the machine secrets and configs are generated only for contracts ${SUPPORTED_CONTRACTS.join(', ')}. Fix: use one of them`);
    }
    if (plan.controlPlanes.length === 0) {
      throw new Error('controlPlanes is empty: the talosconfig needs at least one control-plane endpoint. Fix: declare 1, 3 or 5 control planes');
    }

    this.machineSecrets = new MachineSecrets(this, 'machine-secrets', {
      talosVersion: plan.configContract,
      lifecycle: plan.allowMachineSecretsReplacement ? undefined : { preventDestroy: true, ignoreChanges: ['talos_version'] },
    });
    this.clientConfiguration = this.machineSecrets.clientConfiguration;

    const client = new DataTalosClientConfiguration(this, 'client-configuration', {
      clusterName: plan.name,
      clientConfiguration: this.clientConfiguration,
      endpoints: plan.controlPlanes.map((n) => n.ip),
      nodes: plan.nodes.map((n) => n.ip),
    });
    this.talosconfig = client.talosConfig;

    this.talosconfigFile = new SensitiveFile(this, 'talosconfig-file', {
      filename: fromStackDir(talosconfigPath(plan.name)),
      content: this.talosconfig,
      filePermission: '0600',
      directoryPermission: '0700',
    });
  }
}
