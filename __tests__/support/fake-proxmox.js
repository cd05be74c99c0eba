#!/usr/bin/env node
'use strict';
/**
 * Plays Proxmox's VM registry in the identity scenarios (identity-harness.ts), in the simulator's state
 * (`proxmox`: VM ID → {name, ip, host}):
 *  - `create <vmid> <name> <ip> <role> <host>` creates a VM as the bpg provider does: Proxmox refuses a VM ID that
 *    exists ("VM <id> already exists"); the VM boots Talos in maintenance mode at its address, and a second VM
 *    booting with an address another node holds is refused too (the simulator cannot model two machines on one
 *    address, and it is the outcome the claims must prevent);
 *  - `destroy <vmid>` deletes the VM, and with it the machine at its address. Deleting takes
 *    `faults.proxmoxDeleteSeconds` (default 0) during which the VM still exists, as stopping and deleting a real VM
 *    takes seconds.
 * Each action is logged to calls.log as tool `proxmox`. On the tests' PATH as `proxmox` (simulator-client).
 */
const lib = require('./fake-talos-lib');

const argv = process.argv.slice(2);
const [command, vmid, name, ip, role, host] = argv;
if (!(command === 'create' && host) && !(command === 'destroy' && vmid)) {
  process.stderr.write('usage: fake-proxmox.js create <vmid> <name> <ip> <role> <host> | destroy <vmid>\n');
  process.exit(2);
}

function create(state) {
  const vms = (state.proxmox = state.proxmox ?? {});
  if (vms[vmid]) return `fake proxmox: unable to create VM ${vmid}: VM ${vmid} already exists on node ${vms[vmid].host} (${vms[vmid].name})`;
  const holder = state.nodes[ip];
  if (holder && holder.name !== name) return `fake proxmox: VM ${vmid} (${name}) boots with address ${ip}, which ${holder.name} still holds`;
  vms[vmid] = { name, ip, host };
  if (!holder) state.nodes[ip] = { name, role, stage: 'maintenance' };
  process.stdout.write(`fake proxmox: VM ${vmid} (${name}) created on ${host}, Talos in maintenance mode at ${ip}\n`);
  return undefined;
}

function destroy(state) {
  const vms = (state.proxmox = state.proxmox ?? {});
  const vm = vms[vmid];
  if (!vm) return undefined;
  delete vms[vmid];
  if (state.nodes[vm.ip] && state.nodes[vm.ip].name === vm.name) delete state.nodes[vm.ip];
  process.stdout.write(`fake proxmox: VM ${vmid} (${vm.name}) deleted\n`);
  return undefined;
}

function act() {
  const failure = lib.withState(command === 'create' ? create : destroy);
  lib.appendCall({ tool: 'proxmox', argv, exit: failure ? 1 : 0 });
  if (failure) {
    process.stderr.write(`${failure}\n`);
    process.exit(1);
  }
}

// A timer, not a blocking sleep: in the simulator server, other calls (a VM created meanwhile) go on while it waits.
const deleteSeconds = command === 'destroy' ? (lib.readState().faults || {}).proxmoxDeleteSeconds || 0 : 0;
if (deleteSeconds > 0) setTimeout(act, deleteSeconds * 1000);
else act();
