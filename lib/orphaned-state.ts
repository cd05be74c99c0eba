/**
 * A cluster whose name changed is a new stack with a new, empty state: deploying it would build a second cluster on
 * the addresses (and VM IDs) the old one still runs on, and orphan the old one. Synth refuses that when it can see
 * it: a local state file of a cluster that is no longer defined still holds a node address of a defined cluster
 * that has no state yet. Pure: the caller reads the state files (`readLocalStateSummary`).
 */
import fs from 'node:fs';
import { ClusterPlan } from './cluster-plan';
import { error, Problem } from './problems';

/** What synth needs to know of one local state file: its cluster and the node addresses its identity pins hold. */
export interface LocalStateSummary {
  /** State file, as shown to the user. */
  readonly file: string;
  /** Cluster name from the file name `terraform.<cluster>.tfstate`. */
  readonly cluster: string;
  /** Node addresses recorded by `identity-<node>` pins (constructs/node-vms.ts). */
  readonly addresses: readonly string[];
}

const STATE_FILE = /^terraform\.(.+)\.tfstate$/;

interface StateJson {
  readonly resources?: readonly {
    readonly type?: string;
    readonly name?: string;
    readonly instances?: readonly { readonly attributes?: { readonly input?: { readonly value?: { readonly ip?: unknown } } } }[];
  }[];
}

/** Summary of `file` (named `terraform.<cluster>.tfstate`), or undefined when it is not such a file or unreadable. */
export function readLocalStateSummary(file: string, shownAs: string): LocalStateSummary | undefined {
  const match = STATE_FILE.exec(shownAs.split('/').pop() ?? '');
  if (!match) return undefined;
  let state: StateJson;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8')) as StateJson;
  } catch {
    return undefined;
  }
  const addresses = (state.resources ?? [])
    .filter((r) => r.type === 'terraform_data' && /^vms_identity-/.test(r.name ?? ''))
    .flatMap((r) => r.instances ?? [])
    .flatMap((i) => (typeof i.attributes?.input?.value?.ip === 'string' ? [i.attributes.input.value.ip] : []));
  return { file: shownAs, cluster: match[1], addresses };
}

/**
 * One error per defined cluster without state (`hasState` false) whose addresses a state of an undefined cluster
 * still holds.
 */
export function orphanedStateProblems(
  plans: readonly ClusterPlan[],
  hasState: (cluster: string) => boolean,
  states: readonly LocalStateSummary[],
): { cluster: string; problem: Problem }[] {
  const defined = new Set(plans.map((p) => p.name));
  const orphans = states.filter((s) => !defined.has(s.cluster) && s.addresses.length > 0);
  return plans.flatMap((plan) => {
    if (hasState(plan.name)) return [];
    return orphans.flatMap((orphan) => {
      const shared = plan.nodes.map((n) => n.ip).filter((ip) => orphan.addresses.includes(ip));
      if (shared.length === 0) return [];
      return [
        {
          cluster: plan.name,
          problem: error(
            'name',
            plan.name,
            `has no Terraform state yet, but ${orphan.file} (cluster ${orphan.cluster}, no longer defined) still runs nodes at ${shared.join(', ')}: a renamed cluster would be built a second time on those addresses and orphan the running one`,
            `keep the name ${JSON.stringify(orphan.cluster)}, or tear ${orphan.cluster} down first (restore its definition, then npm run destroy -- ${orphan.cluster}); a cluster name cannot change in place (docs/node-lifecycle.md)`,
          ),
        },
      ];
    });
  });
}

/**
 * The orphaned-state problems of `defs` against the local state files in `root` (`terraform.<cluster>.tfstate`).
 * Clusters with a remote backend are skipped: synth cannot read their state.
 */
export function localStateProblems(root: string, plans: readonly ClusterPlan[]): { cluster: string; problem: Problem }[] {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const states = names.flatMap((n) => readLocalStateSummary(`${root}/${n}`, n) ?? []);
  const local = plans.filter((p) => p.state.type === 'local' && !p.state.path);
  const hasState = (cluster: string) => (states.find((s) => s.cluster === cluster)?.addresses.length ?? 0) > 0;
  return orphanedStateProblems(local, hasState, states);
}
