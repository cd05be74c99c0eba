#!/usr/bin/env node
'use strict';
/**
 * Plays the part of the Talos provider in the rollout integration tests, on one simulated node:
 * `apply-config <ip>` does what talos_machine_configuration_apply (and, for control planes, talos_machine_bootstrap)
 * does when created; `reset <ip>` what its on-destroy reset followed by the VM's deletion does.
 *  - A node in maintenance mode installs the config's Talos version and schematic and runs (control planes run
 *    etcd once bootstrapped). A running node keeps its OS and Kubernetes versions: applying a config never
 *    upgrades Talos, and after upgrade-k8s the Kubernetes images already match.
 *  - A configured node's kubelet registers its Kubernetes Node object (named after the node, InternalIP = its IP).
 *  - A control plane gets the config's inline manifests; Talos then creates the objects that are missing in the
 *    cluster and never updates existing ones (talos docs, inlinemanifests: "additive-only").
 *  - A node the simulator does not know (no VM) fails the apply, as the provider fails to connect.
 *  - A reset node is gone from the Talos API, but its Node object stays (NotReady): a reset does not delete it.
 *  - A reset fails, as upstream's, when no machine answers at the address (a VM deleted outside Terraform) and when
 *    the machine there is in maintenance mode (a new, blank VM): the provider's `Delete` runs the Reset RPC once and
 *    fails the destroy with any error it returns ("Error resetting machine", terraform-provider-talos v0.11.0
 *    pkg/talos/talos_machine_configuration_apply_resource.go l. 860-874; one attempt: talos v1.13.0
 *    cmd/talosctl/pkg/talos/action/node.go l. 88). A node that answers without client certificates gets the
 *    insecure client (pkg/talos/util.go l. 520), and maintenance mode's API grants only the Reader role to it (talos
 *    v1.13.0 internal/app/machined/pkg/controllers/runtime/api_service_config.go l. 117, internal/app/apid/service.go
 *    l. 119-121) while Reset needs Admin (internal/app/machined/pkg/system/services/machined.go l. 101).
 *  - `reset <ip> false` is the provider's `on_destroy.graceful = false`: a control plane then does not leave etcd
 *    (Talos resets without LeaveCluster), so while another control plane runs etcd, its member stays in the member
 *    list (state.deadEtcdMembers) and `talosctl health` fails "etcd members to be control plane nodes".
 * Inputs: FAKE_TARGET_TALOS, FAKE_TARGET_SCHEMATIC, FAKE_TARGET_K8S; FAKE_MANIFESTS (JSON {id: [objects]}) for
 * control planes (apply-config only). Each action is logged to calls.log as tool `talos-provider`.
 */
const lib = require('./fake-talos-lib');

function need(name) {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`${name} is not set\n`);
    process.exit(2);
  }
  return v;
}

const argv = process.argv.slice(2);
const [command, ip, graceful = 'true', ...extra] = argv;
if (!['apply-config', 'reset'].includes(command) || !ip || extra.length > 0 || !['true', 'false'].includes(graceful)) {
  process.stderr.write('usage: fake-talos-provider.js apply-config <node ip> | reset <node ip> [true|false (graceful)]\n');
  process.exit(2);
}

/** Removes the machine; its Node object stays, no longer Ready. */
function reset(state) {
  const n = state.nodes[ip];
  if (!n) return `fake reset: Error resetting machine: rpc error: code = Unavailable desc = dial tcp ${ip}:50000: connect: no route to host`;
  if (n.stage === 'maintenance')
    return `fake reset: Error resetting machine: ${n.name} (${ip}): rpc error: code = PermissionDenied desc = not authorized`;
  delete state.nodes[ip];
  const etcdLeft = Object.values(state.nodes).some((o) => o.role === 'controlplane' && o.etcdRunning);
  if (n.role === 'controlplane' && n.etcdRunning && graceful === 'false' && etcdLeft) {
    (state.deadEtcdMembers = state.deadEtcdMembers ?? []).push({ name: n.name, ip });
    process.stdout.write(`fake reset: ${n.name} reset without leaving etcd: its member stays\n`);
  }
  const kubeNode = (state.kubernetesNodes ?? {})[n.name];
  if (kubeNode) kubeNode.ready = false;
  process.stdout.write(`fake reset: ${n.name} (${ip}) reset and its VM deleted\n`);
  return undefined;
}

/** Configures the machine (see above); reads its inputs before taking the state lock. */
function applyConfig() {
  const talos = need('FAKE_TARGET_TALOS');
  const schematic = need('FAKE_TARGET_SCHEMATIC');
  const k8s = need('FAKE_TARGET_K8S');
  const manifestsJson = process.env.FAKE_MANIFESTS;
  return (state) => {
    const n = state.nodes[ip];
    if (!n) return `fake apply: ${ip}: dial tcp ${ip}:50000: connect: no route to host`;
    if (n.role === 'controlplane' && !manifestsJson) return `fake apply: FAKE_MANIFESTS is not set for control plane ${n.name}`;
    if (n.stage === 'maintenance') {
      Object.assign(n, { stage: 'running', talosVersion: talos, schematic, kubeletVersion: k8s, etcdRunning: n.role === 'controlplane' });
      if (n.role === 'controlplane') n.apiServerVersion = k8s;
      process.stdout.write(`fake apply: ${n.name} (${ip}) configured with Talos ${talos}, Kubernetes ${k8s}\n`);
    }
    (state.kubernetesNodes = state.kubernetesNodes ?? {})[n.name] = { internalIP: ip, ready: true };
    if (n.role !== 'controlplane') return undefined;
    const manifests = JSON.parse(manifestsJson);
    n.manifests = manifests;
    const applied = (state.applied = state.applied ?? {});
    for (const o of Object.values(manifests).flat()) {
      const subject = `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
      if (!applied[subject]) applied[subject] = o;
    }
    return undefined;
  };
}

const failure = lib.withState(command === 'reset' ? reset : applyConfig());
lib.appendCall({ tool: 'talos-provider', argv, exit: failure ? 1 : 0 });
if (failure) {
  process.stderr.write(`${failure}\n`);
  process.exit(1);
}
