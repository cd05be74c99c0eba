'use strict';
/**
 * Shared state of the simulated Talos cluster used by fake-talosctl, fake-kubectl and fake-talos-provider.js (tests only).
 *
 * The state lives in $FAKE_TALOS_STATE/state.json:
 *   { clientVersion, nodes: { <ip>: { name, role, stage, talosVersion, schematic, kubeletVersion,
 *     apiServerVersion, etcdRunning, manifests: { <id>: [objects] }, rebootCalls } },
 *     kubernetesNodes: { <name>: { internalIP, ready, unschedulable, annotations } },
 *     applied: { "<Kind>/<ns>/<name>": object }, cni, faults: { … } }
 * `cni` is the CNI name Talos's BootstrapManifestsConfig holds: `none` (default; this stack ships Cilium as an
 * inline manifest) or `flannel`.
 * (`nodes` are the machines the Talos API reaches; `kubernetesNodes` the Kubernetes Node objects, which outlive a
 * reset.) Every fake-talosctl and fake-kubectl call and every fake-talos-provider.js action is appended to
 * $FAKE_TALOS_STATE/calls.log (one JSON line: tool, argv, exit).
 * Mutations hold a mkdir lock so parallel Terraform steps (a worker batch) never lose an update.
 */
const fs = require('node:fs');
const path = require('node:path');

function stateDir() {
  const dir = process.env.FAKE_TALOS_STATE;
  if (!dir) {
    process.stderr.write('FAKE_TALOS_STATE is not set\n');
    process.exit(2);
  }
  return dir;
}

function statePath() {
  return path.join(stateDir(), 'state.json');
}

function readState() {
  return JSON.parse(fs.readFileSync(statePath(), 'utf8'));
}

/** Saves `state` unless it still reads as `before` (most calls only read: a rename is ~1 ms of the server's time). */
function writeState(state, before) {
  const text = JSON.stringify(state, null, 2);
  if (text === before) return;
  const tmp = `${statePath()}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, statePath());
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs fn(state) under the lock and saves the state afterwards; returns fn's result. */
function withState(fn) {
  const lock = path.join(stateDir(), 'state.lock');
  const until = Date.now() + 20000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 10000) fs.rmdirSync(lock);
      } catch {
        /* raced with the owner */
      }
      if (Date.now() > until) throw new Error('fake talos state lock timed out');
      sleepSync(5);
    }
  }
  try {
    const before = fs.readFileSync(statePath(), 'utf8');
    const state = JSON.parse(before);
    const result = fn(state);
    writeState(state, before);
    return result;
  } finally {
    fs.rmdirSync(lock);
  }
}

function appendCall(entry) {
  fs.appendFileSync(path.join(stateDir(), 'calls.log'), `${JSON.stringify(entry)}\n`);
}

/** `v1.13.9` / `1.36.3` → [major, minor, patch]. */
function parse(v) {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(v));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] || 0)] : undefined;
}

function compare(a, b) {
  const pa = parse(a);
  const pb = parse(b);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/**
 * What the simulated Talos releases accept, written independently of lib/talos-support.ts so the tests notice
 * when the runner lets through what the real installer and upgrade-k8s would reject
 * (talos pkg/machinery/compatibility: Kubernetes window and oldest host version per minor).
 */
const RELEASES = {
  '1.10': { k8s: ['1.28', '1.33'], upgradeFrom: '1.8.0' },
  1.11: { k8s: ['1.29', '1.34'], upgradeFrom: '1.9.0' },
  1.12: { k8s: ['1.30', '1.35'], upgradeFrom: '1.10.0' },
  1.13: { k8s: ['1.31', '1.36'], upgradeFrom: '1.11.0' },
  1.14: { k8s: ['1.32', '1.37'], upgradeFrom: '1.12.0' },
};

function release(talosVersion) {
  const p = parse(talosVersion);
  return p && RELEASES[`${p[0]}.${p[1]}`];
}

/** Error text of the installer preflight, or undefined when the host may be upgraded. */
function installerRefusal(hostVersion, targetVersion) {
  const r = release(targetVersion);
  if (!r) return `unknown Talos version ${targetVersion}`;
  if (compare(hostVersion, r.upgradeFrom) < 0) return `host version ${hostVersion} is too old to upgrade to Talos ${targetVersion}`;
  return undefined;
}

/** upgrade-k8s compatibility error for one node, or undefined. */
function kubernetesRefusal(talosVersion, k8sVersion) {
  const r = release(talosVersion);
  const k = parse(k8sVersion);
  if (!r || !k) return `cannot check Kubernetes ${k8sVersion} against Talos ${talosVersion}`;
  const minor = k[1];
  const [low, high] = r.k8s.map((x) => parse(x)[1]);
  if (minor < low) return `version of Kubernetes ${k8sVersion} is too old to be used with Talos ${talosVersion}`;
  if (minor > high) return `version of Kubernetes ${k8sVersion} is too new to be used with Talos ${talosVersion}`;
  return undefined;
}

/** The endpoint the kubeconfig Talos generates names (cluster.controlPlane.endpoint); never reached directly. */
const CLUSTER_ENDPOINT = 'https://k8s.test.arpa:6443';

/** The Go dial error when the cluster endpoint's name does not resolve (fault `endpointUnresolvable`). */
const UNRESOLVABLE = 'dial tcp: lookup k8s.test.arpa on 127.0.0.53:53: no such host';

/**
 * The Kubernetes view of the simulated cluster, shared by fake-talosctl and fake-kubectl:
 *  - a Node is Ready when its kubelet registered it ready and the CNI agents run (fault `cniBroken`: the CNI never
 *    becomes ready, as with a broken Cilium inline manifest: every Node NotReady, no CoreDNS pod ready);
 *  - CoreDNS (Deployment kube-system/coredns, 2 replicas, Talos's bootstrap manifest) and the CNI DaemonSet
 *    (kube-system/cilium, or kube-system/kube-flannel when `cni` is flannel) are ready exactly when the CNI is.
 */
function kubeNodeReady(state, name) {
  const k = (state.kubernetesNodes ?? {})[name];
  return Boolean(k && k.ready && !(state.faults ?? {}).cniBroken);
}

function cniDaemonSetName(state) {
  return (state.cni ?? 'none') === 'flannel' ? 'kube-flannel' : 'cilium';
}

function workloads(state) {
  const broken = Boolean((state.faults ?? {}).cniBroken);
  const nodes = Object.keys(state.kubernetesNodes ?? {});
  const ready = nodes.filter((n) => kubeNodeReady(state, n) || (!broken && state.kubernetesNodes[n].ready)).length;
  return {
    [`Deployment/kube-system/coredns`]: { replicas: 2, readyReplicas: broken ? 0 : 2 },
    [`DaemonSet/kube-system/${cniDaemonSetName(state)}`]: { desired: nodes.length, ready: broken ? 0 : ready },
  };
}

module.exports = {
  CLUSTER_ENDPOINT,
  UNRESOLVABLE,
  kubeNodeReady,
  cniDaemonSetName,
  workloads,
  readState,
  writeState,
  withState,
  appendCall,
  parse,
  compare,
  installerRefusal,
  kubernetesRefusal,
};
