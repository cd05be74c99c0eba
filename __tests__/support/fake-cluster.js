#!/usr/bin/env node
'use strict';
/**
 * Plays the part of the Talos provider in the rollout integration tests: `apply-config <ip>` does what
 * talos_machine_configuration_apply (and, for control planes, talos_machine_bootstrap) does to one simulated node.
 *  - A node in maintenance mode installs the config's Talos version and schematic and runs (control planes run
 *    etcd once bootstrapped). A running node keeps its OS and Kubernetes versions: applying a config never
 *    upgrades Talos, and after upgrade-k8s the Kubernetes images already match.
 *  - A control plane gets the config's inline manifests; Talos then creates the objects that are missing in the
 *    cluster and never updates existing ones (talos docs, inlinemanifests: "additive-only").
 *  - A node the simulator does not know (no VM) fails the apply, as the provider fails to connect.
 * Inputs: FAKE_TARGET_TALOS, FAKE_TARGET_SCHEMATIC, FAKE_TARGET_K8S; FAKE_MANIFESTS (JSON {id: [objects]}) for
 * control planes.
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

const [command, ip, ...extra] = process.argv.slice(2);
if (command !== 'apply-config' || !ip || extra.length > 0) {
  process.stderr.write('usage: fake-cluster.js apply-config <node ip>\n');
  process.exit(2);
}

const talos = need('FAKE_TARGET_TALOS');
const schematic = need('FAKE_TARGET_SCHEMATIC');
const k8s = need('FAKE_TARGET_K8S');
const manifestsJson = process.env.FAKE_MANIFESTS;

const failure = lib.withState((state) => {
  const n = state.nodes[ip];
  if (!n) return `fake apply: ${ip}: dial tcp ${ip}:50000: connect: no route to host`;
  if (n.role === 'controlplane' && !manifestsJson) return `fake apply: FAKE_MANIFESTS is not set for control plane ${n.name}`;
  if (n.stage === 'maintenance') {
    Object.assign(n, { stage: 'running', talosVersion: talos, schematic, kubeletVersion: k8s, etcdRunning: n.role === 'controlplane' });
    if (n.role === 'controlplane') n.apiServerVersion = k8s;
    process.stdout.write(`fake apply: ${n.name} (${ip}) configured with Talos ${talos}, Kubernetes ${k8s}\n`);
  }
  if (n.role !== 'controlplane') return undefined;
  const manifests = JSON.parse(manifestsJson);
  n.manifests = manifests;
  const applied = (state.applied = state.applied ?? {});
  for (const o of Object.values(manifests).flat()) {
    const subject = `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
    if (!applied[subject]) applied[subject] = o;
  }
  return undefined;
});
if (failure) {
  process.stderr.write(`${failure}\n`);
  process.exit(1);
}
