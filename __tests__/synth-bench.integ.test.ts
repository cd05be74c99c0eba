/**
 * bench/synth-bench.mjs (`npm run bench`) runs and reports what README "Synth speed" shows. Only that it works and
 * what it reports is asserted here; the numbers are measured, never asserted (house rule).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

describe('npm run bench', () => {
  test("defines the example's process time, then one row per requested cluster size with process time (bundles reused, app bundle rebuilt), synth time, peak RSS and output size", () => {
    // GIVEN the smallest useful run: one 4-node cluster (3 control planes, 1 worker), one measured run
    // WHEN
    const out = execFileSync(process.execPath, ['bench/synth-bench.mjs', '--runs', '1', '--sizes', '4'], { cwd: root, encoding: 'utf8' });
    // THEN
    const lines = out.trim().split('\n');
    expect(lines[1]).toMatch(/^example \(npm run synth\): [1-9]\d* ms process wall \(a bare `node -e 0`: [1-9]\d* ms\)$/);
    expect(lines[2]).toBe(
      '| nodes | process wall (ms) | process wall, app bundle rebuilt (ms) | in-process synth (ms) | peak RSS (MiB) | cdk.tf.json (KiB) |',
    );
    expect(lines.slice(4)).toEqual([expect.stringMatching(/^\| 4 \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \| [1-9]\d* \|$/)]);
  });

  test('defines the cluster sizes of the README table as the default sizes', () => {
    // GIVEN
    const bench = fs.readFileSync(path.join(root, 'bench', 'synth-bench.mjs'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'docs', 'maintenance.md'), 'utf8');
    // WHEN
    const defaults = /sizes: \{ type: 'string', default: '([\d,]+)' \}/.exec(bench)?.[1].split(',');
    const section = readme.slice(readme.indexOf('\n## Synth speed\n'), readme.indexOf('\n## What is tested here'));
    const rows = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => m[1]);
    // THEN
    expect(defaults).toEqual(['5', '25', '100']);
    expect(rows).toEqual(defaults);
  });
});
