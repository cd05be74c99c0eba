/** Test helper: synthesizes a cluster's `TalosImage` and `NodeVms` with the Proxmox and Talos providers in scope. */
import { validPlan } from './valid-plan';
import { ProxmoxProvider } from '../../.gen/providers/proxmox/provider';
import { TalosProvider } from '../../.gen/providers/talos/provider';
import { NodeVms } from '../../constructs/node-vms';
import { TalosImage } from '../../constructs/talos-image';
import { Testing } from '../../constructs/cdk';
import { ClusterDefinition } from '../../lib/cluster-definition';

/** A synthesized resource block (snake_case keys, as in cdk.tf.json). */
export type Block = Record<string, any>;

/** The synthesized Terraform JSON of a stack holding only the image and the VMs of `def`. */
export interface SynthesizedCluster {
  readonly json: { resource: Record<string, Record<string, Block>> };
  /** Resource blocks of `type`, keyed by their construct ID (`vm-homelab-cp-1`, `download-pve1`, …). */
  readonly blocks: (type: string) => Map<string, Block>;
}

/** Synthesizes `TalosImage` (`image`) and `NodeVms` (`vms`) for `def`. */
export function synthImageAndVms(def: ClusterDefinition): SynthesizedCluster {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new ProxmoxProvider(scope, 'proxmox', {});
      new TalosProvider(scope, 'talos', {});
      const plan = validPlan(def);
      const image = new TalosImage(scope, 'image', { plan });
      new NodeVms(scope, 'vms', { plan, image });
    }),
  );
  const blocks = (type: string) =>
    new Map(
      Object.entries<Block>(json.resource?.[type] ?? {}).map(([key, block]) => [key.replace(/^[^_]+_/, '').replace(/_[0-9A-F]{8}$/, ''), block]),
    );
  return { json, blocks };
}
