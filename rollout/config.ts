/**
 * The runner's inputs. The rollout constructs pass them as local-exec environment variables (never secrets);
 * talosctl and kubectl get the 0600 talosconfig and kubeconfig by path. `ROLLOUT_TALOSCONFIG`, `ROLLOUT_TALOSCTL`,
 * `ROLLOUT_KUBECONFIG` and `ROLLOUT_KUBECTL` override the files and the binaries (tests, or a binary outside PATH).
 */
import path from 'node:path';
import { NodeRole } from '../lib/cluster-plan';
import { kubeconfigPath, talosconfigPath } from '../lib/paths';
import { RolloutTargets } from '../lib/rollout/checks';
import { ROLLOUT_ENV as ENV, RolloutCni } from '../lib/rollout/env';

export { ENV };

/** A node of the cluster, as the stack planned it. */
export interface RolloutNode {
  readonly name: string;
  readonly ip: string;
  readonly role: NodeRole;
}

/** Everything a phase needs. */
export interface RolloutConfig {
  readonly cluster: string;
  /** Control planes first, then workers, in rollout order. */
  readonly nodes: readonly RolloutNode[];
  /** Target Talos release. */
  readonly talosVersion: string;
  /** Target Kubernetes release. */
  readonly kubernetesVersion: string;
  /** Target schematic; set for the preflight and OS steps only. */
  readonly schematicId?: string;
  /** Installer image `talosctl upgrade --image` gets; set for the preflight and OS steps only. */
  readonly installerImage?: string;
  /** Seconds each node (and each cluster-wide wait) may take. */
  readonly nodeTimeoutSeconds: number;
  /** Seconds between polls. */
  readonly pollSeconds: number;
  /** Absolute path of the talosconfig. */
  readonly talosconfig: string;
  /** talosctl binary (name on PATH or path). */
  readonly talosctl: string;
  /**
   * kubectl binary (name on PATH or path): the health gate reads CoreDNS and the CNI agents, and the OS steps
   * mark and release the cordon of a node they upgrade, through the Kubernetes API.
   */
  readonly kubectl: string;
  /** The CNI whose agents must be ready. */
  readonly cni: RolloutCni;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new Error(`${name} is not set; the rollout constructs set it for every step`);
  return value.trim();
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} = ${JSON.stringify(raw)} is not a positive number of seconds`);
  return n;
}

function parseNodes(raw: string): RolloutNode[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${ENV.nodes} is not JSON`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error(`${ENV.nodes} must be a non-empty JSON array`);
  return parsed.map((n: unknown, i: number) => {
    const o = n as Partial<RolloutNode>;
    if (typeof o?.name !== 'string' || typeof o.ip !== 'string' || (o.role !== 'controlplane' && o.role !== 'worker')) {
      throw new Error(`${ENV.nodes}[${i}] needs name, ip and role (controlplane|worker)`);
    }
    return { name: o.name, ip: o.ip, role: o.role };
  });
}

/** Reads and checks the configuration; `cwd` is the project root the runner runs in. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): RolloutConfig {
  const cluster = required(env, ENV.cluster);
  const nodes = parseNodes(required(env, ENV.nodes));
  if (!nodes.some((n) => n.role === 'controlplane')) throw new Error(`${ENV.nodes} has no control plane`);
  return {
    cluster,
    nodes,
    talosVersion: required(env, ENV.talosVersion),
    kubernetesVersion: required(env, ENV.kubernetesVersion),
    schematicId: env[ENV.schematicId]?.trim() || undefined,
    installerImage: env[ENV.installerImage]?.trim() || undefined,
    nodeTimeoutSeconds: positiveNumber(env, ENV.nodeTimeoutSeconds, 15 * 60),
    pollSeconds: positiveNumber(env, ENV.pollSeconds, 10),
    talosconfig: talosconfigFile(env, cwd, cluster),
    talosctl: env[ENV.talosctl] || 'talosctl',
    kubectl: env[ENV.kubectl] || 'kubectl',
    cni: cniOf(env),
  };
}

function cniOf(env: NodeJS.ProcessEnv): RolloutCni {
  const raw = env[ENV.cni]?.trim() || 'cilium';
  if (raw !== 'cilium' && raw !== 'flannel') throw new Error(`${ENV.cni} = ${JSON.stringify(raw)} is not cilium or flannel`);
  return raw;
}

/** The talosconfig every phase uses: `ROLLOUT_TALOSCONFIG`, else access/<cluster>/talosconfig, absolute. */
function talosconfigFile(env: NodeJS.ProcessEnv, cwd: string, cluster: string): string {
  return path.resolve(cwd, env[ENV.talosconfig] || talosconfigPath(cluster));
}

/** The OS targets of the preflight and OS steps; throws when the step was not given a schematic and installer. */
export function osTargets(config: RolloutConfig): RolloutTargets & { readonly installerImage: string } {
  if (!config.schematicId) throw new Error(`${ENV.schematicId} is not set; the ClusterRollout steps set it`);
  if (!config.installerImage) throw new Error(`${ENV.installerImage} is not set; the ClusterRollout steps set it`);
  return {
    talosVersion: config.talosVersion,
    schematicId: config.schematicId,
    kubernetesVersion: config.kubernetesVersion,
    installerImage: config.installerImage,
  };
}

/**
 * What `remove-node` needs: the cluster's kubeconfig and kubectl, and the talosconfig and talosctl to fetch a
 * kubeconfig through the Talos API when the file is not there (no node list).
 */
export interface RemoveNodeConfig {
  readonly cluster: string;
  /** Absolute path of the admin kubeconfig the stack writes after bootstrap. */
  readonly kubeconfig: string;
  /** kubectl binary (name on PATH or path). */
  readonly kubectl: string;
  /** Absolute path of the talosconfig, as the other phases resolve it. */
  readonly talosconfig: string;
  /** talosctl binary (name on PATH or path). */
  readonly talosctl: string;
}

/** Reads the `remove-node` configuration; `cwd` is the project root the runner runs in. */
export function loadRemoveNodeConfig(env: NodeJS.ProcessEnv, cwd: string): RemoveNodeConfig {
  const cluster = required(env, ENV.cluster);
  return {
    cluster,
    kubeconfig: path.resolve(cwd, env[ENV.kubeconfig] || kubeconfigPath(cluster)),
    kubectl: env[ENV.kubectl] || 'kubectl',
    talosconfig: talosconfigFile(env, cwd, cluster),
    talosctl: env[ENV.talosctl] || 'talosctl',
  };
}
