/**
 * Cluster health after bootstrap and whenever the node list changes (replaces the `talos_cluster_health` data
 * source, which runs at plan time and hangs when nodes are added: siderolabs/terraform-provider-talos#221).
 * Waits until every planned node runs with its machine config and etcd runs, then `talosctl health` with the
 * explicit node lists and a full etcd member list.
 */
import { ClusterSnapshot, probeCluster } from '../cluster-state';
import { PhaseContext } from './context';
import { RolloutConfig } from '../config';
import { waitClusterHealthy, waitEtcdComplete } from '../gates';
import { formatElapsed, progress } from '../log';
import { Deadline, pollUntil } from '../wait';

/** Waits for a configured, bootstrapped, healthy cluster. */
export async function clusterHealth(ctx: PhaseContext, config: RolloutConfig): Promise<void> {
  const started = Date.now();
  const deadline = new Deadline(config.nodeTimeoutSeconds);
  let lastReason = '';
  const snapshot = await pollUntil<ClusterSnapshot>(
    'the cluster did not come up',
    deadline,
    ctx.pollMs,
    async () => {
      const s = await probeCluster(ctx, deadline, { versions: false, kubernetes: false });
      const waiting = s.nodes.filter((n) => n.mode !== 'configured').map((n) => n.name);
      if (waiting.length > 0) return { done: false, reason: `still in maintenance mode: ${waiting.join(', ')}` };
      if (!s.bootstrapped) return { done: false, reason: 'etcd is not running on any control plane yet' };
      return { done: true, value: s };
    },
    (reason) => {
      if (reason !== lastReason) progress(ctx.phase, config.cluster, `waiting: ${reason}`);
      lastReason = reason;
    },
  );
  await waitClusterHealthy(ctx, snapshot, deadline);
  const controlPlanes = snapshot.nodes.filter((n) => n.role === 'controlplane');
  await waitEtcdComplete(ctx, controlPlanes[0].ip, controlPlanes.length, deadline);
  progress(ctx.phase, config.cluster, `healthy after ${formatElapsed(Date.now() - started)}`);
}
