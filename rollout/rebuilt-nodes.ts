/**
 * Nodes rebuilt under a running cluster: a node of the definition that answers in maintenance mode while the
 * cluster is bootstrapped has a new, blank machine behind it (a VM replaced with `allowVmReplacement`, or created
 * again after it vanished outside Terraform). The Kubernetes `Node` object of its old machine is still there: a
 * Talos reset, or a deleted VM, leaves it behind (fake-talos-provider.js models this). `talosctl health` then finds a
 * Kubernetes node no Talos node list names ("unexpected nodes") and the preflight would refuse every deploy until
 * someone ran `kubectl delete node`. The old object describes a machine that no longer exists (its pods died with
 * it), so the preflight deletes it; the node's config apply, later in the same deploy, registers it again.
 */
import { ClusterSnapshot } from './cluster-state';
import { kubectlVia } from './cordon';
import { progress } from './log';
import { PhaseContext } from './phases/context';

/**
 * The nodes Terraform rebuilt earlier in this apply: those in maintenance mode while the cluster is bootstrapped (a
 * first deploy, every node in maintenance mode and no etcd yet, rebuilt nothing). Their old machines were reset
 * (their config applies' on-destroy) or were already gone.
 */
export function rebuiltNodes(snapshot: ClusterSnapshot): ClusterSnapshot['nodes'] {
  return snapshot.bootstrapped ? snapshot.nodes.filter((n) => n.mode === 'maintenance') : [];
}

/** Deletes the leftover `Node` object of every node in maintenance mode of a bootstrapped cluster; returns their names. */
export async function deleteStaleNodeObjects(ctx: PhaseContext, snapshot: ClusterSnapshot): Promise<string[]> {
  const deleted: string[] = [];
  for (const node of rebuiltNodes(snapshot)) {
    const out = await ctx.kube.run(['delete', 'node', node.name, '--ignore-not-found', '--wait=true'], kubectlVia(snapshot, node.ip));
    if (out.trim() === '') continue;
    deleted.push(node.name);
    progress(
      ctx.phase,
      node.name,
      'rebuilt: the node answers in maintenance mode (a new VM), so its Kubernetes Node object belonged to the old machine and was deleted; its config apply registers it again',
    );
  }
  return deleted;
}
