/**
 * Terraform reads every string in its JSON configuration as a template: `${…}` interpolates and `%{…}` is a
 * directive. Text that must arrive verbatim (Helm values, rendered YAML) is escaped with this before it is
 * written as a literal. Pure.
 */

/** Escapes `${` as `$${` and `%{` as `%%{`, so Terraform yields `text` unchanged. */
export function escapeTemplateLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
