/**
 * A temporary `git worktree` of one revision of the project, with the project's `node_modules` linked in, so
 * the revision can be synthesized without touching the working tree. Always `remove()` it (also on failure).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A checked-out revision. */
export interface Worktree {
  /** The project folder inside the worktree (the same sub-folder of the repository as the working project). */
  readonly projectDir: string;
  /** Full commit id of the revision. */
  readonly commit: string;
  /** Removes the worktree and its temporary folder. */
  remove(): void;
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The full commit id `ref` names in the repository of `projectDir`; throws a readable error when unknown. */
export function resolveCommit(projectDir: string, ref: string): string {
  try {
    if (ref.startsWith('-')) throw new Error('not a ref');
    return git(projectDir, ['rev-parse', '--verify', `${ref}^{commit}`]);
  } catch {
    throw new Error(
      `git cannot resolve ${JSON.stringify(ref)} to a commit. Fix: pass a branch, tag or commit that exists (in CI, check out with fetch-depth: 0)`,
    );
  }
}

/** Checks out `ref` into a new temporary worktree of the repository that contains `projectDir`. */
export function addWorktree(projectDir: string, ref: string): Worktree {
  let prefix: string;
  try {
    prefix = git(projectDir, ['rev-parse', '--show-prefix']);
  } catch {
    throw new Error(`${projectDir} is not inside a git repository. Fix: run the review from a clone of the project`);
  }
  const commit = resolveCommit(projectDir, ref);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-review-'));
  const treeDir = path.join(tmp, 'tree');
  const remove = () => {
    try {
      git(projectDir, ['worktree', 'remove', '--force', treeDir]);
    } catch {
      // not created, or already gone: prune below drops any stale registration
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    try {
      git(projectDir, ['worktree', 'prune']);
    } catch {
      // nothing to prune
    }
  };
  try {
    git(projectDir, ['worktree', 'add', '--detach', treeDir, commit]);
    const worktreeProject = path.join(treeDir, prefix);
    const modules = path.join(projectDir, 'node_modules');
    const link = path.join(worktreeProject, 'node_modules');
    if (fs.existsSync(modules) && fs.existsSync(worktreeProject) && !fs.existsSync(link)) fs.symlinkSync(modules, link, 'dir');
    return { projectDir: worktreeProject, commit, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
