/**
 * `npm run destroy -- <cluster>` (scripts/teardown.ts): runs `cdktf destroy <cluster>` through the private wrapper
 * with the teardown named in the environment, and the app then synthesizes that cluster — and only that one — with
 * its guards lifted. (The destroy itself, in order, runs under real Terraform in node-identity.integ.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(180000);

const root = path.resolve(__dirname, '..');

describe('npm run destroy', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('defines the teardown as cdktf deploy, then cdktf destroy, of the named cluster, with the teardown named and umask 077', () => {
    // GIVEN a cdktf stand-in on PATH that records how it was called
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teardown-'));
    dirs.push(dir);
    const record = path.join(dir, 'record.json');
    fs.writeFileSync(
      path.join(dir, 'cdktf'),
      `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), teardown: process.env.TALOS_CDKTF_TEARDOWN, umask: process.umask() }) + '\\n');\n`,
      { mode: 0o755 },
    );
    // WHEN the teardown runs as `npm run destroy -- homelab --auto-approve` runs it (npm would put the real cdktf of
    // node_modules/.bin first on PATH, so the script is started directly)
    const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(packageJson.scripts.destroy).toBe('node scripts/run-ts.mjs scripts/teardown.ts');
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/teardown.ts', 'homelab', '--auto-approve'], {
      cwd: root,
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    // THEN
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Tearing down cluster homelab');
    // (a deploy first stores the teardown's on-destroy settings in the state, then the destroy)
    const calls = fs
      .readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(calls).toEqual([
      { argv: ['deploy', 'homelab', '--auto-approve'], teardown: 'homelab', umask: 0o077 },
      { argv: ['destroy', 'homelab', '--auto-approve'], teardown: 'homelab', umask: 0o077 },
    ]);
  });

  test('fails without a cluster name', () => {
    const r = spawnSync('npm', ['run', '--silent', 'destroy'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run destroy -- <cluster>');
  });

  test('defines the synth of a teardown as the named cluster without prevent_destroy on its secrets and VMs', () => {
    // GIVEN the app synthesized as cdktf runs it, once normally and once for a teardown of homelab
    const synth = (env: Record<string, string>) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'teardown-synth-'));
      dirs.push(outdir);
      const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], {
        cwd: root,
        env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(r.stderr);
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/homelab/cdk.tf.json'), 'utf8'));
      const lifecycles = (type: string) => Object.values<any>(json.resource[type]).map((b) => b.lifecycle?.prevent_destroy === true);
      return { secrets: lifecycles('talos_machine_secrets'), vms: lifecycles('proxmox_virtual_environment_vm') };
    };
    // WHEN / THEN
    expect(synth({})).toEqual({ secrets: [true], vms: [true, true, true, true, true] });
    expect(synth({ TALOS_CDKTF_TEARDOWN: 'homelab' })).toEqual({ secrets: [false], vms: [false, false, false, false, false] });
  });
});
