/**
 * CDKTF entry point: one stack per cluster in clusters/index.ts. Run by `npm run synth` and by `cdktf
 * synth|diff|deploy` (cdktf.json "app"). Exits 1, printing every problem and writing nothing, when a definition is
 * invalid; otherwise prints what it wrote and, outside the cdktf CLI, the next command.
 */
import { clusters } from './clusters';
import { synthesizeClusters } from './stacks/cluster-app';

const result = synthesizeClusters(clusters);
for (const line of result.messages) console.error(line);
if (!result.ok) {
  console.error(`synth failed: fix the errors above; nothing was written.`);
  process.exit(1);
}
for (const s of result.stacks ?? []) {
  const warnings = s.warnings > 0 ? `, ${s.warnings} warning(s) above` : '';
  console.log(`wrote ${s.file}: ${s.resources} resources, ${s.dataSources} data sources${warnings}`);
}
// The cdktf CLI (which sets CDKTF_CONTEXT_JSON for the app) goes on by itself; after `npm run synth`, say what next.
if (!process.env.CDKTF_CONTEXT_JSON && result.stacks && result.stacks.length > 0) {
  const first = result.stacks[0].cluster;
  console.log(`next: npm run review -- --base main (offline report), or CHECKPOINT_DISABLE=1 npx cdktf diff ${first} (needs Proxmox credentials)`);
}
