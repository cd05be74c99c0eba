#!/usr/bin/env node
// `npm test`'s first step: the type-check and the linter, side by side. Each is single-threaded, so on two cores
// running them together saves the shorter one's time (a fresh checkout: ~20 s each; docs/maintenance.md "Test
// time"). Each one's output is printed whole once it ends; the exit code is 1 when either failed.
//
//   node scripts/static-checks.mjs     (run by `npm test`, which puts node_modules/.bin on PATH)
import { spawn } from 'node:child_process';

/** The checks: the strict type-check of every file (incremental, its state under node_modules/.cache) and `npm run lint`. */
const CHECKS = [
  { name: 'tsc', command: 'tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/tsc/tsbuildinfo' },
  { name: 'lint', command: 'npm run --silent lint' },
];

function run({ name, command }) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.on('close', (code) => {
      const text = Buffer.concat(output).toString();
      if (code !== 0) process.stderr.write(`${name} failed (${command}):\n`);
      if (text) (code === 0 ? process.stdout : process.stderr).write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
