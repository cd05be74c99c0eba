/**
 * Preflight: reads every node and touches nothing. Refuses a Talos hop the installer would reject, a Kubernetes
 * jump of more than one minor, a pair outside the support window (also the intermediate one: new Talos with the
 * old Kubernetes, since the OS goes first), a talosctl older than the target, and a cluster that is not healthy
 * to begin with. A first deploy (every node in maintenance mode) has nothing to check on the nodes.
 *
 * On a bootstrapped cluster it also refuses when a node that needs an OS upgrade runs Talos ≥ 1.13 and this
 * machine cannot reach the Kubernetes API through the cluster endpoint (talosctl drains such a node from here),
 * and when a node is cordoned by someone else. It changes two things, both so that the health gate can pass: a
 * cordon an earlier failed OS step of this rollout left (rollout/cordon.ts) is released, so that step can retry; and
 * the leftover Kubernetes Node object of a rebuilt node (in maintenance mode, rollout/rebuilt-nodes.ts) is deleted.
 */
import { kubernetesWindowProblem } from '../../lib/talos-support';
import { nodeOsAction, preflightProblems, runningKubernetesVersion, talosctlClientProblem, upgradeDrainsFromClient } from '../../lib/rollout/checks';
import { describeNode, probeCluster } from '../cluster-state';
import { PhaseContext } from './context';
import { osTargets, RolloutConfig } from '../config';
import { readCordons, releaseOwnCordons } from '../cordon';
import { deleteStaleNodeObjects, rebuiltNodes } from '../rebuilt-nodes';
import { waitClusterHealthy } from '../gates';
import { progress } from '../log';
import { Deadline } from '../wait';
import { endpointMessage } from './os-upgrade';

/** Longest the preflight waits for `talosctl health` on a cluster that should already be healthy. */
const PREFLIGHT_HEALTH_SECONDS = 300;

/** Runs the preflight; throws an Error listing every problem. */
export async function preflight(ctx: PhaseContext, config: RolloutConfig): Promise<void> {
  const targets = osTargets(config);
  const deadline = new Deadline(config.nodeTimeoutSeconds);
  progress(
    ctx.phase,
    config.cluster,
    `target Talos ${targets.talosVersion} (schematic ${targets.schematicId.slice(0, 12)}…), Kubernetes ${targets.kubernetesVersion}`,
  );

  const problems: string[] = [];
  const clientProblem = talosctlClientProblem(ctx.clientVersion, targets.talosVersion);
  if (clientProblem) problems.push(clientProblem);

  const snapshot = await probeCluster(ctx, deadline, { versions: true, kubernetes: true });
  for (const n of snapshot.nodes) progress(ctx.phase, n.name, `${describeNode(n)} → ${nodeOsAction(n, targets)}`);

  if (snapshot.nodes.every((n) => n.mode === 'maintenance')) {
    const pair = kubernetesWindowProblem(targets.talosVersion, targets.kubernetesVersion);
    if (pair) problems.push(`the target pair is outside the support window: ${pair}`);
    fail(ctx, problems, []);
    progress(ctx.phase, config.cluster, 'first deploy: every node is in maintenance mode, nothing to check; the machine configs install the target');
    return;
  }

  problems.push(...preflightProblems(snapshot.nodes, targets));
  if (snapshot.bootstrapped) {
    const drainedHere = snapshot.nodes
      .filter((n) => nodeOsAction(n, targets) === 'upgrade' && upgradeDrainsFromClient(n.talosVersion!))
      .map((n) => n.name);
    if (drainedHere.length > 0) {
      const unreachable = await ctx.kube.endpointProblem();
      if (unreachable) problems.push(`OS upgrade of ${drainedHere.join(', ')}: ${endpointMessage(unreachable)}`);
    }
    problems.push(...(await releaseOwnCordons(ctx, snapshot, await readCordons(ctx, snapshot, deadline))));
    await deleteStaleNodeObjects(ctx, snapshot);
  }
  if (!snapshot.bootstrapped) {
    progress(ctx.phase, config.cluster, 'configured nodes but no etcd yet (not bootstrapped): no health to check');
  } else if (problems.length === 0) {
    try {
      await waitClusterHealthy(ctx, snapshot, new Deadline(Math.min(PREFLIGHT_HEALTH_SECONDS, deadline.remainingSeconds())));
    } catch (e) {
      problems.push(`the cluster is not healthy to begin with: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  fail(
    ctx,
    problems,
    rebuiltNodes(snapshot).map((n) => n.name),
  );

  const upgrades = snapshot.nodes.filter((n) => nodeOsAction(n, targets) === 'upgrade').map((n) => n.name);
  const running = runningKubernetesVersion(snapshot.nodes);
  progress(
    ctx.phase,
    config.cluster,
    `ok: OS upgrade for ${upgrades.length ? upgrades.join(', ') : 'no node'}; Kubernetes ${running ?? 'not running yet'} → ${targets.kubernetesVersion}`,
  );
}

/**
 * Throws the refusal when there are problems. The message says what is true at that point: the rollout upgraded and
 * rebooted no node, but Terraform may already have changed nodes earlier in the same apply — a removed node's or a
 * rebuilt node's config apply is destroyed, which resets the node (its on_destroy), before the preflight runs
 * (docs/node-lifecycle.md). Those changes are not undone; the rebuilt ones the preflight sees (`rebuilt`) are named.
 */
function fail(ctx: PhaseContext, problems: readonly string[], rebuilt: readonly string[]): void {
  if (problems.length === 0) return;
  for (const p of problems) progress(ctx.phase, 'refused', p);
  const terraform =
    rebuilt.length > 0
      ? `; earlier in this apply Terraform rebuilt ${rebuilt.join(', ')} (old machine reset, new VM in maintenance mode), which is not undone`
      : " (what Terraform changed earlier in this apply, such as a removed node's reset, is not undone)";
  throw new Error(`preflight refused the rollout (${problems.length} problem(s)): the rollout upgraded and rebooted no node${terraform}`);
}
