/** Small helpers for the `vMAJOR.MINOR.PATCH` strings Talos and Kubernetes use. */

/** A parsed version; `pre` is the pre-release suffix (`rc.1`), empty for a release. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: string;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

/** Parses `v1.13.9`, `1.36.3`, `v1.13` (patch 0) or `v1.14.0-rc.1`; undefined when malformed. */
export function parseVersion(text: string): Version | undefined {
  if (typeof text !== 'string') return undefined;
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

/** `v1.13` for any 1.13.x version; undefined when malformed. */
export function minorOf(text: string): string | undefined {
  const v = parseVersion(text);
  return v ? `v${v.major}.${v.minor}` : undefined;
}

/** Orders pre-release suffixes the SemVer way: dot-separated, numeric parts numerically (`rc.2` < `rc.10`). */
function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : undefined;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : undefined;
    if (na !== undefined && nb !== undefined && na !== nb) return na - nb;
    if (na !== undefined && nb === undefined) return -1;
    if (na === undefined && nb !== undefined) return 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Compares two parsed versions by major, minor, patch; a pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

/** Minor-version distance `to - from` when both share the major version (Talos and Kubernetes are 1.x). */
export function minorDistance(from: Version, to: Version): number {
  return (to.major - from.major) * 1000 + (to.minor - from.minor);
}
