/**
 * .gen/cluster-definition.schema.json and its compiled validator .gen/cluster-definition.validate.js (what synth
 * validates definitions with) are generated from lib/cluster-definition.ts, the one source of the definition's
 * shape: a stale committed schema or validator fails here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function check(project: string) {
  return spawnSync(process.execPath, ['scripts/definition-schema.mjs', '--check'], { cwd: project, encoding: 'utf8' });
}

describe('definition schema', () => {
  test('defines the committed schema and validator as what lib/cluster-definition.ts generates', () => {
    // GIVEN the repository / WHEN
    const run = check(root);
    // THEN
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('fails when lib/cluster-definition.ts gained a field the committed schema lacks', () => {
    // GIVEN a copy of the generator's inputs with one more field in the definition
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'definition-schema-'));
    for (const item of [
      'lib',
      'scripts',
      '.gen/cluster-definition.schema.json',
      '.gen/cluster-definition.validate.js',
      'tsconfig.json',
      'package.json',
    ]) {
      fs.cpSync(path.join(root, item), path.join(dir, item), { recursive: true });
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const source = path.join(dir, 'lib', 'cluster-definition.ts');
    fs.writeFileSync(
      source,
      fs
        .readFileSync(source, 'utf8')
        .replace('  readonly bridge?: string;\n', '  readonly bridge?: string;\n  /** MTU. */\n  readonly mtu?: number;\n'),
    );
    try {
      // WHEN
      const run = check(dir);
      // THEN
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('.gen/cluster-definition.schema.json is stale');
      expect(run.stderr).toContain('.gen/cluster-definition.validate.js is stale');
      expect(run.stderr).toContain('Fix: npm run definition-schema');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
