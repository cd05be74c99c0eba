/**
 * The rollout a change causes on `cdktf deploy` (issue 6 runner, lib/rollout/plan.ts order):
 * - a Talos version or schematic change upgrades the OS: each existing node reboots once, control planes one at
 *   a time, then workers in batches; new and re-created VMs boot the new image directly;
 * - a Kubernetes change runs `talosctl upgrade-k8s` once after the OS rollout: control-plane components control
 *   plane by control plane, then the kubelet on every node (restarts, no reboot);
 * - chart changes run only the manifest sync (no reboot).
 */
import { PlannedNode } from '../lib/cluster-plan';
import { planRolloutWaves } from '../lib/rollout/plan';
import { ClusterOutput, ReviewChange } from './review-change';
import { constructPath, resourcesOf } from './terraform-json';

function chartKey(c: { version: string; values: string; repository: string; chart: string; namespace: string }): string {
  return JSON.stringify([c.repository, c.chart, c.version, c.namespace, c.values]);
}

/** Names of the charts that differ (added, removed, new version or values). */
export function changedCharts(base: ClusterOutput, head: ClusterOutput): string[] {
  const before = new Map(base.summary.charts.map((c) => [c.name, chartKey(c)]));
  const after = new Map(head.summary.charts.map((c) => [c.name, chartKey(c)]));
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.filter((n) => before.get(n) !== after.get(n));
}

/** The rollout steps the change triggers, in the order they run. `replaced` are nodes whose VM is re-created. */
export function rolloutChanges(base: ClusterOutput, head: ClusterOutput, replaced: ReadonlySet<string>): ReviewChange[] {
  const b = base.summary;
  const h = head.summary;
  const baseNames = new Set(b.nodes.map((n) => n.name));
  const existing = (n: PlannedNode) => baseNames.has(n.name) && !replaced.has(n.name);
  const kept = h.nodes.filter(existing);
  const fresh = h.nodes.filter((n) => !existing(n)).map((n) => n.name);
  const changes: ReviewChange[] = [];
  if (b.talosVersion !== h.talosVersion || b.schematicId !== h.schematicId) {
    const waves = planRolloutWaves({
      controlPlanes: kept.filter((n) => n.role === 'controlplane'),
      workers: kept.filter((n) => n.role === 'worker'),
      workerBatchSize: h.workerBatchSize,
    });
    changes.push({
      kind: 'os-rollout',
      waves: waves.map((w) => ({ position: w.position, role: w.role, nodes: w.nodes.map((n) => n.name) })),
      freshNodes: fresh,
    });
  }
  if (b.kubernetesVersion !== h.kubernetesVersion) {
    changes.push({
      kind: 'kubernetes-rollout',
      from: b.kubernetesVersion,
      to: h.kubernetesVersion,
      controlPlanes: kept.filter((n) => n.role === 'controlplane').map((n) => n.name),
      nodes: kept.map((n) => n.name),
    });
  }
  const charts = changedCharts(base, head);
  if (charts.length > 0) changes.push({ kind: 'manifest-sync', charts });
  return changes;
}

/**
 * The `terraform_data` steps (those with a provisioner, outside NodeVms' markers) Terraform will re-run: new ones, and those whose `triggers_replace` differs as
 * written at synth time (triggers only known at plan time, such as a rendered manifest hash, may add more).
 * Named by construct path without the stack (`rollout/os-upgrade-homelab-cp-1`).
 */
export function rerunSteps(base: ClusterOutput, head: ClusterOutput): ReviewChange[] {
  const triggers = (o: ClusterOutput) =>
    new Map(
      resourcesOf(o.tfJson, 'terraform_data')
        .filter((r) => r.block.triggers_replace !== undefined && r.block.provisioner !== undefined)
        .map((r) => [constructPath(r).split('/').slice(1).join('/'), JSON.stringify(r.block.triggers_replace)] as const)
        .filter(([name]) => !name.startsWith('vms/')),
    );
  const before = triggers(base);
  const steps = [...triggers(head)].filter(([name, value]) => before.get(name) !== value).map(([name]) => name);
  return steps.length > 0 ? [{ kind: 'steps', steps }] : [];
}
