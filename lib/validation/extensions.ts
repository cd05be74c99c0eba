/**
 * Rule for the schematic's system extensions: each one an official Image Factory extension of the nodes' Talos
 * minor (lib/facts). A typo would otherwise pass synth and fail at deploy, and a misspelled
 * `siderolabs/qemu-guest-agent` silently turns the QEMU agent off on every VM. Entries that are not even
 * `<owner>/<name>` are reported by the schematic rules (lib/schematic.ts).
 */
import { distance } from 'fastest-levenshtein';
import { EXTENSIONS_DATE, officialExtensionsOf } from '../facts';
import { minorOf } from '../semver';
import { error, Problem } from '../problems';
import { ValidationContext } from './context';

const EXTENSION_NAME = /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;

/**
 * Up to three official names closest to `name`: those sharing its words first, earlier words weighing more (in
 * `nvidia-drivers`, `nvidia` says more than `drivers`), then by edit distance.
 */
export function similarExtensions(name: string, official: readonly string[]): string[] {
  const words = name
    .replace(/^[^/]*\//, '')
    .split(/[-_.]/)
    .filter((w) => w.length >= 3);
  const shared = (candidate: string) => words.reduce((sum, w, i) => sum + (candidate.includes(w) ? 1 / (i + 1) : 0), 0);
  return [...official].sort((a, b) => shared(b) - shared(a) || distance(name, a) - distance(name, b)).slice(0, 3);
}

/** Every extension that is not an official extension of the nodes' Talos minor. */
export function extensionProblems(ctx: ValidationContext): Problem[] {
  const official = officialExtensionsOf(ctx.plan.talosVersion);
  if (!official) return [];
  const minor = minorOf(ctx.plan.talosVersion);
  return ctx.plan.extensions.flatMap((name, i) => {
    if (!EXTENSION_NAME.test(name) || official.includes(name)) return [];
    const [best, ...others] = similarExtensions(name, official);
    const fix =
      distance(name, best) <= 3
        ? `did you mean "${best}"?`
        : `use an official name such as ${[best, ...others].map((n) => `"${n}"`).join(', ')} (list: https://factory.talos.dev/version/${ctx.plan.talosVersion}/extensions/official)`;
    return [
      error(
        `talos.extensions[${i}]`,
        name,
        `is not an official Image Factory extension of Talos ${minor} (lib/facts, as of ${EXTENSIONS_DATE})`,
        fix,
      ),
    ];
  });
}
