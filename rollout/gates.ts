/**
 * The health gates between rollout steps: `talosctl health` with explicit node lists (server-side: etcd healthy
 * and consistent, control-plane static pods, every Kubernetes node Ready; docs talosctl health), and for control
 * planes a full etcd member list (`talosctl etcd members`). Both poll until their deadline.
 */
import { etcdMembersProblem } from '../lib/rollout-checks';
import { ClusterSnapshot, PhaseContext } from './cluster-state';
import { progress } from './log';
import { Deadline, pollUntil } from './wait';

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').pop() ?? 'no output';
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
  await pollUntil('the cluster did not become healthy', deadline, ctx.pollMs, async () => {
    const result = await ctx.talosctl.health(via, controlPlanes, workers, deadline.remainingSeconds(), (line) =>
      progress(ctx.phase, 'cluster', `health: ${line}`),
    );
    if (result.code === 0 && !result.timedOut) return { done: true, value: undefined };
    return { done: false, reason: `talosctl health failed: ${result.timedOut ? 'timed out' : lastLine(result.stderr || result.stdout)}` };
  });
  progress(ctx.phase, 'cluster', `healthy (${controlPlanes.length} control plane(s), ${workers.length} worker(s), checked in ${Math.round((Date.now() - started) / 1000)}s)`);
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
