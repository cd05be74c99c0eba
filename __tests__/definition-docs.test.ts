/**
 * The definition type documents itself and the docs agree with the code: every optional field of every interface in
 * lib/cluster-definition.ts carries a JSDoc `@default`, and the defaults docs/definition.md states are the ones
 * the plan applies.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { DEFAULT_VM_ID_BASE, ROLE_DEFAULTS } from '../lib/cluster-plan';

const root = path.resolve(__dirname, '..');
const file = path.join(root, 'lib', 'cluster-definition.ts');
const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

/** `Interface.field` of every optional property signature, with whether its JSDoc has a `@default` tag. */
function optionalFields(): { name: string; hasDefault: boolean }[] {
  const out: { name: string; hasDefault: boolean }[] = [];
  const visit = (node: ts.Node, owner?: string) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) owner = node.name.text;
    if (ts.isPropertySignature(node) && node.questionToken) {
      const tags = ts.getJSDocTags(node).map((t) => t.tagName.text);
      out.push({ name: `${owner}.${node.name.getText(source)}`, hasDefault: tags.includes('default') });
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  visit(source);
  return out;
}

const docs = fs.readFileSync(path.join(root, 'docs', 'definition.md'), 'utf8').replace(/\s+/g, ' ');

describe('lib/cluster-definition.ts', () => {
  test('defines a @default on every optional field', () => {
    // GIVEN / WHEN
    const fields = optionalFields();
    // THEN
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => !f.hasDefault).map((f) => f.name)).toEqual([]);
  });
});

describe('docs/definition.md', () => {
  test('defines the per-role sizes and the VM ID base the plan applies', () => {
    // GIVEN the code's defaults / WHEN the doc's sentences are read / THEN
    const cp = ROLE_DEFAULTS.controlplane;
    const w = ROLE_DEFAULTS.worker;
    expect(docs).toContain(
      `control plane ${cp.cores} cores / ${cp.memoryGiB} GiB / ${cp.diskGiB} GiB, worker ${w.cores} / ${w.memoryGiB} / ${w.diskGiB}`,
    );
    expect(docs).toContain(`\`vmIdBase\` (${DEFAULT_VM_ID_BASE})`);
  });
});
