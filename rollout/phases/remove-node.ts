/**
 * Remove-node: runs when Terraform destroys a node's cleanup step, after the node's config apply was destroyed
 * (the Talos reset: drain, leave etcd). A reset leaves the node's Kubernetes `Node` object behind, and the
 * preflight and health checks that re-run for the new node list would find it ("unexpected nodes"), so this
 * deletes it with kubectl. Without a kubeconfig (the cluster was never bootstrapped, or a teardown deleted it
 * first) there is nothing to reach and it only says so.
 */
import fs from 'node:fs';
import { ENV, RemoveNodeConfig } from '../config';
import { deleteNode } from '../kubectl';
import { progress } from '../log';

/** Longest the Node deletion may take (it normally takes a second). */
const DELETE_TIMEOUT_SECONDS = 300;

function tail(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').slice(-3).join(' | ').slice(-600) || 'no output';
}

/** Deletes the Node object `node`; throws an Error with the fix when kubectl is missing or the delete fails. */
export async function removeNode(phase: string, config: RemoveNodeConfig, node: string): Promise<void> {
  if (!fs.existsSync(config.kubeconfig)) {
    progress(phase, node, `skipped: no kubeconfig at ${config.kubeconfig} (the cluster was never bootstrapped, or a teardown deleted it), so no Kubernetes Node object to delete; if the cluster runs, delete it yourself: kubectl delete node ${node}`);
    return;
  }
  const retry = 'then deploy again: Terraform runs this step again before the preflight';
  const result = await deleteNode(config.kubectl, config.kubeconfig, node, DELETE_TIMEOUT_SECONDS * 1000);
  if (result.missing) {
    throw new Error(`cannot run kubectl (${config.kubectl}: ${result.stderr}); removing a node deletes its Kubernetes Node object with kubectl. Fix: install kubectl on PATH (or set ${ENV.kubectl}), ${retry}`);
  }
  if (result.code !== 0 || result.timedOut) {
    const detail = result.timedOut ? `timed out after ${DELETE_TIMEOUT_SECONDS}s` : `exit ${result.code}: ${tail(result.stderr || result.stdout)}`;
    throw new Error(`kubectl delete node ${node} failed (${detail}). Fix: make the Kubernetes API reachable with ${config.kubeconfig} (or delete the Node yourself: kubectl delete node ${node}), ${retry}`);
  }
  const said = result.stdout.trim();
  progress(phase, node, said ? `Kubernetes Node object deleted (kubectl: ${tail(said)})` : 'no Kubernetes Node object by that name (already gone)');
}
