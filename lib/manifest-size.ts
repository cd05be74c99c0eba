/**
 * Size limits for the inline manifests every control plane carries. Talos has no inline-manifest limit of its
 * own; the real ones (../shared/docs/talos-facts.md §4.3) are the size of the message that carries the machine
 * config and the size of one object in etcd. Rendered sizes are only known at plan time, so these numbers feed a
 * plan-time precondition. Pure.
 */
import { parseVersion } from './semver';

const MiB = 1024 * 1024;
const KiB = 1024;

/** The limits that apply to one cluster's inline manifests, in bytes, and why. */
export interface ManifestSizeLimits {
  /** Largest total of all inline manifests; plan fails above it. */
  readonly totalBytes: number;
  /** Why `totalBytes`. */
  readonly totalReason: string;
  /** Largest single YAML document (one Kubernetes object); plan fails above it. */
  readonly objectBytes: number;
  /** Why `objectBytes`. */
  readonly objectReason: string;
}

/**
 * Limits for a Talos version.
 *
 * - Total, Talos ≤ 1.12: a new node receives its config through the maintenance API, a gRPC server with the
 *   default 4 MiB receive limit (`grpc: received message larger than max`). 256 KiB of the 4 MiB stay free for
 *   the rest of the machine config (certificates, patches: tens of KiB) and the gRPC framing: 3.75 MiB.
 * - Total, Talos ≥ 1.13: maintenance and regular API are one (apid), limit `GRPCMaxMessageSize` 32 MiB; 1 MiB stays
 *   free for the same reasons: 31 MiB.
 * - One object: etcd refuses requests over 1.5 MiB (its default `--max-request-bytes`), so a larger object can
 *   never be created and Talos would retry it forever. The check splits manifests on `---` lines, which is exact
 *   for Helm output and the rendered extra objects.
 * @throws Error when `talosVersion` is not a version.
 */
export function manifestSizeLimits(talosVersion: string): ManifestSizeLimits {
  const v = parseVersion(talosVersion);
  if (!v) throw new Error(`talos version ${JSON.stringify(talosVersion)}: not a version. Fix: write vMAJOR.MINOR.PATCH`);
  const unified = v.major > 1 || v.minor >= 13;
  return unified
    ? {
        totalBytes: 31 * MiB,
        totalReason: 'Talos >= 1.13 accepts machine configs up to 32 MiB (apid GRPCMaxMessageSize); 1 MiB is kept for the rest of the config',
        objectBytes: 1.5 * MiB,
        objectReason: 'etcd refuses objects over 1.5 MiB (--max-request-bytes)',
      }
    : {
        totalBytes: 4 * MiB - 256 * KiB,
        totalReason:
          "Talos <= 1.12 receives a new node's config through the maintenance API, limited to 4 MiB (gRPC default); 256 KiB are kept for the rest of the config",
        objectBytes: 1.5 * MiB,
        objectReason: 'etcd refuses objects over 1.5 MiB (--max-request-bytes)',
      };
}

/** `n` bytes as `1.5 MiB` / `512 KiB` / `12 B`, for messages. */
export function formatBytes(n: number): string {
  if (n >= MiB) return `${Number((n / MiB).toFixed(2))} MiB`;
  if (n >= KiB) return `${Number((n / KiB).toFixed(2))} KiB`;
  return `${n} B`;
}
