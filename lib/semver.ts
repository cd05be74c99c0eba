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
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

/** `v1.13` for any 1.13.x version; undefined when malformed. */
export function minorOf(text: string): string | undefined {
  const v = parseVersion(text);
  return v ? `v${v.major}.${v.minor}` : undefined;
}

/** Compares two parsed versions by major, minor, patch; a pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || (a.pre === b.pre ? 0 : a.pre === '' ? 1 : b.pre === '' ? -1 : a.pre < b.pre ? -1 : 1);
}

/** Minor-version distance `to - from` when both share the major version (Talos and Kubernetes are 1.x). */
export function minorDistance(from: Version, to: Version): number {
  return (to.major - from.major) * 1000 + (to.minor - from.minor);
}
