/**
 * Plan-time checks of the Talos version and extensions against the live Image Factory, as Terraform preconditions
 * on the schematic registration: the talos provider's `talos_image_factory_versions` and
 * `talos_image_factory_extensions_versions` data sources are read during plan, so a release or extension the
 * factory does not serve stops the plan before any VM is created or changed. Synth already checked both against
 * the committed facts (lib/facts); this catches what changed since. Pure: expressions only, no CDKTF.
 */

/** A Terraform precondition: an expression and the message shown when it is false. */
export interface Precondition {
  readonly condition: string;
  readonly errorMessage: string;
}

/** What the checks compare, and the Terraform expressions of what the factory reports. */
export interface FactoryCheckInput {
  /** Talos release of the nodes, e.g. `v1.13.9`. */
  readonly talosVersion: string;
  /** Official extensions of the schematic. */
  readonly extensions: readonly string[];
  /** Expression of the factory's Talos releases (a list of strings). */
  readonly versionsExpression: string;
  /** Expression of the names of the factory's official extensions that match (a list of strings). */
  readonly extensionNamesExpression: string;
}

const NOTHING_CHANGED = 'Nothing was created or changed: this check runs before any VM.';

/** Terraform's string literal of `text` (JSON's quoting is valid HCL; `${` and `%{` escaped). */
export function hclString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** The expression that is true when the factory serves `talosVersion`. */
export function talosVersionServed(input: Pick<FactoryCheckInput, 'talosVersion' | 'versionsExpression'>): string {
  return `contains(${input.versionsExpression}, ${hclString(input.talosVersion)})`;
}

/** The preconditions: the Talos release exists, and (when it does) every extension exists for it. */
export function factoryPreconditions(input: FactoryCheckInput): Precondition[] {
  const served = talosVersionServed(input);
  const version: Precondition = {
    condition: `\${${served}}`,
    errorMessage: `The Image Factory serves no Talos release ${input.talosVersion} (talos.version in the cluster definition), so there is no boot image or installer for it. Fix: use a release listed at https://factory.talos.dev/versions. ${NOTHING_CHANGED}`,
  };
  if (input.extensions.length === 0) return [version];
  const missing = `setsubtract([${input.extensions.map(hclString).join(', ')}], ${input.extensionNamesExpression})`;
  const extensions: Precondition = {
    condition: `\${!${served} || length(${missing}) == 0}`,
    errorMessage: `The Image Factory has no official extension \${join(", ", ${missing})} for Talos ${input.talosVersion} (talos.extensions in the cluster definition). Fix: use names listed at https://factory.talos.dev/version/${input.talosVersion}/extensions/official. ${NOTHING_CHANGED}`,
  };
  return [version, extensions];
}
