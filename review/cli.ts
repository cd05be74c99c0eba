/**
 * `npm run review -- --base <git-ref> [--head <git-ref>] [--out report.md]`: synthesizes the base revision (in a
 * temporary git worktree) and the head (the working tree, or `--head` in another worktree) with no credentials,
 * and prints a Markdown report per cluster of what `cdktf deploy` would do. Exits 1 when the head does not
 * validate, 2 on a usage or git error.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { compareRevisions } from './compare';
import { addWorktree, Worktree } from './git-worktree';
import { renderReport } from './render-markdown';
import { RevisionOutput, synthesizeRevision } from './synth-revision';

const USAGE = 'usage: npm run review -- --base <git-ref> [--head <git-ref>] [--out report.md]';

/** The first lines of a failed synth, for the "base did not synthesize" note. */
function firstLines(log: string, count = 3): string {
  const lines = log
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.slice(0, count).join(' / ') || 'no output';
}

function synthesizeRef(projectDir: string, ref: string, trees: Worktree[]): { output: RevisionOutput; label: string } {
  const tree = addWorktree(projectDir, ref);
  trees.push(tree);
  return { output: synthesizeRevision(tree.projectDir), label: `\`${ref}\` (${tree.commit.slice(0, 7)})` };
}

function main(): number {
  let args;
  try {
    args = parseArgs({ options: { base: { type: 'string' }, head: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.base) {
    console.error(USAGE);
    return args.help ? 0 : 2;
  }
  const projectDir = process.cwd();
  const trees: Worktree[] = [];
  // Ctrl-C reaches the synth child too; handling it here lets the worktrees be removed before exiting.
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (interrupted = true));
  let base;
  let head;
  try {
    base = synthesizeRef(projectDir, args.base, trees);
    head = args.head ? synthesizeRef(projectDir, args.head, trees) : { output: synthesizeRevision(projectDir), label: 'working tree' };
  } catch (err) {
    console.error(`review: ${(err as Error).message}`);
    return 2;
  } finally {
    for (const tree of trees) tree.remove();
  }
  if (interrupted) return 130;
  const baseProblem = base.output.ok ? undefined : `\`cdktf synth\` of the base failed: ${firstLines(base.output.log)}`;
  const reviews = head.output.ok ? compareRevisions(base.output.clusters, head.output.clusters, baseProblem, base.output.unreadable) : [];
  const report = renderReport({ base: base.label, head: head.label, ...(head.output.ok ? {} : { headErrors: head.output.log }) }, reviews);
  if (args.out) fs.writeFileSync(args.out, report);
  process.stdout.write(report);
  return head.output.ok ? 0 : 1;
}

process.exitCode = main();
