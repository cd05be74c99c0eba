/**
 * What each Talos minor supports: its Kubernetes window, which host versions it upgrades from, and the config
 * contracts this project can generate documents for. Facts: ../shared/docs/talos-facts.md §2 (from
 * siderolabs/talos pkg/machinery/compatibility).
 */
import { compareVersions, minorDistance, parseVersion, Version } from './semver';

/** Support facts of one Talos minor. */
export interface TalosMinorSupport {
  /** Oldest Kubernetes minor the release accepts, e.g. `1.31`. */
  readonly kubernetesMin: string;
  /** Newest Kubernetes minor the release accepts, e.g. `1.36`. */
  readonly kubernetesMax: string;
  /** Oldest Talos version a node may run to be upgraded to this minor, e.g. `1.11.0`. */
  readonly upgradeFrom: string;
}

/** Talos minors this project knows, keyed `v1.X`. */
export const TALOS_SUPPORT: Readonly<Record<string, TalosMinorSupport>> = {
  'v1.10': { kubernetesMin: '1.28', kubernetesMax: '1.33', upgradeFrom: '1.8.0' },
  'v1.11': { kubernetesMin: '1.29', kubernetesMax: '1.34', upgradeFrom: '1.9.0' },
  'v1.12': { kubernetesMin: '1.30', kubernetesMax: '1.35', upgradeFrom: '1.10.0' },
  'v1.13': { kubernetesMin: '1.31', kubernetesMax: '1.36', upgradeFrom: '1.11.0' },
  // 1.14: the code accepts 1.32, the docs support 1.33+; the docs' floor is the safe one.
  'v1.14': { kubernetesMin: '1.33', kubernetesMax: '1.37', upgradeFrom: '1.12.0' },
};

/** Config contracts the document builder in lib/talos-documents.ts speaks (multi-document networking). */
export const SUPPORTED_CONTRACTS: readonly string[] = ['v1.12', 'v1.13'];

function minorKey(v: Version): string {
  return `v${v.major}.${v.minor}`;
}

/** The support facts for a Talos version, or undefined when this project does not know its minor. */
export function talosSupport(talosVersion: string): TalosMinorSupport | undefined {
  const v = parseVersion(talosVersion);
  return v ? TALOS_SUPPORT[minorKey(v)] : undefined;
}

/** Why `kubernetesVersion` cannot run on `talosVersion`, or undefined when it can. */
export function kubernetesWindowProblem(talosVersion: string, kubernetesVersion: string): string | undefined {
  const support = talosSupport(talosVersion);
  const k = parseVersion(kubernetesVersion);
  if (!support || !k) return undefined;
  const min = parseVersion(support.kubernetesMin)!;
  const max = parseVersion(support.kubernetesMax)!;
  if (minorDistance(min, k) < 0 || minorDistance(k, max) < 0) {
    return `Talos ${talosVersion} supports Kubernetes ${support.kubernetesMin} to ${support.kubernetesMax}`;
  }
  return undefined;
}

/**
 * The newest known minor a node running `from` can upgrade to directly: the hop to take first when the target is out
 * of reach. {@link TALOS_SUPPORT} lists the minors oldest first with floors that never fall, so that minor lies below
 * any target whose floor `from` misses.
 */
function intermediateMinor(from: Version): string | undefined {
  return Object.keys(TALOS_SUPPORT)
    .filter((key) => compareVersions(from, parseVersion(TALOS_SUPPORT[key].upgradeFrom)!) >= 0)
    .pop();
}

/**
 * Why a node running `from` cannot be upgraded straight to `to`, or undefined when the installer accepts it.
 * Downgrades are refused too: this project rolls forward only (rollback is `talosctl rollback`).
 */
export function talosHopProblem(from: string, to: string): string | undefined {
  const f = parseVersion(from);
  const t = parseVersion(to);
  if (!f || !t) return `cannot compare Talos versions ${from} and ${to}`;
  if (compareVersions(t, f) < 0) return `${to} is older than the running ${from}; use talosctl rollback instead`;
  const support = TALOS_SUPPORT[minorKey(t)];
  if (!support) return `Talos ${to} is not a release this project knows`;
  const floor = parseVersion(support.upgradeFrom)!;
  if (compareVersions(f, floor) < 0) {
    const via = intermediateMinor(f);
    const step = via ? ` Upgrade to the latest ${via} patch first.` : '';
    return `Talos ${to} upgrades only from ${support.upgradeFrom} or newer, the node runs ${from}.${step}`;
  }
  return undefined;
}

/** Why a Kubernetes upgrade `from` → `to` is not allowed (more than one minor, or a downgrade). */
export function kubernetesHopProblem(from: string, to: string): string | undefined {
  const f = parseVersion(from);
  const t = parseVersion(to);
  if (!f || !t) return `cannot compare Kubernetes versions ${from} and ${to}`;
  const d = minorDistance(f, t);
  if (d < 0 || (d === 0 && compareVersions(t, f) < 0)) return `Kubernetes ${to} is older than the running ${from}; downgrades are not supported`;
  if (d > 1)
    return `Kubernetes upgrades go one minor at a time: ${from} → ${to} skips ${d - 1} minor(s); upgrade to ${f.major}.${f.minor + 1}.x first`;
  return undefined;
}
