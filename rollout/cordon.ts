/**
 * Cordons the rollout itself caused, and releasing them.
 *
 * For a node on Talos ≥ 1.13, `talosctl upgrade` installs the new OS first and then cordons and drains the Node from
 * this machine; it uncordons only after the reboot, in a deferred step that never runs when the drain fails (a
 * PodDisruptionBudget, the drain timeout): the Node stays cordoned, still on the old OS, and `talosctl health`
 * refuses every later gate ("all k8s nodes to report schedulable"). The drain leaves no mark of its own
 * (siderolabs/talos v1.13.9 cmd/talosctl/cmd/talos/upgrade.go `upgradeViaLifecycleService`, drain.go
 * `drainNodes`/`uncordonNodes`, nodedrain.go `CordonAndDrain`). So the OS step annotates the Node with
 * {@link ROLLOUT_CORDON_ANNOTATION} before it runs `talosctl upgrade`, and removes it once the node is back and
 * healthy. The next deploy recognises a cordoned Node carrying it as the rollout's own, uncordons it and upgrades
 * it again; a Node cordoned without it is someone else's and is left alone (the run stops and says so).
 *
 * Talos ≤ 1.12 cordons on the node side and marks that with `talos.dev/cordoned`; Talos uncordons such a Node
 * itself once it runs (internal/app/machined/pkg/controllers/k8s/node_apply.go `ApplyCordoned`), so the runner
 * only waits for it.
 *
 * The annotation lives on the Node object (not in a file on this machine), so another checkout or laptop
 * recognises it too, and `kubectl describe node` shows it. Its state is read through talosctl (`get nodestatus`:
 * Talos mirrors the node's own Node object, pkg/machinery/resources/k8s/node_status.go); changes go through
 * kubectl (rollout/kube-api.ts).
 */
import { callTimeoutMs, ClusterSnapshot, NodeSnapshot } from './cluster-state';
import { PhaseContext } from './phases/context';
import { progress } from './log';
import { Deadline } from './wait';

/** The annotation the OS step sets on a Node before `talosctl upgrade` may cordon it; its value is the target Talos version. */
export const ROLLOUT_CORDON_ANNOTATION = 'talos-proxmox-cdktf/cordoned-for-upgrade';

/** The annotation Talos sets on a Node it cordoned itself (pkg/machinery/constants `AnnotationCordonedKey`). */
export const TALOS_CORDON_ANNOTATION = 'talos.dev/cordoned';

/** A node's Kubernetes Node as Talos mirrors it. */
export interface NodeCordon {
  readonly node: NodeSnapshot;
  /** The Kubernetes node name. */
  readonly nodename: string;
  readonly unschedulable: boolean;
  /** Carries {@link ROLLOUT_CORDON_ANNOTATION}. */
  readonly ours: boolean;
  /** Carries {@link TALOS_CORDON_ANNOTATION}. */
  readonly byTalos: boolean;
}

/** Reads the Node of every configured node of the snapshot (`talosctl get nodestatus`); nodes without one are left out. */
export async function readCordons(ctx: PhaseContext, snapshot: ClusterSnapshot, deadline: Deadline): Promise<NodeCordon[]> {
  const configured = snapshot.nodes.filter((n) => n.mode === 'configured');
  const read = await Promise.all(
    configured.map(async (node) => {
      const [status] = await ctx.talosctl.getResources(node.ip, 'nodestatus', callTimeoutMs(deadline));
      if (!status) return undefined;
      const spec = status.spec as { nodename?: string; unschedulable?: boolean; annotations?: Record<string, string> | null };
      const annotations = spec.annotations ?? {};
      return {
        node,
        nodename: spec.nodename ?? status.metadata.id,
        unschedulable: spec.unschedulable === true,
        ours: ROLLOUT_CORDON_ANNOTATION in annotations,
        byTalos: TALOS_CORDON_ANNOTATION in annotations,
      };
    }),
  );
  return read.filter((c): c is NodeCordon => c !== undefined);
}

/** A configured control plane to send kubectl through, other than `avoid` when there is another. */
export function kubectlVia(snapshot: ClusterSnapshot, avoid?: string): string {
  const ips = snapshot.nodes.filter((n) => n.role === 'controlplane' && n.mode === 'configured').map((n) => n.ip);
  if (ips.length === 0) throw new Error('no configured control plane to reach the Kubernetes API through');
  return ips.find((ip) => ip !== avoid) ?? ips[0];
}

/**
 * Uncordons every Node the rollout cordoned itself (it carries {@link ROLLOUT_CORDON_ANNOTATION}) and removes the
 * annotation, given the cordons just read ({@link readCordons}). Returns the problems the caller must stop on: Nodes
 * cordoned by someone else.
 */
export async function releaseOwnCordons(ctx: PhaseContext, snapshot: ClusterSnapshot, cordons: readonly NodeCordon[]): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cordons) {
    const via = kubectlVia(snapshot, c.node.ip);
    if (c.ours) {
      if (c.unschedulable) {
        await ctx.kube.run(['uncordon', c.nodename], via);
        progress(
          ctx.phase,
          c.node.name,
          `uncordoned: a failed OS upgrade of this rollout left it cordoned (annotation ${ROLLOUT_CORDON_ANNOTATION}); its OS step upgrades it again`,
        );
      }
      await ctx.kube.run(['annotate', 'node', c.nodename, `${ROLLOUT_CORDON_ANNOTATION}-`], via);
    } else if (c.unschedulable && c.byTalos) {
      progress(
        ctx.phase,
        c.node.name,
        `cordoned by Talos itself (${TALOS_CORDON_ANNOTATION}): Talos uncordons it once the node runs; the health gate waits for that`,
      );
    } else if (c.unschedulable) {
      problems.push(
        `${c.node.name} is cordoned, and not by this rollout (no ${ROLLOUT_CORDON_ANNOTATION} annotation): talosctl health refuses a cluster with an unschedulable node. ` +
          `Fix: finish what cordoned it and run kubectl uncordon ${c.nodename}, then deploy again`,
      );
    }
  }
  return problems;
}

/** Marks `node` as cordoned by the rollout before `talosctl upgrade` (which may leave it cordoned). */
export async function markOwnCordon(
  ctx: PhaseContext,
  snapshot: ClusterSnapshot,
  node: NodeSnapshot,
  nodename: string,
  target: string,
): Promise<void> {
  await ctx.kube.run(['annotate', 'node', nodename, `${ROLLOUT_CORDON_ANNOTATION}=${target}`, '--overwrite'], kubectlVia(snapshot, node.ip));
}

/** Removes the mark once the node is back and healthy (talosctl has uncordoned it). */
export async function clearOwnCordon(ctx: PhaseContext, snapshot: ClusterSnapshot, node: NodeSnapshot, nodename: string): Promise<void> {
  await ctx.kube.run(['annotate', 'node', nodename, `${ROLLOUT_CORDON_ANNOTATION}-`], kubectlVia(snapshot, node.ip));
}
