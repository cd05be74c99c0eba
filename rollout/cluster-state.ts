/**
 * Reads what the nodes run, with talosctl only (the kubeconfig is written after bootstrap, downstream of the
 * rollout steps, so the runner never depends on it).
 *
 * A node is `configured` when the authenticated API answers `get machinestatus`; it is in `maintenance` when only
 * the maintenance API answers (`get machinestatus --insecure`, stage `maintenance`); otherwise it is unreachable
 * and the caller keeps polling until its deadline. The cluster is bootstrapped when a configured control plane
 * runs the etcd service (`get services`: `etcd` with `running: true`).
 */
import { ObservedNode } from '../lib/rollout/checks';
import { RolloutNode } from './config';
import { progress } from './log';
import { PhaseContext } from './phases/context';
import { schematicFromExtensions, versionFromImage } from './talosctl-output';
import { Attempt, Deadline, pollUntil } from './wait';

/** A node's observed state plus what the phases gate on. */
export interface NodeSnapshot extends ObservedNode {
  /** Machine stage (`running`, `booting`, `maintenance`, …). */
  readonly stage: string;
  readonly ready: boolean;
  /** Control planes: the etcd service runs. */
  readonly etcdRunning: boolean;
}

/** All nodes of a cluster at one moment. */
export interface ClusterSnapshot {
  readonly nodes: readonly NodeSnapshot[];
  /** Some configured control plane runs etcd. */
  readonly bootstrapped: boolean;
}

/** Timeout of one read: what is left of the deadline, between 5 s and 60 s. */
export function callTimeoutMs(deadline: Deadline): number {
  return Math.max(5000, Math.min(60000, deadline.remainingMs()));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What a probe reads besides the stage: the running version and schematic (`versions`), or only the stage. */
export interface ProbeOptions {
  readonly versions: boolean;
}

/** One attempt to read a node; not done while the node answers on neither API. */
export async function probeNodeOnce(
  ctx: PhaseContext,
  node: RolloutNode,
  deadline: Deadline,
  opts: ProbeOptions = { versions: true },
): Promise<Attempt<NodeSnapshot>> {
  const t = ctx.talosctl;
  const timeout = callTimeoutMs(deadline);
  let status;
  try {
    status = await t.machineStatus(node.ip, false, timeout);
  } catch (authError) {
    try {
      const insecure = await t.machineStatus(node.ip, true, timeout);
      if (insecure.stage === 'maintenance') {
        return { done: true, value: { ...node, mode: 'maintenance', stage: insecure.stage, ready: insecure.ready, etcdRunning: false } };
      }
      return { done: false, reason: `answers only on the maintenance API, in stage ${insecure.stage}` };
    } catch {
      return { done: false, reason: `unreachable: ${message(authError)}` };
    }
  }
  try {
    const talosVersion = opts.versions ? await t.serverVersion(node.ip, timeout) : undefined;
    const schematicId = opts.versions ? schematicFromExtensions(await t.getResources(node.ip, 'extensions', timeout)) : undefined;
    let etcdRunning = false;
    if (node.role === 'controlplane') {
      const services = await t.getResources(node.ip, 'services', timeout);
      etcdRunning = services.some((s) => s.metadata.id === 'etcd' && (s.spec as { running?: boolean }).running === true);
    }
    return { done: true, value: { ...node, mode: 'configured', stage: status.stage, ready: status.ready, talosVersion, schematicId, etcdRunning } };
  } catch (e) {
    return { done: false, reason: `answered machinestatus but not the follow-up reads: ${message(e)}` };
  }
}

/** Reads a node, polling while it is unreachable; throws when the deadline passes (never "nothing to do"). */
export function probeNode(ctx: PhaseContext, node: RolloutNode, deadline: Deadline, opts: ProbeOptions = { versions: true }): Promise<NodeSnapshot> {
  let lastReason = '';
  return pollUntil(
    `${node.name} (${node.ip}) did not answer`,
    deadline,
    ctx.pollMs,
    () => probeNodeOnce(ctx, node, deadline, opts),
    (reason) => {
      if (reason !== lastReason) progress(ctx.phase, node.name, `waiting: ${reason}`);
      lastReason = reason;
    },
  );
}

/** Adds the kubelet (and kube-apiserver on control planes) versions of a configured node. */
async function withKubernetesVersions(ctx: PhaseContext, node: NodeSnapshot, deadline: Deadline): Promise<NodeSnapshot> {
  if (node.mode !== 'configured') return node;
  const timeout = callTimeoutMs(deadline);
  const kubelet = await ctx.talosctl.getResources(node.ip, 'kubeletspec', timeout);
  const kubeletImage = (kubelet[0]?.spec as { image?: string } | undefined)?.image;
  let apiServerVersion: string | undefined;
  if (node.role === 'controlplane') {
    const apiServer = await ctx.talosctl.getResources(node.ip, 'apiserverconfig', timeout);
    const image = (apiServer[0]?.spec as { image?: string } | undefined)?.image;
    apiServerVersion = image ? versionFromImage(image) : undefined;
  }
  return { ...node, kubeletVersion: kubeletImage ? versionFromImage(kubeletImage) : undefined, apiServerVersion };
}

/** What probeCluster reads: Talos versions and schematics, and the Kubernetes component versions. */
export interface ClusterProbeOptions {
  readonly versions: boolean;
  readonly kubernetes: boolean;
}

/**
 * Reads every node in parallel: always the stage and (control planes) etcd; with `versions` the Talos version and
 * schematic; with `kubernetes` the kubelet and kube-apiserver versions of a bootstrapped cluster.
 */
export async function probeCluster(ctx: PhaseContext, deadline: Deadline, opts: ClusterProbeOptions): Promise<ClusterSnapshot> {
  const nodes = await Promise.all(ctx.nodes.map((n) => probeNode(ctx, n, deadline, { versions: opts.versions })));
  const bootstrapped = nodes.some((n) => n.role === 'controlplane' && n.mode === 'configured' && n.etcdRunning);
  if (!opts.kubernetes || !bootstrapped) return { nodes, bootstrapped };
  return { nodes: await Promise.all(nodes.map((n) => withKubernetesVersions(ctx, n, deadline))), bootstrapped };
}

/** One line per node for the logs: role, mode, versions. */
export function describeNode(n: NodeSnapshot): string {
  if (n.mode === 'maintenance') return `${n.role}, maintenance mode (no machine config yet)`;
  const parts = [
    `${n.role}`,
    `stage ${n.stage}`,
    `Talos ${n.talosVersion}`,
    `schematic ${n.schematicId ? n.schematicId.slice(0, 12) + '…' : 'none'}`,
  ];
  if (n.kubeletVersion) parts.push(`kubelet ${n.kubeletVersion}`);
  if (n.apiServerVersion) parts.push(`kube-apiserver ${n.apiServerVersion}`);
  if (n.role === 'controlplane') parts.push(n.etcdRunning ? 'etcd running' : 'etcd not running');
  return parts.join(', ');
}
