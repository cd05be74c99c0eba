/**
 * CDKTF entry point: one stack per cluster in clusters/index.ts. Run by `npm run synth` and by `cdktf
 * synth|diff|deploy` (cdktf.json "app"). Exits non-zero, printing every problem, when a definition is invalid.
 * Before anything else it narrows secret-bearing files a previous run left readable by others (state, plans,
 * access files) to 0600.
 */
import { clusters } from './clusters';
import { describeProtected, protectSecretFiles } from './lib/secret-files';
import { synthesizeClusters } from './stacks/cluster-app';

const customStateFiles = clusters.flatMap((c) => (c.state?.type === 'local' && c.state.path ? [c.state.path] : []));
for (const line of describeProtected(protectSecretFiles(process.cwd(), customStateFiles))) console.error(line);
const result = synthesizeClusters(clusters);
for (const line of result.messages) console.error(line);
if (!result.ok) {
  console.error(`synth failed: fix the errors above; nothing was written.`);
  process.exit(1);
}
