import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'app-synth-'));
}

describe('the example app (main.ts)', () => {
  const outdir = tempDir();
  let stackFile = '';

  beforeAll(() => {
    // WHEN the app runs the way `npm run synth` and `cdktf synth` run it, with no credentials
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    for (const k of Object.keys(env)) if (k.startsWith('PROXMOX_VE_') || k.startsWith('TF_VAR_')) delete env[k];
    execFileSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], { cwd: root, env, stdio: 'pipe' });
    stackFile = path.join(outdir, 'stacks', 'homelab', 'cdk.tf.json');
  });

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('defines one stack per cluster with its review summary', () => {
    // GIVEN / WHEN the app synthesized in beforeAll
    // THEN
    expect(fs.existsSync(stackFile)).toBe(true);
    const summary = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'homelab', 'cluster-summary.json'), 'utf8'));
    expect(summary.nodes.map((n: { name: string }) => n.name)).toEqual([
      'homelab-cp-1',
      'homelab-cp-2',
      'homelab-cp-3',
      'homelab-worker-1',
      'homelab-worker-2',
    ]);
  });

  test('defines Terraform JSON that passes `npm run check` (provider schemas and Talos documents)', () => {
    // GIVEN the stack synthesized in beforeAll
    // WHEN the project's own offline check runs on it
    const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'check/cli.ts', stackFile], { cwd: root, encoding: 'utf8' });
    // THEN every document counted: 24 patches plus each node's VM-instance annotation (5 nodes)
    expect(run.stdout).toMatch(/: [1-9]\d* block\(s\) against provider schemas, 29 Talos document\(s\): 0 problem\(s\)\n$/);
    expect(run.status).toBe(0);
  });

  test('defines no secret and no machine-specific path in the synthesized JSON', () => {
    // GIVEN the stack synthesized in beforeAll
    // WHEN its JSON is read as text
    const text = fs.readFileSync(stackFile, 'utf8');
    // THEN
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|PROXMOX_VE_API_TOKEN=|password/i);
    expect(text).not.toContain(root);
  });
});

describe('an invalid cluster definition', () => {
  test('fails when the definition has errors, listing all of them and writing nothing', () => {
    // GIVEN a definition with a VIP outside the network, a malformed gateway and two control planes
    const outdir = tempDir();
    // WHEN
    const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', '__tests__/fixtures/invalid-cluster-app.ts'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/endpoint\.vip = "192\.168\.20\.10"/);
    expect(run.stderr).toMatch(/network\.gateway = "192\.168\.10\.300"/);
    expect(run.stderr).toMatch(/controlPlanes/);
    expect(fs.readdirSync(outdir)).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
