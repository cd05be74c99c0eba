/**
 * `npm run review` against the repository's first commit (a base from before the summary had a format, or even a
 * synth): a report and exit 0, never a stack trace. Needs the repository's history (a full clone).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

describe('npm run review against the first commit', () => {
  test('defines a report for the first commit as base', () => {
    // GIVEN the repository's first commit
    const first = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim().split('\n')[0];
    // WHEN the review runs against it (the head is the working tree)
    const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'review/cli.ts', '--base', first], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    // THEN
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Cluster review\n\nBase: `[0-9a-f]{40}` \([0-9a-f]{7}\) · Head: working tree\n/);
    expect(run.stdout).toContain('## Cluster `homelab`');
  });
});
