/**
 * `npm run synth` / `cdktf synth` (both run main.ts, see repository-contracts) on other cluster lists than the
 * example: README "Validation" promises that all problems of all clusters are printed together and that synth exits
 * 1 writing nothing; warnings are printed without stopping synth, and every cluster gets its own stack.
 * main.ts runs unchanged in a throw-away copy of the project whose clusters/index.ts the test writes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const SKIPPED = new Set(['node_modules', '.git', 'cdktf.out', '.build', 'coverage', 'access', '.rollout', '__tests__']);
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the project whose clusters/index.ts exports `clusters` built by `body` (homelab is in scope). */
function projectWithClusters(body: string): string {
  const dir = tempDir('synth-exit-');
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !(SKIPPED.has(path.basename(src)) && path.dirname(src) === root) });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'clusters', 'index.ts'),
    `import { ClusterDefinition } from '../lib/cluster-definition';\nimport { homelab } from './homelab';\n\nexport const clusters: readonly ClusterDefinition[] = ${body};\n`,
  );
  return dir;
}

function synth(project: string) {
  const outdir = tempDir('synth-exit-out-');
  const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], {
    cwd: project,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  return { ...run, outdir };
}

/** A second, valid cluster beside the example: its own name, network and VM IDs, control planes all on pve1. */
const LAB = `{
  ...homelab,
  name: 'lab',
  vmIdBase: 9000,
  endpoint: { vip: '192.168.20.10' },
  network: { ...homelab.network, cidr: '192.168.20.0/24', gateway: '192.168.20.1', dnsServers: ['192.168.20.1'] },
  controlPlanes: { count: 3, firstIp: '192.168.20.11', hosts: ['pve1'] },
  workers: { count: 1, firstIp: '192.168.20.21' },
  addons: { cilium: { loadBalancerRange: '192.168.20.200-192.168.20.220' } },
}`;

afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('main.ts synth', () => {
  test('fails when definitions have errors: exit 1, every error of every cluster listed, nothing written', () => {
    // GIVEN two clusters with independent mistakes: a VIP outside the network and two control planes in one,
    // a malformed gateway in the other
    const project = projectWithClusters(`[
      { ...homelab, endpoint: { vip: '192.168.20.10' }, controlPlanes: { ...homelab.controlPlanes, count: 2 } },
      { ...${LAB}, network: { ...homelab.network, cidr: '192.168.20.0/24', gateway: '192.168.20.300' } },
    ]`);
    // WHEN
    const run = synth(project);
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error homelab: endpoint\.vip = "192\.168\.20\.10": .*Fix: /m);
    expect(run.stderr).toMatch(/^error homelab: controlPlanes\.count = 2: .*Fix: /m);
    expect(run.stderr).toMatch(/^error lab: network\.gateway = "192\.168\.20\.300": .*Fix: /m);
    expect(run.stderr.trim().split('\n').at(-1)).toBe('synth failed: fix the errors above; nothing was written.');
    expect(fs.readdirSync(run.outdir)).toEqual([]);
  });

  test('defines one stack per cluster and prints warnings without failing', () => {
    // GIVEN the example and a second cluster whose control planes all run on one host
    const project = projectWithClusters(`[homelab, ${LAB}]`);
    // WHEN
    const run = synth(project);
    // THEN
    expect(run.stderr).toMatch(/^warning lab: controlPlanes\.hosts = "pve1": .*every control plane on pve1/m);
    expect(run.stderr).not.toMatch(/^error /m);
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(run.outdir, 'stacks')).sort()).toEqual(['homelab', 'lab']);
    for (const stack of ['homelab', 'lab']) expect(fs.existsSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
  });
});
