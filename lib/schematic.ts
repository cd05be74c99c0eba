/**
 * Talos Image Factory schematics, computed offline. The factory identifies a schematic by the sha256 of its
 * canonical YAML (go-yaml with 4-space indentation, empty fields omitted, field order fixed, list order kept);
 * this module writes that exact YAML with the `yaml` package, so the ID is known at synth time and the boot image,
 * the installer image and the factory registration all use the same one. Pure: no CDKTF.
 */
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';

/** The official extension that lets Proxmox talk to the guest; the VMs enable the agent only when it is present. */
export const QEMU_GUEST_AGENT_EXTENSION = 'siderolabs/qemu-guest-agent';

/** What a schematic is built from (a `ClusterPlan` fits). */
export interface SchematicInput {
  /** Official extensions (`siderolabs/<name>`), in schematic order. */
  readonly extensions: readonly string[];
  /** Extra kernel arguments, in order. */
  readonly extraKernelArgs: readonly string[];
}

/** The schematic document, shaped like the factory's: only the fields this project sets. */
export interface SchematicDocument {
  readonly customization: {
    readonly extraKernelArgs?: readonly string[];
    readonly systemExtensions?: { readonly officialExtensions: readonly string[] };
  };
}

/** A schematic with its canonical YAML and ID. */
export interface Schematic {
  readonly document: SchematicDocument;
  /** Canonical YAML, byte for byte what the factory hashes and returns. */
  readonly yaml: string;
  /** sha256 hex of `yaml`: the factory's schematic ID. */
  readonly id: string;
  /** True when the extensions include `siderolabs/qemu-guest-agent`. */
  readonly hasGuestAgent: boolean;
}

/** A value that cannot go into a schematic, with where it came from. */
export interface SchematicValueProblem {
  /** Definition path, e.g. `talos.extraKernelArgs[1]`. */
  readonly path: string;
  readonly value: string;
  readonly message: string;
  readonly fix: string;
}

/** Serializer options that reproduce go-yaml's canonical output (4 spaces, indented sequences, no folding). */
const CANONICAL_YAML = { indent: 4, indentSeq: true, lineWidth: 0, minContentWidth: 0 } as const;

/** First characters YAML reserves as indicators: a scalar starting with one is quoted by go-yaml. */
const INDICATOR_FIRST = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/**
 * True when both go-yaml and the `yaml` package write `value` as the same plain (unquoted) scalar, so the
 * canonical YAML, and thus the ID, cannot differ between them. Anything else is refused rather than guessed.
 */
export function isCanonicalPlainScalar(value: string): boolean {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) return false;
  const first = value[0];
  if (INDICATOR_FIRST.has(first) && !(first === '-' && value.length > 1 && value[1] !== '-')) return false;
  if (value.endsWith(':')) return false;
  // Words YAML 1.1 (go-yaml's resolver) or 1.2 reads as booleans, numbers, null or dates are quoted by go-yaml.
  try {
    if (parse(value, { version: '1.1' }) !== value || parse(value) !== value) return false;
  } catch {
    return false;
  }
  return stringify([value], CANONICAL_YAML) === `- ${value}\n`;
}

/** Every extension or kernel argument that cannot be written canonically; empty when the input is usable. */
export function schematicValueProblems(input: SchematicInput): SchematicValueProblem[] {
  const problems: SchematicValueProblem[] = [];
  input.extensions.forEach((value, i) => {
    if (!/^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/.test(value) || !isCanonicalPlainScalar(value)) {
      problems.push({
        path: `talos.extensions[${i}]`,
        value,
        message: 'is not an official Image Factory extension name',
        fix: `write it as <owner>/<name> in lowercase, e.g. "${QEMU_GUEST_AGENT_EXTENSION}" (list: https://factory.talos.dev/version/<talos version>/extensions/official)`,
      });
    }
  });
  input.extraKernelArgs.forEach((value, i) => {
    if (!isCanonicalPlainScalar(value)) {
      problems.push({
        path: `talos.extraKernelArgs[${i}]`,
        value,
        message: 'cannot be written as a plain YAML scalar, so its schematic ID cannot be computed offline',
        fix: 'use one argument per entry without spaces, quotes or a leading YAML indicator (e.g. "console=ttyS0,115200", "-talos.halt_if_installed"); avoid values YAML reads as booleans or numbers',
      });
    }
  });
  return problems;
}

/** The schematic document for `input` (empty lists are left out, as the factory does). */
export function schematicDocument(input: SchematicInput): SchematicDocument {
  return {
    customization: {
      ...(input.extraKernelArgs.length > 0 ? { extraKernelArgs: [...input.extraKernelArgs] } : {}),
      ...(input.extensions.length > 0 ? { systemExtensions: { officialExtensions: [...input.extensions] } } : {}),
    },
  };
}

/** Canonical YAML of a schematic document (`customization: {}` when nothing is customized). */
export function canonicalSchematicYaml(document: SchematicDocument): string {
  return stringify(document, CANONICAL_YAML);
}

/** The factory's schematic ID of canonical YAML: sha256, hex. */
export function schematicIdOf(yaml: string): string {
  return createHash('sha256').update(yaml, 'utf8').digest('hex');
}

/**
 * Builds the schematic of `input`. Throws when an extension or kernel argument cannot be written canonically
 * (the error names the field, the value and the fix).
 */
export function buildSchematic(input: SchematicInput): Schematic {
  const problems = schematicValueProblems(input);
  if (problems.length > 0) {
    throw new Error(`Talos image schematic: ${problems.map((p) => `${p.path} = ${JSON.stringify(p.value)} ${p.message}. Fix: ${p.fix}`).join('; ')}`);
  }
  const document = schematicDocument(input);
  const yaml = canonicalSchematicYaml(document);
  return { document, yaml, id: schematicIdOf(yaml), hasGuestAgent: input.extensions.includes(QEMU_GUEST_AGENT_EXTENSION) };
}
