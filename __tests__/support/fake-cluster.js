#!/usr/bin/env node
'use strict';
/**
 * Plays the part of the Talos provider in the rollout integration tests: `apply-configs` does what
 * talos_machine_configuration_apply + talos_machine_bootstrap do to the simulated nodes.
 *  - A node in maintenance mode installs the config's Talos version and schematic and runs (control planes run
 *    etcd once bootstrapped). Running nodes keep their OS and Kubernetes versions: applying a config never
 *    upgrades Talos, and after upgrade-k8s the Kubernetes images already match.
 *  - Control planes get the config's inline manifests; Talos then creates the objects that are missing in the
 *    cluster and never updates existing ones (talos docs, inlinemanifests: "additive-only").
 * Inputs: FAKE_TARGET_TALOS, FAKE_TARGET_SCHEMATIC, FAKE_TARGET_K8S, FAKE_MANIFESTS (JSON {id: [objects]}).
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

if (process.argv[2] !== 'apply-configs') {
  process.stderr.write('usage: fake-cluster.js apply-configs\n');
  process.exit(2);
}

const talos = need('FAKE_TARGET_TALOS');
const schematic = need('FAKE_TARGET_SCHEMATIC');
const k8s = need('FAKE_TARGET_K8S');
const manifests = JSON.parse(need('FAKE_MANIFESTS'));

lib.withState((state) => {
  for (const [ip, n] of Object.entries(state.nodes)) {
    if (n.stage === 'maintenance') {
      Object.assign(n, { stage: 'running', talosVersion: talos, schematic, kubeletVersion: k8s, etcdRunning: n.role === 'controlplane' });
      if (n.role === 'controlplane') n.apiServerVersion = k8s;
      process.stdout.write(`fake apply: ${n.name} (${ip}) configured with Talos ${talos}, Kubernetes ${k8s}\n`);
    }
    if (n.role === 'controlplane') n.manifests = manifests;
  }
  const applied = (state.applied = state.applied ?? {});
  for (const o of Object.values(manifests).flat()) {
    const subject = `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
    if (!applied[subject]) applied[subject] = o;
  }
});
