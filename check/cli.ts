/**
 * `npm run check [-- STACK.json…]`: the offline validator of synthesized stacks (default
 * `cdktf.out/stacks/*\/cdk.tf.json`). Every provider, resource and data block against the vendored provider schema
 * facts, and every Talos document against the Talos schema of its contract. One line per problem naming the stack,
 * the path and the fix; exit 1 on any problem, 2 when there is nothing to check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem } from '../lib/problems';
import { loadProviderFacts } from './schema-facts';
import { checkTalosDocuments } from './talos-documents';
import { checkStackSchema, JsonObject } from './tf-schema';

function stackFiles(args: readonly string[]): string[] {
  if (args.length) return [...args];
  const dir = path.resolve('cdktf.out', 'stacks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((s) => path.join(dir, s, 'cdk.tf.json'))
    .filter((f) => fs.existsSync(f));
}

const files = stackFiles(process.argv.slice(2));
if (!files.length) {
  console.error('check: no stack to check. Fix: run `npm run synth` first, or name cdk.tf.json files');
  process.exit(2);
}
const facts = loadProviderFacts();
let problems = 0;
for (const file of files) {
  const name = path.relative(process.cwd(), file);
  let stack: JsonObject;
  try {
    stack = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
  } catch (e) {
    console.log(`error ${name}: cannot read it as JSON (${(e as Error).message}). Fix: synthesize again`);
    problems++;
    continue;
  }
  const schema = checkStackSchema(stack, facts);
  const talos = checkTalosDocuments(stack);
  for (const p of [...schema.problems, ...talos.problems]) console.log(formatProblem(name, p));
  problems += schema.problems.length + talos.problems.length;
  console.log(
    `${name}: ${schema.blocksChecked} block(s) against provider schemas, ${talos.documents} Talos document(s): ${schema.problems.length + talos.problems.length} problem(s)`,
  );
}
process.exit(problems ? 1 : 0);
