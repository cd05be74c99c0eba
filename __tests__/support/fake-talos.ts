/**
 * Test harness around the talosctl and kubectl simulators: a temp dir with the simulated cluster state, a bin dir
 * that puts the simulators on PATH ({@link SIMULATED_TOOLS}: the simulator client, answered by simulator-server.js
 * running fake-talosctl, fake-kubectl, fake-talos-provider.js and fake-proxmox.js), a 0600 talosconfig (current
 * context `test`, the control planes as endpoints, dummy keys) and a dummy 0600 kubeconfig, and readers for the call
 * log.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { simulatorClient } from './compiled-client';

/** The tools on the simulator's PATH, each a link to the simulator client (compiled-client.ts) named after the tool it plays. */
const SIMULATED_TOOLS = ['talosctl', 'kubectl', 'talos-provider', 'proxmox'];

/** One simulated node (see fake-talos-lib.js). */
export interface FakeNode {
  name: string;
  role: 'controlplane' | 'worker';
  stage: 'maintenance' | 'running';
  talosVersion?: string;
  schematic?: string;
  kubeletVersion?: string;
  apiServerVersion?: string;
  etcdRunning?: boolean;
  manifests?: Record<string, unknown[]>;
  rebootCalls?: number;
  /** Set by upgrade-k8s when it re-encoded a patched machine config with documentation/examples. */
  configComments?: boolean;
  /** The OS a ≥ 1.13 upgrade installed to the other boot partition, booted at the next reboot. */
  installed?: { version: string; schematic: string };
}

/** Faults the simulator injects. */
export interface FakeFaults {
  unreachable?: string[];
  failUpgrade?: Record<string, number>;
  bootFallback?: string[];
  rebootCalls?: number;
  unhealthy?: number;
  etcdMissing?: string[];
  failUpgradeK8s?: number;
  /** The next n kubectl calls cannot reach the API server. */
  failKubectl?: number;
  /** `talosctl kubeconfig` is refused (a talosconfig without the os:admin role) while the nodes run. */
  failKubeconfig?: boolean;
  /** A PodDisruptionBudget blocks the drain of the named node the next n times (≥ 1.13 client-side drain). */
  drainBlocked?: Record<string, number>;
  /** The CNI agents never become ready: every Node NotReady, CoreDNS and the CNI DaemonSet unready. */
  cniBroken?: boolean;
  /** The cluster endpoint's DNS name resolves neither here nor on the nodes. */
  endpointUnresolvable?: boolean;
}

/** A Kubernetes Node object: kubelet registers it, a Talos reset leaves it, `kubectl delete node` removes it. */
export interface FakeKubernetesNode {
  internalIP: string;
  ready: boolean;
  /** Cordoned. */
  unschedulable?: boolean;
  annotations?: Record<string, string>;
}

/** The whole simulated state. */
export interface FakeState {
  clientVersion: string;
  nodes: Record<string, FakeNode>;
  /** Node objects by name. */
  kubernetesNodes: Record<string, FakeKubernetesNode>;
  applied: Record<string, unknown>;
  faults: FakeFaults;
  /** Talos's CNI name (BootstrapManifestsConfig): `none` (default, Cilium inline manifest) or `flannel`. */
  cni?: 'none' | 'flannel';
}

/** One logged call: of talosctl, of kubectl, or an action of the Talos provider stand-in (fake-talos-provider.js). */
export interface FakeCall {
  tool: 'talosctl' | 'kubectl' | 'talos-provider';
  argv: string[];
  exit: number;
}

export const SCHEMATIC_A = 'a'.repeat(64);
export const SCHEMATIC_B = 'b'.repeat(64);

/** Add-on manifests for a chart version; the Secret carries a marker that must never be printed. */
export function manifestSet(chartVersion: string): Record<string, unknown[]> {
  return {
    '99-cilium': [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data: { chart: chartVersion } },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'cilium', namespace: 'kube-system' },
        spec: { image: `quay.io/cilium/cilium:v${chartVersion}` },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'hubble-ca', namespace: 'kube-system' },
        data: { 'ca.key': Buffer.from(secretMarker(chartVersion)).toString('base64') },
      },
    ],
  };
}

/** The secret text inside manifestSet's Secret (before base64). */
export function secretMarker(chartVersion: string): string {
  return `TOPSECRET-${chartVersion}`;
}

/** Nodes `<prefix>-cp-N` at 10.5.0.1N and `<prefix>-worker-N` at 10.5.0.2N. */
export function nodeList(controlPlanes: number, workers: number, prefix = 'test'): { name: string; ip: string; role: 'controlplane' | 'worker' }[] {
  return [
    ...Array.from({ length: controlPlanes }, (_, i) => ({ name: `${prefix}-cp-${i + 1}`, ip: `10.5.0.${11 + i}`, role: 'controlplane' as const })),
    ...Array.from({ length: workers }, (_, i) => ({ name: `${prefix}-worker-${i + 1}`, ip: `10.5.0.${21 + i}`, role: 'worker' as const })),
  ];
}

/** A simulated cluster in a temp dir. */
export class FakeTalos {
  readonly dir: string;
  readonly binDir: string;
  readonly talosconfig: string;
  readonly kubeconfig: string;

  /** A new simulated cluster with `state`, or a copy of another one's whole folder (state, log and extra files). */
  constructor(from: FakeState | FakeTalos) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-talos-'));
    this.binDir = path.join(this.dir, 'bin');
    this.talosconfig = path.join(this.dir, 'talosconfig');
    this.kubeconfig = path.join(this.dir, 'kubeconfig');
    if (from instanceof FakeTalos) {
      fs.cpSync(from.dir, this.dir, { recursive: true, verbatimSymlinks: true });
      return;
    }
    fs.mkdirSync(this.binDir);
    for (const tool of SIMULATED_TOOLS) fs.symlinkSync(simulatorClient(), path.join(this.binDir, tool));
    const endpoints = Object.entries(from.nodes)
      .filter(([, n]) => n.role === 'controlplane')
      .map(([ip]) => ip);
    const context = { endpoints, nodes: endpoints.slice(0, 1), ca: 'RkFLRS1DQQ==', crt: 'RkFLRS1DUlQ=', key: 'RkFLRS1LRVk=' };
    fs.writeFileSync(this.talosconfig, stringify({ context: 'test', contexts: { test: context } }), { mode: 0o600 });
    fs.writeFileSync(this.kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: admin@test\n', { mode: 0o600 });
    this.write(from);
    fs.writeFileSync(path.join(this.dir, 'calls.log'), '');
  }

  /** Environment that makes the runner use the simulator. */
  env(): Record<string, string> {
    return {
      PATH: `${this.binDir}:${process.env.PATH}`,
      FAKE_TALOS_STATE: this.dir,
      ...(process.env.FAKE_SIM_SERVER === '0' ? {} : { FAKE_SIM_PORT: simulatorServerPort() }),
      ROLLOUT_TALOSCONFIG: this.talosconfig,
      ROLLOUT_KUBECONFIG: this.kubeconfig,
    };
  }

  read(): FakeState {
    return JSON.parse(fs.readFileSync(path.join(this.dir, 'state.json'), 'utf8')) as FakeState;
  }

  write(state: FakeState): void {
    fs.writeFileSync(path.join(this.dir, 'state.json'), JSON.stringify(state, null, 2));
  }

  update(fn: (state: FakeState) => void): void {
    const s = this.read();
    fn(s);
    this.write(s);
  }

  calls(): FakeCall[] {
    return fs
      .readFileSync(path.join(this.dir, 'calls.log'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as FakeCall);
  }

  clearCalls(): void {
    fs.writeFileSync(path.join(this.dir, 'calls.log'), '');
  }

  /** Node name of an IP. */
  nameOf(ip: string): string {
    return this.read().nodes[ip]?.name ?? ip;
  }

  /** Flag value in a logged call (`--nodes` etc.). */
  static flag(call: FakeCall, name: string): string | undefined {
    const i = call.argv.indexOf(name);
    return i >= 0 ? call.argv[i + 1] : undefined;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

let serverPort: string | undefined;

/**
 * Port of this test process's simulator-server.js (started on first use, shared by every simulated cluster of the
 * process, gone with it): a simulator call costs ~20 ms instead of a Node start (~0.12 s). FAKE_SIM_SERVER=0 runs
 * every call as its own process instead.
 */
function simulatorServerPort(): string {
  if (serverPort) return serverPort;
  const portFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-server-')), 'port');
  const server = spawn(process.execPath, [path.join(__dirname, 'simulator-server.js'), portFile, String(process.pid)], {
    stdio: 'ignore',
    detached: true,
  });
  server.unref();
  const until = Date.now() + 20000;
  while (!fs.existsSync(portFile)) {
    if (Date.now() > until) throw new Error('simulator-server.js did not start within 20 s');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  serverPort = fs.readFileSync(portFile, 'utf8');
  return serverPort;
}

/**
 * State of a cluster whose nodes all run the given versions (bootstrapped, a Node object each), or all wait in
 * maintenance mode.
 */
export function clusterState(
  nodes: readonly { name: string; ip: string; role: 'controlplane' | 'worker' }[],
  opts: {
    maintenance?: boolean;
    talos?: string;
    schematic?: string;
    kubernetes?: string;
    manifests?: Record<string, unknown[]>;
    clientVersion?: string;
  },
): FakeState {
  const manifests = opts.manifests ?? manifestSet('1.0.0');
  const state: FakeState = { clientVersion: opts.clientVersion ?? 'v1.13.9', nodes: {}, kubernetesNodes: {}, applied: {}, faults: {} };
  for (const n of nodes) {
    if (!opts.maintenance) state.kubernetesNodes[n.name] = { internalIP: n.ip, ready: true };
    state.nodes[n.ip] = opts.maintenance
      ? { name: n.name, role: n.role, stage: 'maintenance' }
      : {
          name: n.name,
          role: n.role,
          stage: 'running',
          talosVersion: opts.talos ?? 'v1.13.9',
          schematic: opts.schematic ?? SCHEMATIC_A,
          kubeletVersion: opts.kubernetes ?? '1.36.3',
          ...(n.role === 'controlplane' ? { apiServerVersion: opts.kubernetes ?? '1.36.3', etcdRunning: true, manifests } : {}),
        };
  }
  if (!opts.maintenance) {
    for (const o of Object.values(manifests).flat() as { kind: string; metadata: { name: string; namespace?: string } }[]) {
      state.applied[`${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`] = o;
    }
  }
  return state;
}
