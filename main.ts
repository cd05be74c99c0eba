/**
 * CDKTF entry point: one stack per cluster in clusters/index.ts. Run by `npm run synth` and by `cdktf
 * synth|diff|deploy` (cdktf.json "app"). Exits non-zero, printing every problem, when a definition is invalid.
 */
import { clusters } from './clusters';
import { synthesizeClusters } from './stacks/cluster-app';

const result = synthesizeClusters(clusters);
for (const line of result.messages) console.error(line);
if (!result.ok) {
  console.error(`synth failed: fix the errors above; nothing was written.`);
  process.exit(1);
}
