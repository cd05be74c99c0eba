/**
 * Every mistake in a definition or a values file gets a clear error from the real app process (`main.ts`, as
 * `npm run synth` and `cdktf synth` run it): exit 1, the exact problem lines (path, value, fix), no stack trace,
 * and no output folder. docs/definition-errors.md lists what is checked. The process runs the cases that need
 * project files (values files, edited sources) and a sample of the others; definition-errors.test.ts runs every
 * definition case in-process through the same function (stacks/synth-run.ts), where a case costs no process start
 * and no app bundle rebuild.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROKEN_CASES, BrokenCase, DEFINITION_CASES } from './support/definition-error-cases';

const root = path.resolve(__dirname, '..');
const SKIPPED = new Set(['node_modules', '.git', 'cdktf.out', '.build', 'coverage', 'access', '.rollout', '__tests__']);
let project = '';
let scratch = '';

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'definition-errors-'));
  project = path.join(scratch, 'project');
  fs.cpSync(root, project, { recursive: true, filter: (src) => !(SKIPPED.has(path.basename(src)) && path.dirname(src) === root) });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function synthBroken(c: BrokenCase) {
  const values = path.join(project, 'helm-values');
  const added = Object.keys(c.values ?? {});
  for (const [name, text] of Object.entries(c.values ?? {})) fs.writeFileSync(path.join(values, name), text);
  fs.writeFileSync(
    path.join(project, 'clusters', 'index.ts'),
    `import { homelab } from './homelab';\n\nexport const clusters: any = ${c.clusters};\n`,
  );
  const outdir = path.join(scratch, 'cdktf.out');
  const edited = c.edit && path.join(project, c.edit.file);
  const original = edited && fs.readFileSync(edited, 'utf8');
  if (edited && original !== undefined && c.edit) {
    if (!original.includes(c.edit.from)) throw new Error(`${c.edit.file} no longer contains ${c.edit.from}`);
    fs.writeFileSync(edited, original.replace(c.edit.from, c.edit.to));
  }
  try {
    const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], {
      cwd: project,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    const outdirExists = fs.existsSync(outdir) || fs.existsSync(path.join(project, 'cdktf.out'));
    fs.rmSync(outdir, { recursive: true, force: true });
    return { ...run, outdirExists };
  } finally {
    for (const name of added) fs.rmSync(path.join(values, name));
    if (edited && original !== undefined) fs.writeFileSync(edited, original);
  }
}

describe('definition errors through the real app', () => {
  test('defines what a successful synth wrote and the next command', () => {
    // GIVEN the example cluster / WHEN
    const run = synthBroken({ mistake: 'none', clusters: '[homelab]', errors: [] });
    // THEN
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [wrote, next, ...rest] = run.stdout.trim().split('\n');
    expect(wrote).toMatch(/^wrote .*stacks\/homelab\/cdk\.tf\.json: [1-9]\d* resources, [1-9]\d* data sources$/);
    expect(next).toBe(
      'next: npm run review -- --base main (offline report), or CHECKPOINT_DISABLE=1 npx cdktf diff homelab (needs Proxmox credentials)',
    );
    expect(rest).toEqual([]);
  });

  // Cases needing project files, plus the first and the last definition case (a misspelled key, a list entry that is
  // not a definition).
  const processCases = [...BROKEN_CASES.filter((c) => !DEFINITION_CASES.includes(c)), DEFINITION_CASES[0], DEFINITION_CASES.at(-1)!];

  test.each(processCases)('fails when $mistake', (c) => {
    // GIVEN the example project with one broken definition or values file / WHEN synth runs
    const run = synthBroken(c);
    // THEN exit 1, exactly the expected error lines, no stack trace, nothing written
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error '))).toEqual(c.errors);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr.trim().split('\n').at(-1)).toBe('synth failed: fix the errors above; nothing was written.');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
    expect(run.outdirExists).toBe(false);
  });
});
