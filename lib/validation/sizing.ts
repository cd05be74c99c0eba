/**
 * Rules for VM sizes: cores, memory and system disk at least the Talos minimums, memory warned below the
 * recommendation, extra disks of a positive whole size. A value set on a pool is reported once, at the pool,
 * when some node inherits it; a value set on a node is reported at the node.
 * Source: Talos "System Requirements" (docs.siderolabs.com/talos/v1.13/getting-started/system-requirements).
 */
import { ExtraDiskDefinition, NodeSizeDefinition } from '../cluster-definition';
import { NodeRole } from '../cluster-plan';
import { error, Problem, warning } from '../problems';
import { NodeSource, PoolPath, ValidationContext } from './context';
import { NodePath, PoolKey, ProblemPath } from '../definition-path';

/** Minimum size per role (Talos system requirements). */
export const TALOS_MINIMUM: Readonly<Record<NodeRole, { cores: number; memoryGiB: number; diskGiB: number }>> = {
  controlplane: { cores: 2, memoryGiB: 2, diskGiB: 10 },
  worker: { cores: 1, memoryGiB: 1, diskGiB: 10 },
};

/** Recommended memory per role (Talos system requirements); less is a warning. */
export const TALOS_RECOMMENDED_MEMORY_GIB: Readonly<Record<NodeRole, number>> = { controlplane: 4, worker: 2 };

type SizeField = 'cores' | 'memoryGiB' | 'diskGiB';

const UNIT: Record<SizeField, string> = { cores: 'cores', memoryGiB: 'GiB of memory', diskGiB: 'GiB of system disk' };

function roleText(role: NodeRole): string {
  return role === 'controlplane' ? 'a control plane' : 'a worker';
}

function sizeProblems(path: ProblemPath, role: NodeRole, field: SizeField, value: unknown): Problem[] {
  const min = TALOS_MINIMUM[role][field];
  const whole = field !== 'memoryGiB';
  if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    return [error(path, value, `is not a ${whole ? 'whole ' : ''}number`, `write a number of at least ${min}`)];
  }
  if (value < min)
    return [error(path, value, `is below the Talos minimum of ${min} ${UNIT[field]} for ${roleText(role)}`, `set it to ${min} or more`)];
  const recommended = TALOS_RECOMMENDED_MEMORY_GIB[role];
  if (field === 'memoryGiB' && value < recommended) {
    return [warning(path, value, `is below the ${recommended} GiB Talos recommends for ${roleText(role)}`, `set it to ${recommended} or more`)];
  }
  return [];
}

function diskProblems(path: PoolKey | NodePath, disks: readonly ExtraDiskDefinition[]): Problem[] {
  return disks.flatMap((disk, i) =>
    Number.isInteger(disk.sizeGiB) && disk.sizeGiB > 0
      ? []
      : [
          error(
            `${path}.extraDisks[${i}].sizeGiB`,
            disk.sizeGiB,
            'is not a positive whole number of GiB',
            'set a size such as 100, or remove the disk',
          ),
        ],
  );
}

function sizedHere(path: PoolKey | NodePath, role: NodeRole, size: NodeSizeDefinition): Problem[] {
  const fields: SizeField[] = ['cores', 'memoryGiB', 'diskGiB'];
  return [
    ...fields.flatMap((field) => (size[field] === undefined ? [] : sizeProblems(`${path}.${field}`, role, field, size[field]))),
    ...(size.extraDisks ? diskProblems(path, size.extraDisks) : []),
  ];
}

/** The pool-level sizes some node of the pool inherits. */
function inheritedPoolSize(members: readonly NodeSource[], pool: NodeSizeDefinition): NodeSizeDefinition {
  const inherits = (field: keyof NodeSizeDefinition) => pool[field] !== undefined && members.some((m) => m.defined?.[field] === undefined);
  return {
    cores: inherits('cores') ? pool.cores : undefined,
    memoryGiB: inherits('memoryGiB') ? pool.memoryGiB : undefined,
    diskGiB: inherits('diskGiB') ? pool.diskGiB : undefined,
    extraDisks: inherits('extraDisks') ? pool.extraDisks : undefined,
  };
}

/** Every problem of VM sizes. */
export function sizingProblems(ctx: ValidationContext): Problem[] {
  const pools: [PoolPath, NodeRole][] = [
    ['controlPlanes', 'controlplane'],
    ['workers', 'worker'],
  ];
  return pools.flatMap(([poolPath, role]) => {
    const members = ctx.nodes.filter((n) => n.poolPath === poolPath);
    const pool = (poolPath === 'controlPlanes' ? ctx.def.controlPlanes : ctx.def.workers) ?? {};
    return [
      ...sizedHere(poolPath, role, inheritedPoolSize(members, pool)),
      ...members.flatMap((m) => (m.defined ? sizedHere(m.planned.path, role, m.defined) : [])),
    ];
  });
}
