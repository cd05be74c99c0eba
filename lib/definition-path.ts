/**
 * Typed paths into a {@link ClusterDefinition}: `network.cidr`, `controlPlanes.nodes[1].ip`, `state.bucket`. Rule
 * modules name the field a problem is about with one of these, so a renamed or misspelled field fails the
 * type-check instead of producing an error message that points nowhere.
 */
import { ClusterDefinition, NodeDefinition } from './cluster-definition';

/** Depth guard for the recursive path types (the definition nests five levels at most). */
type Depth = [never, 0, 1, 2, 3, 4, 5, 6];

/** Every path into `T`: object keys joined by `.`, list elements as `[n]`. */
type PathsOf<T, D extends number> = [D] extends [never]
  ? never
  : T extends readonly (infer E)[]
    ? `[${number}]` | `[${number}]${Continuation<E, Depth[D]>}`
    : T extends object
      ? { [K in keyof T & string]-?: K | `${K}${Continuation<NonNullable<T[K]>, Depth[D]>}` }[keyof T & string]
      : never;

/** What may follow a path segment: `[n]…` into a list, `.key…` into an object, nothing after a scalar. */
type Continuation<T, D extends number> = T extends readonly unknown[] ? PathsOf<T, D> : T extends object ? `.${PathsOf<T, D>}` : never;

/** A field of the cluster definition (or the whole definition, `(definition)`). */
export type DefinitionPath = PathsOf<ClusterDefinition, 6> | '(definition)';

/** The two node pools. */
export type PoolKey = 'controlPlanes' | 'workers';

/**
 * A node: `controlPlanes.nodes[1]` when listed one by one, or `workers[homelab-worker-2]` (pool and node name) when
 * a pool's `count` generated it and no field of its own exists.
 */
export type NodePath = `${PoolKey}.nodes[${number}]` | `${PoolKey}[${string}]`;

/** What a definition problem may name: a field, or a (generated) node or one of its node fields. */
export type ProblemPath = DefinitionPath | NodePath | `${NodePath}.${PathsOf<NodeDefinition, 3>}`;
