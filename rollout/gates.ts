/**
 * The health gates between rollout steps.
 *
 * `talosctl health` with explicit node lists (server-side, through one control plane whose own API server it uses:
 * `--k8s-endpoint`): etcd healthy and consistent, control-plane static pods and components, every Kubernetes node
 * reported and schedulable. It no longer proves that the nodes, CoreDNS or the CNI work: from Talos 1.13.0 it
 * skips "all k8s nodes to report ready" and "coredns to report ready" when the CNI is `none`
 * (siderolabs/talos v1.13.9 pkg/cluster/check/default.go `DefaultClusterChecks`, `cniDisabledStatus`), which it
 * always is here with Cilium as an inline manifest. So after it passes the gate also requires
 *  - every configured node's `machinestatus` ready (its readiness includes the Kubernetes Node being Ready:
 *    internal/app/machined/pkg/controllers/runtime/machine_status.go `nodeReadyCheck`), through talosctl;
 *  - the CoreDNS Deployment and the CNI agents' DaemonSet (`cilium`, or `kube-flannel`) all ready and updated,
 *    through kubectl (Talos has no resource for pod readiness; rollout/kube-api.ts).
 * For control planes, a full etcd member list (`talosctl etcd members`). Every gate polls until its deadline.
 */
import { etcdMembersProblem } from '../lib/rollout/checks';
import { daemonSetProblem, deploymentProblem } from '../lib/workload-readiness';
import { callTimeoutMs, ClusterSnapshot } from './cluster-state';
import { PhaseContext } from './phases/context';
import { progress } from './log';
import { Deadline, pollUntil } from './wait';

/** Namespace of CoreDNS and of the CNI agents. */
const KUBE_SYSTEM = 'kube-system';

/** The DaemonSet of the CNI agents: Cilium's chart names it `cilium`, Talos's Flannel manifest `kube-flannel`. */
export function cniDaemonSet(cni: PhaseContext['cni']): string {
  return cni === 'flannel' ? 'kube-flannel' : 'cilium';
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .pop() ?? 'no output'
  );
}

/**
 * Waits until `talosctl health` passes for the configured nodes of the snapshot. `avoid` is a node the check
 * should not run through (the one just upgraded) when another control plane exists.
 */
export async function waitClusterHealthy(ctx: PhaseContext, snapshot: ClusterSnapshot, deadline: Deadline, avoid?: string): Promise<void> {
  const configured = snapshot.nodes.filter((n) => n.mode === 'configured');
  const controlPlanes = configured.filter((n) => n.role === 'controlplane').map((n) => n.ip);
  const workers = configured.filter((n) => n.role === 'worker').map((n) => n.ip);
  if (controlPlanes.length === 0) throw new Error('no configured control plane to run talosctl health through');
  const via = controlPlanes.find((ip) => ip !== avoid) ?? controlPlanes[0];
  const started = Date.now();
  let lastReason = '';
  await pollUntil(
    'the cluster did not become healthy',
    deadline,
    ctx.pollMs,
    async () => {
      const result = await ctx.talosctl.health(via, controlPlanes, workers, deadline.remainingSeconds(), (line) =>
        progress(ctx.phase, 'cluster', `health: ${line}`),
      );
      if (result.code !== 0 || result.timedOut) {
        return { done: false, reason: `talosctl health failed: ${result.timedOut ? 'timed out' : lastLine(result.stderr || result.stdout)}` };
      }
      const problems = await readinessProblems(ctx, snapshot, via, deadline);
      return problems.length === 0 ? { done: true, value: undefined } : { done: false, reason: `talosctl health passed, but ${problems.join('; ')}` };
    },
    (reason) => {
      if (reason !== lastReason) progress(ctx.phase, 'cluster', `waiting: ${reason}`);
      lastReason = reason;
    },
  );
  progress(
    ctx.phase,
    'cluster',
    `healthy: every node ready, CoreDNS and ${cniDaemonSet(ctx.cni)} ready (${controlPlanes.length} control plane(s), ${workers.length} worker(s), checked in ${Math.round((Date.now() - started) / 1000)}s)`,
  );
}

/** Waits until the control plane at `ip` lists `expected` voting etcd members. */
export async function waitEtcdComplete(ctx: PhaseContext, ip: string, expected: number, deadline: Deadline): Promise<void> {
  await pollUntil(`etcd member list seen from ${ip} stayed incomplete`, deadline, ctx.pollMs, async () => {
    try {
      const members = await ctx.talosctl.etcdMembers(ip, Math.max(5000, Math.min(60000, deadline.remainingMs())));
      const problem = etcdMembersProblem(members, expected);
      return problem ? { done: false, reason: problem } : { done: true, value: undefined };
    } catch (e) {
      return { done: false, reason: e instanceof Error ? e.message : String(e) };
    }
  });
  progress(ctx.phase, 'cluster', `etcd has all ${expected} member(s)`);
}

/**
 * What is not ready yet among the snapshot's configured nodes (machinestatus), CoreDNS and the CNI agents (read
 * through the API server of control plane `via`); empty when everything is.
 */
export async function readinessProblems(ctx: PhaseContext, snapshot: ClusterSnapshot, via: string, deadline: Deadline): Promise<string[]> {
  const problems: string[] = [];
  const configured = snapshot.nodes.filter((n) => n.mode === 'configured');
  const statuses = await Promise.all(
    configured.map(async (n) => {
      try {
        const status = await ctx.talosctl.machineStatus(n.ip, false, callTimeoutMs(deadline));
        return status.ready ? undefined : `${n.name} not ready (machinestatus unmet: ${status.unmet.join(', ') || 'none listed'})`;
      } catch (e) {
        return `${n.name} did not answer machinestatus (${e instanceof Error ? e.message : String(e)})`;
      }
    }),
  );
  problems.push(...statuses.filter((p): p is string => p !== undefined));
  const workloads: [string, string, (o: Record<string, unknown>) => string | undefined, string][] = [
    ['deployment', 'coredns', deploymentProblem, 'CoreDNS'],
    ['daemonset', cniDaemonSet(ctx.cni), daemonSetProblem, `the ${ctx.cni === 'flannel' ? 'Flannel' : 'Cilium'} agents`],
  ];
  for (const [kind, name, check, label] of workloads) {
    try {
      const problem = check(await ctx.kube.getJson(kind, name, KUBE_SYSTEM, via));
      if (problem) problems.push(`${label} (${kind} ${KUBE_SYSTEM}/${name}): ${problem}`);
    } catch (e) {
      problems.push(`${label} (${kind} ${KUBE_SYSTEM}/${name}) could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems;
}
