import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const SKIPPED = new Set(['node_modules', '.git', 'cdktf.out', '.build', 'coverage', 'access', '.rollout']);

/** `clusters/index.ts` of a fixture revision: the named export of __tests__/fixtures/review/revisions.ts. */
function clustersIndex(revision: string): string {
  return `import { ${revision} } from '../__tests__/fixtures/review/revisions';\nexport const clusters = [${revision}];\n`;
}

/** A throw-away git repository holding a copy of the project whose committed clusters are the base fixture. */
function projectRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cli-'));
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !SKIPPED.has(path.basename(src)) || path.dirname(src) !== root });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'clusters', 'index.ts'), clustersIndex('base'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=review test', '-c', 'user.email=review@test.invalid', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base revision');
  return dir;
}

function review(dir: string, ...args: string[]) {
  const env = { ...process.env, PROXMOX_VE_API_TOKEN: 'review@pve!ci=do-not-leak' } as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, ['scripts/run-ts.mjs', 'review/cli.ts', ...args], { cwd: dir, env, encoding: 'utf8' });
}

describe('npm run review (CLI on a git repository)', () => {
  let dir = '';
  beforeAll(() => {
    dir = projectRepo();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('defines the report of the working tree against the base ref and removes its worktree', () => {
    // GIVEN the working tree bumps Talos and gives a worker another VM ID
    fs.writeFileSync(path.join(dir, 'clusters', 'index.ts'), clustersIndex('talosBumpAndReplacedWorker'));
    const out = path.join(dir, 'report.md');
    // WHEN
    const run = review(dir, '--base', 'HEAD', '--out', out);
    // THEN
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = fs.readFileSync(out, 'utf8');
    expect(report).toBe(run.stdout);
    expect(report).toMatch(/^# Cluster review\n\nBase: `HEAD` \([0-9a-f]{7}\) · Head: working tree\n/);
    expect(report).toContain('| Talos | `v1.13.8` | `v1.13.9` |');
    expect(report).toContain('**`review-worker-2` is re-created**');
    expect(report).not.toContain('do-not-leak');
    expect(execFileSync('git', ['worktree', 'list'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')).toHaveLength(1);
  });

  test('fails when the head does not validate, with its errors in the report', () => {
    // GIVEN
    fs.writeFileSync(path.join(dir, 'clusters', 'index.ts'), clustersIndex('invalid'));
    // WHEN
    const run = review(dir, '--base', 'HEAD');
    // THEN
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('**❌ The head does not validate');
    expect(run.stdout).toMatch(/network\.gateway = "10\.0\.0\.1": is outside the node network/);
  });

  test('defines every cluster as new when the base does not synthesize, comparing two refs', () => {
    // GIVEN a commit whose cluster definitions do not validate
    fs.writeFileSync(path.join(dir, 'clusters', 'index.ts'), clustersIndex('invalid'));
    execFileSync('git', ['-c', 'user.name=review test', '-c', 'user.email=review@test.invalid', 'commit', '-q', '-am', 'invalid revision'], {
      cwd: dir,
    });
    // WHEN the invalid commit is the base and the commit before it the head
    const run = review(dir, '--base', 'HEAD', '--head', 'HEAD~1');
    // THEN
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Base: `HEAD` \([0-9a-f]{7}\) · Head: `HEAD~1` \([0-9a-f]{7}\)/);
    expect(run.stdout).toMatch(
      /\*\*The base did not synthesize\*\* \(`cdktf synth` of the base failed: .*network\.gateway.*\), so nothing can be compared: the cluster is shown as if it were new \(5 VMs\)\./,
    );
    expect(execFileSync('git', ['worktree', 'list'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')).toHaveLength(1);
  });

  test('fails when the base ref does not exist, with a usage error', () => {
    // GIVEN / WHEN
    const run = review(dir, '--base', 'no-such-branch');
    // THEN
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot resolve "no-such-branch"/);
  });
});
