/**
 * Every definition mistake of docs/definition-errors.md, in-process through what main.ts runs (stacks/synth-run.ts):
 * code 1, exactly the expected error lines and the closing line, nothing on stdout, nothing written. The real app
 * process runs the cases that need project files and a sample of these (definition-errors.integ.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSynth } from '../stacks/synth-run';
import { clustersOf, DEFINITION_CASES } from './support/definition-error-cases';

let scratch = '';
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'definition-errors-unit-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('definition errors of synth', () => {
  test.each(DEFINITION_CASES)('fails when $mistake', (c) => {
    // GIVEN the example project with one broken definition
    const outdir = path.join(scratch, 'cdktf.out');
    // WHEN synth runs
    const run = runSynth(clustersOf(c), { cwd: scratch, env: {}, outdir });
    // THEN code 1, exactly the expected error lines, then the closing line; nothing written
    expect(run.stderr.filter((l) => l.startsWith('error '))).toEqual(c.errors);
    expect(run.stderr.at(-1)).toBe('synth failed: fix the errors above; nothing was written.');
    expect(run.stdout).toEqual([]);
    expect(run.code).toBe(1);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('defines the stacks written and no next command under the cdktf CLI', () => {
    // GIVEN the example cluster list (the app process without the CLI also prints the next command: the integ test)
    const outdir = path.join(scratch, 'valid.out');
    // WHEN the cdktf CLI runs the app (it sets CDKTF_CONTEXT_JSON)
    const run = runSynth(clustersOf({ mistake: 'none', clusters: '[homelab]', errors: [] }), {
      cwd: scratch,
      env: { CDKTF_CONTEXT_JSON: '{}' },
      outdir,
    });
    // THEN code 0 and one line per stack, nothing else
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([expect.stringMatching(/^wrote .*stacks\/homelab\/cdk\.tf\.json: [1-9]\d* resources, [1-9]\d* data sources$/)]);
  });
});
