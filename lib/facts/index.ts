/**
 * Release facts, as of a date: the Talos releases of each minor, the newest Kubernetes release, and the official
 * Image Factory system extensions of each Talos minor. The JSON files beside this module are rewritten by
 * `npm run refresh-facts` (scripts/refresh-facts.mjs, which asks the Image Factory); docs/definition-errors.md says
 * how they are kept fresh. Synth checks definitions against them; at plan time the stack checks the same things
 * against the live factory (constructs/talos-image.ts).
 */
import extensions from './extensions.json';
import releases from './releases.json';
import { compareVersions, minorOf, parseVersion } from '../semver';

/** The date the facts were taken, `YYYY-MM-DD`. */
export const FACTS_DATE: string = releases.asOf;

/** Date of the extension list, `YYYY-MM-DD`. */
export const EXTENSIONS_DATE: string = extensions.asOf;

const TALOS_RELEASES: Readonly<Record<string, readonly string[]>> = releases.talos;
const OFFICIAL_EXTENSIONS: Readonly<Record<string, readonly string[]>> = extensions.extensions;

/** The newest Kubernetes release known on `FACTS_DATE`, e.g. `1.36.3`. */
export const KUBERNETES_NEWEST: string = releases.kubernetesNewest;

/** Every known release of a Talos minor (`v1.13`), oldest first; undefined when the facts do not cover it. */
export function talosReleasesOf(minor: string): readonly string[] | undefined {
  return TALOS_RELEASES[minor];
}

/** The newest known release of a Talos minor (pre-releases count only when the minor has no release yet). */
export function newestTalosRelease(minor: string): string | undefined {
  const known = TALOS_RELEASES[minor] ?? [];
  const stable = known.filter((v) => parseVersion(v)?.pre === '');
  return (stable.length > 0 ? stable : known).at(-1);
}

/** The official extensions of the Talos minor of `talosVersion`; undefined when the facts do not cover it. */
export function officialExtensionsOf(talosVersion: string): readonly string[] | undefined {
  const minor = minorOf(talosVersion);
  return minor ? OFFICIAL_EXTENSIONS[minor] : undefined;
}

/** How a Talos version relates to the known releases. */
export type TalosReleaseStatus =
  /** A known release. */
  | { readonly kind: 'released' }
  /** Newer than the newest known release of its minor, by a few patches: maybe released since `FACTS_DATE`. */
  | { readonly kind: 'unreleased'; readonly newest: string }
  /** Not a release: older than the newest known one but not among them, or far beyond it. */
  | { readonly kind: 'missing'; readonly newest: string }
  /** The facts do not cover the minor. */
  | { readonly kind: 'uncovered' };

/** Patches a version may be ahead of the newest known one and still count as possibly released since. */
export const PATCH_SLACK = 3;

/** Where `talosVersion` (`v1.13.9`) stands against the known releases. */
export function talosReleaseStatus(talosVersion: string): TalosReleaseStatus {
  const minor = minorOf(talosVersion);
  const known = minor ? TALOS_RELEASES[minor] : undefined;
  const newest = minor ? newestTalosRelease(minor) : undefined;
  const version = parseVersion(talosVersion);
  if (!known || !newest || !version) return { kind: 'uncovered' };
  if (known.includes(talosVersion)) return { kind: 'released' };
  const top = parseVersion(newest)!;
  if (compareVersions(version, top) < 0) return { kind: 'missing', newest };
  const ahead = top.pre === '' ? version.patch - top.patch : version.patch + 1;
  return ahead <= PATCH_SLACK ? { kind: 'unreleased', newest } : { kind: 'missing', newest };
}
