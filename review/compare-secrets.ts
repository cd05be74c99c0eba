/**
 * Edits that would replace the cluster's machine secrets (a new cluster CA: every node must be rebuilt). The
 * Talos provider re-creates `talos_machine_secrets` when its `talos_version` is lowered (RequiresReplace when the
 * plan is below the state: siderolabs/terraform-provider-talos talos_machine_secrets_resource.go); Terraform
 * re-creates it when its address changes without a `moved` block. The guards are `prevent_destroy` and
 * `ignore_changes = [talos_version]` (constructs/talos-secrets.ts), dropped only by `allowMachineSecretsReplacement`.
 */
import { compareVersions, parseVersion } from '../lib/semver';
import { ClusterOutput, ReviewChange } from './review-change';
import { isIgnored, lifecycleOf, movedTarget, resourcesOf } from './terraform-json';

const SECRETS_TYPE = 'talos_machine_secrets';

function lowered(from: unknown, to: unknown): boolean {
  if (typeof from !== 'string' || typeof to !== 'string') return from !== to && from !== undefined;
  const f = parseVersion(from);
  const t = parseVersion(to);
  return f && t ? compareVersions(t, f) < 0 : false;
}

/** One `secrets-replacement` change per reason found. */
export function secretsChanges(base: ClusterOutput, head: ClusterOutput): ReviewChange[] {
  const reasons: string[] = [];
  const hatchOpened = !base.summary.allowMachineSecretsReplacement && head.summary.allowMachineSecretsReplacement;
  if (hatchOpened)
    reasons.push('`allowMachineSecretsReplacement` is turned on: the guards are off and the next plan may destroy and re-create the machine secrets');
  const headSecrets = new Map(resourcesOf(head.tfJson, SECRETS_TYPE).map((r) => [r.key, r.block]));
  for (const { key, block } of resourcesOf(base.tfJson, SECRETS_TYPE)) {
    const headKey = headSecrets.has(key) ? key : movedTarget(head.tfJson, SECRETS_TYPE, key);
    const after = headKey ? headSecrets.get(headKey) : undefined;
    if (!after) {
      reasons.push(`\`talos_machine_secrets.${key}\` is removed or renamed without a \`moved\` block: Terraform destroys it and creates new secrets`);
      continue;
    }
    if (!hatchOpened && lifecycleOf(block).prevent_destroy === true && lifecycleOf(after).prevent_destroy !== true) {
      reasons.push(`\`prevent_destroy\` is dropped from \`talos_machine_secrets.${headKey}\`: nothing stops Terraform from replacing the secrets`);
    }
    if (lowered(block.talos_version, after.talos_version) && !isIgnored(after, 'talos_version')) {
      reasons.push(
        `the secrets' \`talos_version\` (the config contract) goes down from ${block.talos_version} to ${after.talos_version}: the provider re-creates the secrets when it is lowered`,
      );
    }
  }
  return reasons.map((reason) => ({ kind: 'secrets-replacement', reason }));
}
