/**
 * The definition a teardown synthesizes (`npm run destroy -- <cluster>`, scripts/teardown.ts): the same cluster with
 * its guards lifted, so that `cdktf destroy` may delete the machine secrets and every VM. Only ever used when the
 * teardown of that cluster is asked for by name. Pure: no CDKTF.
 */
import { ClusterDefinition } from './cluster-definition';
import { ClusterPlan, planCluster } from './cluster-plan';

/** Environment variable naming the cluster being torn down (set by scripts/teardown.ts, read by main.ts). */
export const TEARDOWN_ENV = 'TALOS_CDKTF_TEARDOWN';

/** `def` with `allowMachineSecretsReplacement` on and every node in `allowVmReplacement`. */
export function forTeardown(def: ClusterDefinition): ClusterDefinition {
  return { ...def, allowMachineSecretsReplacement: true, allowVmReplacement: planCluster(def).nodes.map((n) => n.name) };
}

/**
 * True when the plan lets Terraform destroy everything: the machine secrets and every node's VM (what `forTeardown`
 * produces). Then the first control plane, destroyed last as the only etcd member left, is reset without leaving
 * etcd (Talos `LeaveCluster` cannot remove the last member: siderolabs/talos v1.13.9 internal/pkg/etcd/etcd.go).
 */
export function allowsTeardown(plan: Pick<ClusterPlan, 'allowMachineSecretsReplacement' | 'allowVmReplacement' | 'nodes'>): boolean {
  return plan.allowMachineSecretsReplacement && plan.nodes.every((n) => plan.allowVmReplacement.includes(n.name));
}

/** The definitions to synthesize when `teardown` (the value of TEARDOWN_ENV, if any) names one of them. */
export function withTeardown(defs: readonly ClusterDefinition[], teardown: string | undefined): ClusterDefinition[] {
  if (teardown === undefined || teardown === '') return [...defs];
  if (!defs.some((d) => d.name === teardown)) {
    throw new Error(
      `${TEARDOWN_ENV} = ${JSON.stringify(teardown)} names no cluster of clusters/index.ts. Fix: use one of [${defs.map((d) => d.name).join(', ')}]`,
    );
  }
  return defs.map((d) => (d.name === teardown ? forTeardown(d) : d));
}
