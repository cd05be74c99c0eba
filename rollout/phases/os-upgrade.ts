/**
 * OS upgrade of one node. Skips a node in maintenance mode (its machine config will install the target) and a
 * node already on the target version and schematic. Otherwise: on a bootstrapped cluster, control planes first
 * wait for a healthy cluster with every etcd member (Talos 1.13's upgrade API no longer checks quorum itself);
 * then `talosctl upgrade --image <installer> --wait`, then the node must come back on the target version and
 * schematic, and the cluster must be healthy (control planes: all etcd members) before the step succeeds.
 * Everything runs against one deadline (the node timeout); any failure exits non-zero so Terraform stops the
 * chain and the next deploy resumes at this node.
 *
 * For a node on Talos ≥ 1.13, talosctl drains it from this machine through the Kubernetes API endpoint of the
 * kubeconfig Talos hands out (the cluster's DNS name or VIP), so the step first checks that this machine reaches
 * it, then marks the Node as cordoned by the rollout (rollout/cordon.ts) and clears the mark once the node is
 * back and healthy. Before any gate it releases cordons an earlier failed run of the rollout left behind.
 */
import { isAtTarget, nodeOsAction, RolloutTargets, upgradeDrainsFromClient } from '../../lib/rollout/checks';
import { talosHopProblem } from '../../lib/talos-support';
import { describeNode, NodeSnapshot, probeCluster, probeNode, probeNodeOnce } from '../cluster-state';
import { PhaseContext } from './context';
import { osTargets, RolloutConfig, RolloutNode } from '../config';
import { clearOwnCordon, markOwnCordon, NodeCordon, readCordons, releaseOwnCordons, ROLLOUT_CORDON_ANNOTATION } from '../cordon';
import { waitClusterHealthy, waitEtcdComplete } from '../gates';
import { formatElapsed, progress } from '../log';
import { Deadline, pollUntil } from '../wait';

/** Upgrades one node (by name) if it needs it, gated on health. */
export async function osUpgrade(ctx: PhaseContext, config: RolloutConfig, nodeName: string): Promise<void> {
  const node = config.nodes.find((n) => n.name === nodeName);
  if (!node) throw new Error(`node ${nodeName} is not in the rollout's node list`);
  const targets = osTargets(config);
  const started = Date.now();
  const deadline = new Deadline(config.nodeTimeoutSeconds);

  const before = await probeNode(ctx, node, deadline);
  progress(ctx.phase, node.name, describeNode(before));
  const action = nodeOsAction(before, targets);
  if (action === 'skip-maintenance') {
    progress(ctx.phase, node.name, 'skipped: maintenance mode, its machine config installs the target');
    return;
  }

  const cluster = await probeCluster(ctx, deadline, { versions: false, kubernetes: false });
  const controlPlanes = cluster.nodes.filter((n) => n.role === 'controlplane' && n.mode === 'configured').length;
  // The Nodes as Talos mirrors them: read once, for the cordons to release and this node's Kubernetes name.
  const cordons = cluster.bootstrapped ? await readCordons(ctx, cluster, deadline) : [];
  if (cluster.bootstrapped) {
    const foreign = await releaseOwnCordons(ctx, cluster, cordons);
    if (foreign.length > 0) throw new Error(foreign.join('; '));
  }
  if (action === 'skip-current') {
    if (cluster.bootstrapped) await waitClusterHealthy(ctx, cluster, deadline);
    progress(ctx.phase, node.name, `skipped: already runs ${targets.talosVersion} (${formatElapsed(Date.now() - started)})`);
    return;
  }

  const hop = talosHopProblem(before.talosVersion!, targets.talosVersion);
  if (hop) throw new Error(`${node.name}: ${hop}`);
  if (cluster.bootstrapped && node.role === 'controlplane') {
    await waitClusterHealthy(ctx, cluster, deadline);
    await waitEtcdComplete(ctx, node.ip, controlPlanes, deadline);
  }

  const drainsHere = cluster.bootstrapped && upgradeDrainsFromClient(before.talosVersion!);
  // A Node not mirrored at the first read (just registered) is read again now that the cluster passed its gates.
  const own = (c: NodeCordon) => c.node.name === node.name;
  const nodename = drainsHere ? (cordons.find(own) ?? (await readCordons(ctx, cluster, deadline)).find(own))?.nodename : undefined;
  if (drainsHere && nodename) {
    const unreachable = await ctx.kube.endpointProblem();
    if (unreachable) throw new Error(`${node.name}: ${endpointMessage(unreachable)}`);
    await markOwnCordon(ctx, cluster, before, nodename, targets.talosVersion);
  }
  progress(ctx.phase, node.name, `upgrading ${before.talosVersion} → ${targets.talosVersion} with ${targets.installerImage}`);
  const result = await ctx.talosctl.upgrade(node.ip, targets.installerImage, deadline.remainingSeconds(), (line) =>
    progress(ctx.phase, node.name, `talosctl: ${line}`),
  );
  if (result.code !== 0 || result.timedOut) {
    // talosctl drives install, drain and reboot itself; when it fails, the node either still runs the old system
    // (nothing to wait for; on ≥ 1.13 the new one may already be installed and the Node left cordoned) or is
    // already rebooting into the new one.
    const now = await probeNode(ctx, node, deadline);
    const failure = result.timedOut ? 'timed out' : `failed with exit ${result.code}`;
    if (now.stage === 'running' && !isAtTarget(now, targets)) {
      const cordon = drainsHere ? (await readCordons(ctx, cluster, deadline)).find(own) : undefined;
      const left = cordon?.unschedulable
        ? ` It stays cordoned (talosctl uncordons only after the reboot) and carries ${ROLLOUT_CORDON_ANNOTATION}: the next deploy uncordons it and upgrades it again.` +
          ' Until then the new OS, already installed, waits on the other boot partition for the next reboot.'
        : '';
      throw new Error(
        `${node.name}: talosctl upgrade ${failure} and the node still runs ${now.talosVersion}.${left} Fix the cause (a PodDisruptionBudget that blocks the drain, an unreachable image…) and deploy again`,
      );
    }
    progress(ctx.phase, node.name, `talosctl upgrade ${failure}, but the node is in stage ${now.stage} on ${now.talosVersion}: waiting for it`);
  }

  const after = await waitForTarget(ctx, targets, node, deadline, cluster.bootstrapped);
  progress(ctx.phase, node.name, `back: ${describeNode(after)}`);
  if (cluster.bootstrapped) {
    const now = await probeCluster(ctx, deadline, { versions: false, kubernetes: false });
    await waitClusterHealthy(ctx, now, deadline, node.ip);
    if (node.role === 'controlplane') await waitEtcdComplete(ctx, node.ip, controlPlanes, deadline);
    if (drainsHere && nodename) await clearOwnCordon(ctx, now, after, nodename);
  }
  progress(ctx.phase, node.name, `upgraded to ${targets.talosVersion} in ${formatElapsed(Date.now() - started)}`);
}

/**
 * Polls until the node runs again, in stage `running`, on the target version and schematic, and (on a
 * bootstrapped cluster, where every service can be up) reports itself ready (`machinestatus` `status.ready`).
 */
function waitForTarget(
  ctx: PhaseContext,
  targets: RolloutTargets,
  node: RolloutNode,
  deadline: Deadline,
  requireReady: boolean,
): Promise<NodeSnapshot> {
  let lastReason = '';
  return pollUntil(
    `${node.name} did not come back on ${targets.talosVersion}`,
    deadline,
    ctx.pollMs,
    async () => {
      const attempt = await probeNodeOnce(ctx, node, deadline);
      if (!attempt.done) return attempt;
      const n = attempt.value;
      if (n.mode !== 'configured') return { done: false, reason: 'is in maintenance mode after the upgrade' };
      if (!isAtTarget(n, targets)) {
        return {
          done: false,
          reason: `runs ${n.talosVersion} (schematic ${n.schematicId ?? 'none'}); a boot failure falls back to the previous A/B entry`,
        };
      }
      if (n.stage !== 'running') return { done: false, reason: `stage ${n.stage}` };
      if (requireReady && !n.ready) return { done: false, reason: 'running but not ready yet (machinestatus unmet conditions)' };
      return { done: true, value: n };
    },
    (reason) => {
      if (reason !== lastReason) progress(ctx.phase, node.name, `waiting: ${reason}`);
      lastReason = reason;
    },
  );
}

/** Why the OS upgrade cannot drain from this machine, with the fix. */
export function endpointMessage(detail: string): string {
  return (
    `this machine cannot reach the Kubernetes API through the cluster endpoint (${detail}). ` +
    'talosctl upgrade of a node on Talos >= 1.13 cordons and drains it from here, through the endpoint of the kubeconfig Talos generates ' +
    '(endpoint.dnsName, else the VIP, port 6443). Fix: make the DNS name resolve on this machine (or drop it to use the VIP) and let it reach port 6443, then deploy again'
  );
}
