/**
 * Finds every Talos config document a synthesized stack sends (the `config_patches` of
 * `data.talos_machine_configuration` and `talos_machine_configuration_apply`) and validates each against the
 * Talos schema of its config contract (`talos_version` of the machine configuration it belongs to).
 *
 * A patch is literal YAML, or an expression such as `${yamlencode({...})}`. Expressions are evaluated by real
 * Terraform (`terraform console`) after every reference to another object (`data.…`, `local.…`, a resource) is
 * replaced by a placeholder string: the document's shape is known at synth, only contents come from elsewhere.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Problem, errorAt } from '../lib/problems';
import { validateTalosYaml } from './talos-schema';

type JsonObject = Record<string, unknown>;

/** One patch to validate: where it is, its contract, and its text (YAML, or an expression to evaluate). */
export interface TalosPatch {
  readonly path: string;
  readonly contract: string;
  readonly text: string;
}

const REFERENCE = /\b(?:data\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|local|var|[a-z0-9]+_[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+|\[[^\]]*\])*/g;
const PLACEHOLDER = '"placeholder"';

/** Every config patch of the stack with the contract it is written for. */
export function talosPatches(stack: JsonObject): TalosPatch[] {
  const configs = ((stack.data as JsonObject | undefined)?.talos_machine_configuration ?? {}) as Record<string, JsonObject>;
  const applies = ((stack.resource as JsonObject | undefined)?.talos_machine_configuration_apply ?? {}) as Record<string, JsonObject>;
  const out: TalosPatch[] = [];
  const add = (where: string, contract: string, patches: unknown) => {
    if (!Array.isArray(patches)) return;
    patches.forEach((text, i) => typeof text === 'string' && out.push({ path: `${where}.config_patches[${i}]`, contract, text }));
  };
  for (const [name, body] of Object.entries(configs))
    add(`data.talos_machine_configuration.${name}`, String(body.talos_version ?? ''), body.config_patches);
  for (const [name, body] of Object.entries(applies)) {
    const input = /data\.talos_machine_configuration\.([A-Za-z0-9_-]+)\./.exec(String(body.machine_configuration_input ?? ''));
    const contract = input ? String(configs[input[1]]?.talos_version ?? '') : '';
    add(`resource.talos_machine_configuration_apply.${name}`, contract, body.config_patches);
  }
  return out;
}

/** The HCL expression of a patch that is exactly one interpolation (`${…}`), references replaced; else undefined. */
export function patchExpression(text: string): string | undefined {
  const m = /^\$\{([\s\S]*)\}$/.exec(text.trim());
  if (!m || m[1].includes('${')) return undefined;
  // String literals keep their contents; references outside them become placeholders.
  return m[1].replace(
    /("(?:[^"\\]|\\.)*")|([^"]+)/g,
    (_all, literal: string | undefined, code: string | undefined) => literal ?? code!.replace(REFERENCE, PLACEHOLDER),
  );
}

/**
 * Evaluates HCL expressions with `terraform console` in an empty folder; each result as YAML or JSON text. All of
 * them go in one line, as one tuple: fed several lines on stdin, `terraform console` (1.11) prints the result of the
 * last one only.
 */
export function evaluateWithTerraform(
  expressions: readonly string[],
  terraform = process.env.TERRAFORM_BINARY_NAME || 'terraform',
): (string | Error)[] {
  if (!expressions.length) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-console-'));
  try {
    // nonsensitive(): a patch may be wrapped in sensitive() to keep it out of plan output.
    const input = `nonsensitive(jsonencode([${expressions.map((e) => e.replace(/\n/g, ' ')).join(', ')}]))`;
    const run = spawnSync(terraform, ['console'], {
      cwd: dir,
      input: `${input}\n`,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    if (run.error) return expressions.map(() => new Error(`cannot run ${terraform}: ${run.error!.message}`));
    const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
    if (run.status !== 0 || lines.length !== 1) {
      return expressions.map(() => new Error(`terraform console failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ')}`));
    }
    // console prints an HCL string literal (JSON-compatible escapes, plus `$${` and `%%{` for template sequences)
    // holding jsonencode's text of the tuple; a string result (yamlencode's YAML) is returned as is, anything else as JSON.
    const values = JSON.parse((JSON.parse(lines[0]) as string).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as unknown[];
    return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Problems of every Talos document in the stack; `documents` counts what was validated. */
export function checkTalosDocuments(stack: JsonObject): { problems: Problem[]; documents: number } {
  const patches = talosPatches(stack);
  const problems: Problem[] = [];
  const literal = patches.filter((p) => !p.text.includes('${'));
  const evaluated = patches.filter((p) => p.text.includes('${'));
  const expressions = evaluated.map((p) => patchExpression(p.text));
  const results = evaluateWithTerraform(expressions.filter((e): e is string => e !== undefined));
  let documents = 0;
  const validate = (p: TalosPatch, yamlOrJson: string) => {
    if (!/^v?\d+\.\d+/.test(p.contract)) {
      problems.push(
        errorAt(`${p.path}`, p.contract, 'has no Talos config contract to validate against', 'set talos_version on its talos_machine_configuration'),
      );
      return;
    }
    documents += yamlOrJson.split(/^---$/m).filter((d) => d.trim()).length;
    problems.push(...validateTalosYaml(yamlOrJson, p.contract).map((q) => ({ ...q, path: `${p.path}: ${q.path}` })));
  };
  for (const p of literal) validate(p, p.text);
  let next = 0;
  evaluated.forEach((p, i) => {
    if (expressions[i] === undefined) {
      problems.push(
        errorAt(
          p.path,
          p.text.slice(0, 80),
          'mixes literal YAML and expressions; the checker cannot know its documents',
          'write the patch as literal YAML or as one ${yamlencode(...)}',
        ),
      );
      return;
    }
    const result = results[next++];
    if (result instanceof Error)
      problems.push(errorAt(p.path, p.text.slice(0, 80), `could not be evaluated (${result.message})`, 'put terraform (1.11) on PATH'));
    else validate(p, result);
  });
  return { problems, documents };
}
