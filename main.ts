/**
 * CDKTF entry point: one stack per cluster in clusters/index.ts. Run by `npm run synth` and by `cdktf
 * synth|diff|deploy` (cdktf.json "app"). Exits 1, printing every problem and writing nothing, when a definition is
 * invalid; otherwise prints what it wrote and, outside the cdktf CLI, the next command (stacks/synth-run.ts).
 */
import { clusters } from './clusters';
import { runSynth } from './stacks/synth-run';

const run = runSynth(clusters, { cwd: process.cwd(), env: process.env });
for (const line of run.stderr) console.error(line);
for (const line of run.stdout) console.log(line);
process.exitCode = run.code;
