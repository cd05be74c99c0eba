/**
 * Rules for what identifies a VM on Proxmox and on the LAN: VM IDs inside Proxmox's range (the API's `vmid` is
 * 100 to 999999999) and unique, MAC addresses well-formed unicast addresses and unique.
 */
import { DEFAULT_VM_ID_BASE } from '../cluster-plan';
import { error, Problem } from '../problems';
import { ValidationContext } from './context';
import { ProblemPath } from '../definition-path';
import { allowsTeardown } from '../teardown';

/** Lowest VM ID Proxmox accepts. */
export const MIN_VM_ID = 100;

/** Highest VM ID Proxmox accepts. */
export const MAX_VM_ID = 999_999_999;

const MAC = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/;

function isVmId(id: unknown): boolean {
  return typeof id === 'number' && Number.isInteger(id) && id >= MIN_VM_ID && id <= MAX_VM_ID;
}

function vmIdBase(ctx: ValidationContext): Problem[] {
  const base = ctx.def.vmIdBase;
  if (base === undefined) return [];
  const derived = ctx.nodes.filter((n) => n.defined?.vmId === undefined).map((n) => n.planned.vmId);
  if (Number.isInteger(base) && derived.every(isVmId)) return [];
  return [
    error(
      'vmIdBase',
      base,
      `gives VM IDs outside Proxmox's range ${MIN_VM_ID} to ${MAX_VM_ID} (each node gets base + its offset in the node network)`,
      `use a whole number such as ${DEFAULT_VM_ID_BASE}`,
    ),
  ];
}

function explicitVmIds(ctx: ValidationContext): Problem[] {
  return ctx.nodes.flatMap(({ planned, defined }) =>
    defined?.vmId === undefined || isVmId(defined.vmId)
      ? []
      : [
          error(
            `${planned.path}.vmId`,
            defined.vmId,
            `is outside Proxmox's VM ID range ${MIN_VM_ID} to ${MAX_VM_ID}`,
            'use a whole number in that range, or remove vmId to derive it from vmIdBase',
          ),
        ],
  );
}

function duplicateVmIds(ctx: ValidationContext): Problem[] {
  const owner = new Map<number, string>();
  return ctx.nodes.flatMap(({ planned }) => {
    const first = owner.get(planned.vmId);
    if (first === undefined) {
      owner.set(planned.vmId, planned.name);
      return [];
    }
    return [
      error(
        `${planned.path}.vmId`,
        planned.vmId,
        `is also the VM ID of ${first}`,
        'give each node its own vmId, or remove vmId to derive distinct ones from vmIdBase',
      ),
    ];
  });
}

function macFormat(ctx: ValidationContext): Problem[] {
  return ctx.nodes.flatMap(({ planned, defined }) => {
    if (defined?.macAddress === undefined) return [];
    const path: ProblemPath = `${planned.path}.macAddress`;
    if (!MAC.test(planned.macAddress)) {
      return [
        error(
          path,
          defined.macAddress,
          'is not a MAC address (six hex pairs separated by colons)',
          'write it like 02:00:00:00:00:01, or remove macAddress to derive a stable one',
        ),
      ];
    }
    if (parseInt(planned.macAddress.slice(0, 2), 16) % 2 === 1) {
      return [
        error(
          path,
          defined.macAddress,
          'is a multicast address (odd first byte); a NIC needs a unicast one',
          'use a locally administered unicast address starting 02:, or remove macAddress to derive one',
        ),
      ];
    }
    return [];
  });
}

/** Duplicate MACs; a node whose name is already taken is skipped (its derived MAC repeats with the name). */
function duplicateMacs(ctx: ValidationContext): Problem[] {
  const owner = new Map<string, string>();
  const names = new Set<string>();
  return ctx.nodes.flatMap(({ planned, defined }) => {
    const repeatedName = names.has(planned.name);
    names.add(planned.name);
    if (repeatedName && defined?.macAddress === undefined) return [];
    const first = owner.get(planned.macAddress);
    if (first === undefined) {
      owner.set(planned.macAddress, planned.name);
      return [];
    }
    return [
      error(
        `${planned.path}.macAddress`,
        planned.macAddress,
        `is also the MAC address of ${first}`,
        'give each node its own macAddress, or remove it to derive a distinct one',
      ),
    ];
  });
}

/** `allowVmReplacement` may only name nodes of the cluster (a typo would silently protect nothing it meant to). */
function replacementNames(ctx: ValidationContext): Problem[] {
  const names = ctx.plan.nodes.map((n) => n.name);
  return (ctx.def.allowVmReplacement ?? []).flatMap((name, i) =>
    names.includes(name)
      ? []
      : [
          error(
            `allowVmReplacement[${i}]`,
            name,
            'is not a node of this cluster (removing a node never needs it)',
            `name one of [${names.join(', ')}], or remove the entry`,
          ),
        ],
  );
}

/**
 * A rebuild listed in `allowVmReplacement` resets the node (it leaves etcd), destroys its VM and creates a new one,
 * which joins as a fresh member; the health check runs after it. One control plane at a time keeps etcd's quorum and
 * data: rebuilding them all in one deploy (a `vmIdBase` change with every node listed) resets every member, and
 * nothing bootstraps etcd again. The only control plane of a cluster cannot be rebuilt without losing the cluster.
 * A teardown (`lib/teardown.ts`) lists every node on purpose.
 */
function controlPlaneRebuilds(ctx: ValidationContext): Problem[] {
  if (allowsTeardown(ctx.plan)) return [];
  const listed = ctx.def.allowVmReplacement ?? [];
  const controlPlanes = ctx.plan.controlPlanes.map((n) => n.name);
  const rebuilt = listed.map((name, i) => ({ name, i })).filter(({ name }) => controlPlanes.includes(name));
  if (controlPlanes.length === 1 && rebuilt.length > 0) {
    const { name, i } = rebuilt[0]!;
    return [
      error(
        `allowVmReplacement[${i}]`,
        name,
        'is the only control plane: rebuilding its VM destroys etcd, and with it the cluster',
        'add control planes first (rebuild one while the others keep etcd), or tear the cluster down and deploy it again (docs/node-lifecycle.md)',
      ),
    ];
  }
  return rebuilt
    .slice(1)
    .map(({ name, i }) =>
      error(
        `allowVmReplacement[${i}]`,
        name,
        `is a second control plane rebuilt in one deploy (after ${rebuilt[0]!.name}): each rebuild resets an etcd member`,
        'rebuild one control plane per deploy: list it, deploy, check health, then the next (docs/node-lifecycle.md)',
      ),
    );
}

/** Every problem of VM IDs and MAC addresses. */
export function vmIdentityProblems(ctx: ValidationContext): Problem[] {
  return [
    ...vmIdBase(ctx),
    ...explicitVmIds(ctx),
    ...duplicateVmIds(ctx),
    ...macFormat(ctx),
    ...duplicateMacs(ctx),
    ...replacementNames(ctx),
    ...controlPlaneRebuilds(ctx),
  ];
}
