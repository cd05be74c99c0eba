/**
 * Decisions of the rollout runner, from what it observed on the nodes and what the stack asks for. Pure: the
 * runner (rollout/) reads the nodes with talosctl and asks these functions what to do, so every rule is
 * unit-tested without a cluster. Support facts come from lib/talos-support.ts.
 */
import { NodeRole } from '../cluster-plan';
import { compareVersions, minorOf, parseVersion } from '../semver';
import { kubernetesHopProblem, kubernetesWindowProblem, talosHopProblem } from '../talos-support';

/** What the stack wants the cluster to run. */
export interface RolloutTargets {
  /** Talos release, e.g. `v1.13.9`. */
  readonly talosVersion: string;
  /** Image Factory schematic ID of the installer. */
  readonly schematicId: string;
  /** Kubernetes release, e.g. `1.36.3`. */
  readonly kubernetesVersion: string;
}

/** A node as the runner found it. */
export interface ObservedNode {
  readonly name: string;
  readonly ip: string;
  readonly role: NodeRole;
  /** `maintenance`: no machine config yet (first deploy); `configured`: runs with a machine config. */
  readonly mode: 'maintenance' | 'configured';
  /** Running Talos version (configured nodes). */
  readonly talosVersion?: string;
  /** Schematic ID of the running image; undefined when the image was not built by the Image Factory. */
  readonly schematicId?: string;
  /** Version of the node's kubelet image (configured nodes of a bootstrapped cluster). */
  readonly kubeletVersion?: string;
  /** Version of the node's kube-apiserver image (configured control planes of a bootstrapped cluster). */
  readonly apiServerVersion?: string;
}

/** What the OS step does with one node. */
export type NodeOsAction = 'skip-maintenance' | 'skip-current' | 'upgrade';

/** Whether a node needs `talosctl upgrade`: only configured nodes whose version or schematic differ. */
export function nodeOsAction(node: ObservedNode, targets: RolloutTargets): NodeOsAction {
  if (node.mode === 'maintenance') return 'skip-maintenance';
  return isAtTarget(node, targets) ? 'skip-current' : 'upgrade';
}

/** True when the node runs the target Talos version built from the target schematic. */
export function isAtTarget(node: ObservedNode, targets: RolloutTargets): boolean {
  return sameVersion(node.talosVersion, targets.talosVersion) && node.schematicId === targets.schematicId;
}

function sameVersion(a: string | undefined, b: string): boolean {
  const pa = a === undefined ? undefined : parseVersion(a);
  const pb = parseVersion(b);
  return pa !== undefined && pb !== undefined && compareVersions(pa, pb) === 0;
}

/**
 * The Kubernetes version the cluster runs: the lowest kubelet or kube-apiserver version found, as `upgrade-k8s`
 * detects it. Undefined when no configured node reported one (not bootstrapped).
 */
export function runningKubernetesVersion(nodes: readonly ObservedNode[]): string | undefined {
  const found = nodes
    .flatMap((n) => [n.kubeletVersion, n.apiServerVersion])
    .filter((v): v is string => v !== undefined && parseVersion(v) !== undefined);
  if (found.length === 0) return undefined;
  return found.reduce((low, v) => (compareVersions(parseVersion(v)!, parseVersion(low)!) < 0 ? v : low));
}

/** True when every kubelet and kube-apiserver found runs `version`, and at least one was found. */
export function kubernetesAtVersion(nodes: readonly ObservedNode[], version: string): boolean {
  const found = nodes.flatMap((n) => [n.kubeletVersion, n.apiServerVersion]).filter((v): v is string => v !== undefined);
  return found.length > 0 && found.every((v) => sameVersion(v, version));
}

/** Talos hops the installer would refuse, one message per configured node that needs an upgrade. */
export function talosHopProblems(nodes: readonly ObservedNode[], targets: RolloutTargets): string[] {
  return nodes
    .filter((n) => nodeOsAction(n, targets) === 'upgrade' && n.talosVersion !== undefined)
    .flatMap((n) => {
      const problem = talosHopProblem(n.talosVersion!, targets.talosVersion);
      return problem ? [`${n.name} (${n.ip}): ${problem}`] : [];
    });
}

/**
 * Kubernetes problems of the rollout: a jump of more than one minor or a downgrade, a running version the target
 * Talos cannot run while the OS rollout is under way (the OS goes first, `upgrade-k8s` after it), and a target
 * pair outside the support window.
 */
export function kubernetesProblems(nodes: readonly ObservedNode[], targets: RolloutTargets): string[] {
  const problems: string[] = [];
  const running = runningKubernetesVersion(nodes);
  if (running !== undefined && !sameVersion(running, targets.kubernetesVersion)) {
    const hop = kubernetesHopProblem(running, targets.kubernetesVersion);
    if (hop) problems.push(hop);
  }
  const osRollout = nodes.some((n) => nodeOsAction(n, targets) === 'upgrade');
  if (running !== undefined && osRollout) {
    const during = kubernetesWindowProblem(targets.talosVersion, running);
    if (during) {
      problems.push(
        `the running Kubernetes ${running} cannot run on Talos ${targets.talosVersion} (${during}), and nodes get the new ` +
          `Talos before upgrade-k8s runs: upgrade Kubernetes first (deploy with only the Kubernetes version bumped), then Talos`,
      );
    }
  }
  const after = kubernetesWindowProblem(targets.talosVersion, targets.kubernetesVersion);
  if (after) problems.push(`the target pair is outside the support window: ${after}, not Kubernetes ${targets.kubernetesVersion}`);
  return problems;
}

/** Why this `talosctl` should not drive the rollout: older than the target Talos minor (docs: use a matching talosctl). */
export function talosctlClientProblem(clientVersion: string, targetTalos: string): string | undefined {
  const c = parseVersion(clientVersion);
  const t = parseVersion(targetTalos);
  if (!c || !t) return `cannot read the talosctl version (${JSON.stringify(clientVersion)})`;
  if (c.major < t.major || (c.major === t.major && c.minor < t.minor)) {
    return `talosctl ${clientVersion} is older than the target Talos ${minorOf(targetTalos)}; install talosctl ${targetTalos}`;
  }
  return undefined;
}

/** Every reason the preflight refuses the rollout (empty when it may go ahead). */
export function preflightProblems(nodes: readonly ObservedNode[], targets: RolloutTargets): string[] {
  return [...talosHopProblems(nodes, targets), ...kubernetesProblems(nodes, targets)];
}

/** A control plane whose etcd member list is incomplete: fewer members than configured control planes, or learners. */
export function etcdMembersProblem(
  members: readonly { readonly hostname: string; readonly learner: boolean }[],
  expectedControlPlanes: number,
): string | undefined {
  const voting = members.filter((m) => !m.learner);
  if (voting.length < expectedControlPlanes) {
    return `etcd has ${voting.length} voting member(s) (${voting.map((m) => m.hostname).join(', ') || 'none'}), expected ${expectedControlPlanes}`;
  }
  return undefined;
}

/**
 * True when `talosctl upgrade` of a node running `talosVersion` cordons and drains it from the machine running
 * talosctl, through the Kubernetes API: nodes on Talos ≥ 1.13 take the LifecycleService path (install first, then
 * drain from the client, reboot, uncordon; siderolabs/talos v1.13.9 cmd/talosctl/cmd/talos/upgrade.go
 * `upgradeViaLifecycleService`, `talosUpgradeAPIVersionRange` ">1.13.0-alpha.2", drain.go `drainNodes`). Older
 * nodes take the legacy path, where the node cordons and drains itself and uncordons itself when it runs again.
 */
export function upgradeDrainsFromClient(talosVersion: string): boolean {
  const v = parseVersion(talosVersion);
  return v !== undefined && (v.major > 1 || (v.major === 1 && v.minor >= 13));
}
