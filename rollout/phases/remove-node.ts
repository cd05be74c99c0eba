/**
 * Remove-node: runs when Terraform destroys a node's cleanup step, after the node's config apply was destroyed
 * (the Talos reset: drain, leave etcd). A reset leaves the node's Kubernetes `Node` object behind, and the
 * preflight and health checks that re-run for the new node list would find it ("unexpected nodes"), so this
 * deletes it with kubectl.
 *
 * The kubeconfig file may be missing although the cluster runs (a fresh checkout: Terraform writes the file again
 * later in the same apply). Then, when the talosconfig is there, a kubeconfig is fetched through the Talos API of a
 * control plane (`talosctl kubeconfig`, each talosconfig endpoint in turn) into a private temp folder that is
 * removed afterwards. Without either file (never deployed, or a teardown deleted them) it only says so.
 */
import { outputTail } from '../output-tail';
import fs from 'node:fs';
import { ENV, RemoveNodeConfig } from '../config';
import { deleteNode } from '../kubectl';
import { progress } from '../log';
import { PrivateKubeconfig } from '../private-kubeconfig';
import { Talosctl } from '../talosctl';
import { talosconfigEndpoints } from '../talosconfig';

/** Longest the Node deletion may take (it normally takes a second). */
const DELETE_TIMEOUT_SECONDS = 300;
/** Longest fetching the kubeconfig from one control plane may take. */
const FETCH_TIMEOUT_SECONDS = 60;
/** What a failed step asks for after its fix. */
const RETRY = 'then deploy again: Terraform runs this step again before the preflight';

/** Deletes the Node object `node`; throws an Error with the fix when no kubeconfig can be had or the delete fails. */
export async function removeNode(phase: string, config: RemoveNodeConfig, node: string): Promise<void> {
  if (fs.existsSync(config.kubeconfig)) {
    await deleteWith(phase, config, node, config.kubeconfig, config.kubeconfig);
    return;
  }
  if (!fs.existsSync(config.talosconfig)) {
    progress(
      phase,
      node,
      `skipped: no kubeconfig at ${config.kubeconfig} and no talosconfig at ${config.talosconfig} (the cluster was never deployed, or a teardown deleted them), so no Kubernetes Node object to delete; if the cluster runs, delete it yourself: kubectl delete node ${node}`,
    );
    return;
  }
  progress(
    phase,
    node,
    `no kubeconfig at ${config.kubeconfig}; fetching one through the Talos API (talosctl kubeconfig, talosconfig ${config.talosconfig})`,
  );
  const kubeconfig = await fetchKubeconfig(phase, config, node);
  if (!kubeconfig) return;
  try {
    await deleteWith(
      phase,
      config,
      node,
      kubeconfig.file,
      `a kubeconfig fetched through the Talos API (or put the admin kubeconfig at ${config.kubeconfig})`,
    );
  } finally {
    kubeconfig.remove();
  }
}

/**
 * The admin kubeconfig from the first talosconfig endpoint that answers (rollout/private-kubeconfig.ts). When none
 * does, it asks each endpoint whether it still runs a configured Talos (authenticated `machinestatus`): if none does
 * — every control plane was reset to maintenance mode or is gone, as in a full teardown — there is no cluster and no
 * Node to delete, and it returns undefined. If one does, the cluster is alive and the Node must go: it throws with
 * the fix.
 */
async function fetchKubeconfig(phase: string, config: RemoveNodeConfig, node: string): Promise<PrivateKubeconfig | undefined> {
  const endpoints = talosconfigEndpoints(fs.readFileSync(config.talosconfig, 'utf8'), config.talosconfig);
  const talosctl = new Talosctl(config.talosctl, config.talosconfig);
  const fetched = await PrivateKubeconfig.fetch(talosctl, endpoints, FETCH_TIMEOUT_SECONDS * 1000, ({ ip, detail }, i) =>
    progress(phase, node, `talosctl kubeconfig through ${ip} failed (${detail})${i < endpoints.length - 1 ? '; trying the next endpoint' : ''}`),
  );
  if (!Array.isArray(fetched)) {
    progress(phase, node, `kubeconfig fetched through ${fetched.via} (kept in a private temp folder until kubectl is done)`);
    return fetched;
  }
  const failures = fetched.map((f) => `${f.ip}: ${f.detail}`);
  const alive: string[] = [];
  for (const ip of endpoints) {
    try {
      await talosctl.machineStatus(ip, false, FETCH_TIMEOUT_SECONDS * 1000);
      alive.push(ip);
    } catch {
      // reset to maintenance mode, or gone: not a running control plane
    }
  }
  if (alive.length === 0) {
    progress(
      phase,
      node,
      `skipped: no control plane (${endpoints.join(', ')}) runs a configured Talos any more (reset or gone, as in a full teardown), so there is no cluster and no Node object to delete`,
    );
    return undefined;
  }
  throw new Error(
    `cannot fetch a kubeconfig through the Talos API (talosctl kubeconfig with ${config.talosconfig}; ${failures.join('; ')}), and there is none at ${config.kubeconfig}, ` +
      `although ${alive.join(', ')} still runs. Fix: make that control plane's Talos API answer talosctl kubeconfig (talosctl on PATH or ${ENV.talosctl}) or put the admin kubeconfig at ${config.kubeconfig}, ${RETRY}`,
  );
}

/** `kubectl delete node` with `kubeconfig` (`shown` names it in messages). */
async function deleteWith(phase: string, config: RemoveNodeConfig, node: string, kubeconfig: string, shown: string): Promise<void> {
  const result = await deleteNode(config.kubectl, kubeconfig, node, DELETE_TIMEOUT_SECONDS * 1000);
  if (result.missing) {
    throw new Error(
      `cannot run kubectl (${config.kubectl}: ${result.stderr}); removing a node deletes its Kubernetes Node object with kubectl. Fix: install kubectl on PATH (or set ${ENV.kubectl}), ${RETRY}`,
    );
  }
  if (result.code !== 0 || result.timedOut) {
    const detail = result.timedOut
      ? `timed out after ${DELETE_TIMEOUT_SECONDS}s`
      : `exit ${result.code}: ${outputTail(result.stderr || result.stdout)}`;
    throw new Error(
      `kubectl delete node ${node} failed (${detail}). Fix: make the Kubernetes API reachable with ${shown} (or delete the Node yourself: kubectl delete node ${node}), ${RETRY}`,
    );
  }
  const said = result.stdout.trim();
  progress(
    phase,
    node,
    said ? `Kubernetes Node object deleted (kubectl: ${outputTail(said)})` : 'no Kubernetes Node object by that name (already gone)',
  );
}
