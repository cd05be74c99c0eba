/**
 * Version changes of a cluster (Talos, config contract, Kubernetes, schematic and its extensions, installer),
 * each with the reason the rollout would refuse it, if any (lib/talos-support.ts hop and window rules).
 */
import { ClusterSummary } from '../lib/cluster-summary';
import { compareVersions, parseVersion } from '../lib/semver';
import { kubernetesHopProblem, kubernetesWindowProblem, talosHopProblem } from '../lib/talos-support';
import { ClusterOutput, ReviewChange } from './review-change';
import { isIgnored, resourcesOf } from './terraform-json';

function talosProblem(base: ClusterSummary, head: ClusterSummary): string | undefined {
  return talosHopProblem(base.talosVersion, head.talosVersion) ?? kubernetesWindowProblem(head.talosVersion, head.kubernetesVersion);
}

function kubernetesProblem(base: ClusterSummary, head: ClusterSummary): string | undefined {
  return kubernetesHopProblem(base.kubernetesVersion, head.kubernetesVersion) ?? kubernetesWindowProblem(head.talosVersion, head.kubernetesVersion);
}

function contractNote(base: ClusterSummary, head: ClusterOutput): string | undefined {
  const from = parseVersion(base.configContract);
  const to = parseVersion(head.summary.configContract);
  if (!from || !to || compareVersions(to, from) >= 0) return undefined;
  const secrets = resourcesOf(head.tfJson, 'talos_machine_secrets')[0]?.block;
  return secrets && isIgnored(secrets, 'talos_version')
    ? `lower than the base: the machine secrets keep ${base.configContract} (\`ignore_changes\`), the configs are generated for ${head.summary.configContract}`
    : 'lower than the base: the Talos provider re-creates the machine secrets';
}

/** One `version` change per component that differs between the revisions. */
export function versionChanges(base: ClusterOutput, head: ClusterOutput): ReviewChange[] {
  const b = base.summary;
  const h = head.summary;
  const changes: ReviewChange[] = [];
  const add = (component: Extract<ReviewChange, { kind: 'version' }>['component'], from: string, to: string, problem?: string, note?: string) => {
    if (from !== to) changes.push({ kind: 'version', component, from, to, ...(problem ? { problem } : {}), ...(note ? { note } : {}) });
  };
  add('talos', b.talosVersion, h.talosVersion, b.talosVersion !== h.talosVersion ? talosProblem(b, h) : undefined);
  add('contract', b.configContract, h.configContract, undefined, contractNote(b, head));
  add('kubernetes', b.kubernetesVersion, h.kubernetesVersion, b.kubernetesVersion !== h.kubernetesVersion ? kubernetesProblem(b, h) : undefined);
  add('schematic', b.schematicId, h.schematicId);
  add('extensions', b.extensions.join(', ') || '(none)', h.extensions.join(', ') || '(none)');
  add('installer', b.installerImage, h.installerImage);
  return changes;
}
