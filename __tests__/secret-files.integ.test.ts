/**
 * Secrets at rest: the files Terraform and cdktf leave on the deploying machine (local state and its backup, plan
 * files, access files) are 0600. Real Terraform writes them, once through the project's wrapper
 * (scripts/private.ts, what `npm run deploy|diff|destroy|cdktf` run) and once without it under umask 022 (the
 * control: what a plain run leaves, and what the next synth or wrapper run narrows).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protectSecretFiles, secretFiles } from '../lib/secret-files';

jest.setTimeout(120000);

const root = path.resolve(__dirname, '..');
const STACK = 'cdktf.out/stacks/demo';

/** A project folder with one stack whose local state is `terraform.demo.tfstate` in the project root. */
function demoProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-files-'));
  fs.mkdirSync(path.join(dir, STACK), { recursive: true });
  fs.writeFileSync(path.join(dir, 'terraformrc'), '');
  fs.writeFileSync(
    path.join(dir, STACK, 'cdk.tf.json'),
    JSON.stringify({
      terraform: { backend: { local: { path: '../../../terraform.demo.tfstate' } } },
      resource: { terraform_data: { secret: { input: '${uuid()}' } } },
      output: { kubeconfig: { value: 'not really a kubeconfig', sensitive: true } },
    }),
  );
  return dir;
}

/** Runs `command` in `dir` with umask 022, as a login shell typically has; `viaWrapper` runs it through scripts/private.ts. */
function run(dir: string, command: readonly string[], viaWrapper: boolean): void {
  const argv = viaWrapper ? ['node', path.join(root, 'scripts/run-ts.mjs'), 'scripts/private.ts', ...command] : [...command];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'terraformrc') };
  const r = spawnSync('sh', ['-c', `umask 022 && exec ${quoted}`], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

function mode(file: string): string {
  return `0${(fs.statSync(file).mode & 0o777).toString(8)}`;
}

/** Mode of every secret file of the project, by relative path. */
function modes(dir: string): Record<string, string> {
  return Object.fromEntries(secretFiles(dir).map((f) => [path.relative(dir, f), mode(f)]));
}

const terraform = (...args: string[]) => ['terraform', `-chdir=${STACK}`, ...args];

describe('secret files under real Terraform', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('defines the state, its backup, the plan file and an outputs file written through the wrapper as 0600', () => {
    // GIVEN a project whose stack keeps local state in the project root
    const dir = demoProject();
    dirs.push(dir);

    // WHEN Terraform initializes, applies twice (the second apply backs up the first state), plans to a file as
    // `cdktf diff` does, and writes an outputs file into access/, each through the wrapper, under umask 022
    run(dir, terraform('init', '-input=false', '-no-color'), true);
    run(dir, terraform('apply', '-auto-approve', '-input=false', '-no-color', '-backup=../../../terraform.demo.tfstate.backup'), true);
    run(
      dir,
      terraform(
        'apply',
        '-auto-approve',
        '-input=false',
        '-no-color',
        '-replace=terraform_data.secret',
        '-backup=../../../terraform.demo.tfstate.backup',
      ),
      true,
    );
    run(dir, terraform('plan', '-input=false', '-no-color', '-out', 'plan', '-replace=terraform_data.secret'), true);
    run(dir, ['sh', '-c', `mkdir -p access/demo && terraform -chdir=${STACK} output -json > access/demo/outputs.json`], true);

    // THEN every file that holds the secret is 0600
    expect(modes(dir)).toEqual({
      'access/demo/outputs.json': '0600',
      'cdktf.out/stacks/demo/plan': '0600',
      'terraform.demo.tfstate': '0600',
      'terraform.demo.tfstate.backup': '0600',
    });
    expect(mode(path.join(dir, 'access/demo'))).toBe('0700');
  });

  test('defines a state and plan file left 0644 by a plain run as narrowed to 0600 by the next wrapper run', () => {
    // GIVEN a project where Terraform ran without the wrapper under umask 022
    const dir = demoProject();
    dirs.push(dir);
    run(dir, terraform('init', '-input=false', '-no-color'), false);
    run(dir, terraform('apply', '-auto-approve', '-input=false', '-no-color'), false);
    run(dir, terraform('plan', '-input=false', '-no-color', '-out', 'plan'), false);
    expect(modes(dir)).toEqual({ 'cdktf.out/stacks/demo/plan': '0644', 'terraform.demo.tfstate': '0644' });

    // WHEN anything runs through the wrapper
    run(dir, ['true'], true);

    // THEN the files are 0600, and a later plain apply keeps the state's mode
    expect(modes(dir)).toEqual({ 'cdktf.out/stacks/demo/plan': '0600', 'terraform.demo.tfstate': '0600' });
    run(dir, terraform('apply', '-auto-approve', '-input=false', '-no-color', '-replace=terraform_data.secret'), false);
    expect(mode(path.join(dir, 'terraform.demo.tfstate'))).toBe('0600');
  });
});

describe('protectSecretFiles', () => {
  test('defines state files, backups, plans, access files and a custom state path as secret, and leaves other files alone', () => {
    // GIVEN a project folder with secret and non-secret files, all 0644
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-files-'));
    try {
      const files = [
        'terraform.homelab.tfstate',
        'terraform.homelab.tfstate.backup',
        'review.tfplan',
        'cdktf.out/stacks/homelab/plan',
        'cdktf.out/stacks/homelab/cdk.tf.json',
        'access/homelab/kubeconfig',
        'state/lab.tfstate',
        'state/lab.tfstate.backup',
        'README.md',
      ];
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), 'x', { mode: 0o644 });
        fs.chmodSync(path.join(dir, f), 0o644);
      }

      // WHEN
      const changed = protectSecretFiles(dir, ['state/lab.tfstate']);

      // THEN
      expect(changed.map((c) => c.file).sort()).toEqual(files.filter((f) => !f.endsWith('cdk.tf.json') && f !== 'README.md').sort());
      expect(changed.every((c) => c.from === '0644')).toBe(true);
      expect(mode(path.join(dir, 'README.md'))).toBe('0644');
      expect(mode(path.join(dir, 'cdktf.out/stacks/homelab/cdk.tf.json'))).toBe('0644');
      expect(protectSecretFiles(dir, ['state/lab.tfstate'])).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('git-ignored secret files', () => {
  test('defines every secret file a deploy, a diff or an outputs command writes as ignored', () => {
    // GIVEN the paths of the files above for the example cluster
    const secret = [
      'terraform.homelab.tfstate',
      'terraform.homelab.tfstate.backup',
      '.terraform.tfstate.lock.info',
      'review.tfplan',
      'cdktf.out/stacks/homelab/plan',
      'access/homelab/outputs.json',
    ];
    // WHEN git reports which it ignores
    const out = execFileSync('git', ['check-ignore', '--no-index', ...secret], { cwd: root, encoding: 'utf8' });
    // THEN all of them
    expect(out.trim().split('\n').sort()).toEqual([...secret].sort());
  });
});
