#!/usr/bin/env node
// Measures synth: first the example (`npm run synth`, i.e. node scripts/run-ts.mjs main.ts, the process cdktf.json's
// app runs), then clusters of 5, 25 and 100 nodes: the whole process with the bundles reused (no source changed
// since the last run: the usual case) and with the app bundle rebuilt (a source changed: esbuild runs first; the
// vendor bundle of the packages stays), the in-process synth and peak memory.
//
//   npm run bench [-- --runs 5 --sizes 5,25,100]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '5,25,100' } } });
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0].model}, ${runs} runs each (+1 warm-up), median`);
const exampleOut = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-example-'));
const exampleWalls = [];
for (let i = 0; i <= runs; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['scripts/run-ts.mjs', 'main.ts'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: exampleOut }, stdio: 'pipe' });
  if (i > 0) exampleWalls.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first run is the warm-up
}
fs.rmSync(exampleOut, { recursive: true, force: true });
const bareWalls = [];
for (let i = 0; i <= runs; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0']);
  if (i > 0) bareWalls.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
// A bare node start, measured alongside: this machine's speed varies by a third from hour to hour.
console.log(`example (npm run synth): ${median(exampleWalls).toFixed(0)} ms process wall (a bare \`node -e 0\`: ${median(bareWalls).toFixed(0)} ms)`);
console.log('| nodes | process wall (ms) | process wall, app bundle rebuilt (ms) | in-process synth (ms) | peak RSS (MiB) | cdk.tf.json (KiB) |');
console.log('|---|---|---|---|---|---|');
const buildDir = path.join(root, '.build');
const dropBundles = () =>
  fs.existsSync(buildDir) &&
  fs
    .readdirSync(buildDir)
    .filter((f) => f.startsWith('bench-cluster-') && !f.startsWith('bench-cluster-vendor-'))
    .forEach((f) => fs.rmSync(path.join(buildDir, f)));
for (const nodes of values.sizes.split(',').map(Number)) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
  const walls = [];
  const coldWalls = [];
  const synths = [];
  const rss = [];
  const run = () => {
    const t0 = process.hrtime.bigint();
    const out = execFileSync(process.execPath, ['scripts/run-ts.mjs', 'bench/bench-cluster.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_NODES: String(nodes), BENCH_OUTDIR: outdir },
      encoding: 'utf8',
    });
    return { wall: Number(process.hrtime.bigint() - t0) / 1e6, line: JSON.parse(out.trim().split('\n').pop()) };
  };
  for (let i = 0; i <= runs; i++) {
    const { wall, line } = run();
    if (i === 0) continue; // warm-up
    walls.push(wall);
    synths.push(line.synthMs);
    rss.push(line.maxRssMiB);
  }
  for (let i = 0; i < runs; i++) {
    dropBundles();
    coldWalls.push(run().wall);
  }
  const size = fs.statSync(path.join(outdir, 'stacks', `bench-${nodes}`, 'cdk.tf.json')).size / 1024;
  console.log(
    `| ${nodes} | ${median(walls).toFixed(0)} | ${median(coldWalls).toFixed(0)} | ${median(synths).toFixed(0)} | ${median(rss).toFixed(0)} | ${size.toFixed(0)} |`,
  );
  fs.rmSync(outdir, { recursive: true, force: true });
}
