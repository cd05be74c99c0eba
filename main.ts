/**
 * CDKTF entry point: one stack per cluster in clusters/index.ts. Run by `npm run synth` and by `cdktf
 * synth|diff|deploy` (cdktf.json "app"). Exits 1, printing every problem and writing nothing, when a definition is
 * invalid; otherwise prints what it wrote and, outside the cdktf CLI, the next command.
 * Before anything else it narrows secret-bearing files a previous run left readable by others (state, plans,
 * access files) to 0600. With TALOS_CDKTF_TEARDOWN=<cluster> (set only by `npm run destroy`), that cluster is
 * synthesized with its guards lifted (lib/teardown.ts).
 */
import { clusters } from './clusters';
import { planCluster } from './lib/cluster-plan';
import { localStateProblems } from './lib/orphaned-state';
import { formatProblem } from './lib/problems';
import { describeProtected, protectSecretFiles } from './lib/secret-files';
import { TEARDOWN_ENV, withTeardown } from './lib/teardown';
import { structureProblems } from './lib/validation/structure';
import { synthesizeClusters } from './stacks/cluster-app';

// The definitions were never type-checked (esbuild): what runs before synthesizeClusters checks them reads only those
// of the right shape; synthesizeClusters reports the others.
const wellFormed = clusters.filter((c) => structureProblems(c).typesValid);
const customStateFiles = wellFormed.flatMap((c) => (c.state?.type === 'local' && c.state.path ? [c.state.path] : []));
for (const line of describeProtected(protectSecretFiles(process.cwd(), customStateFiles))) console.error(line);
// A renamed cluster would be built a second time beside the running one (lib/orphaned-state.ts).
const orphaned = localStateProblems(process.cwd(), wellFormed.map(planCluster));
if (orphaned.length > 0) {
  for (const { cluster, problem } of orphaned) console.error(formatProblem(cluster, problem));
  console.error(`synth failed: fix the errors above; nothing was written.`);
  process.exit(1);
}
// `npm run destroy -- <cluster>` (scripts/teardown.ts) names the cluster whose guards are lifted for this run.
const result = synthesizeClusters(withTeardown(clusters, process.env[TEARDOWN_ENV]));
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
