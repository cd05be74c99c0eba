/**
 * Files on the deploying machine that hold the cluster's secrets, and keeping them private (mode 0600).
 *
 * Terraform creates its files with mode 0666 minus the process umask (a local state file, its `.backup`, a plan
 * written by `terraform plan -out`, which `cdktf diff` leaves as `cdktf.out/stacks/<cluster>/plan`), so with the
 * common umask 022 they are world-readable; rewriting an existing file keeps its mode. Two measures together keep
 * them private: the project's commands (`npm run deploy|diff|destroy|cdktf`, scripts/private.ts) run cdktf and
 * Terraform with umask 077, and `protectSecretFiles` narrows any such file found with group or other access to
 * 0600 (run before and after each of those commands and at every synth, so a file left by a plain `npx cdktf`
 * run is fixed the next time anything runs).
 */
import fs from 'node:fs';
import path from 'node:path';

/** umask that makes every new file 0600 and every new folder 0700. */
export const PRIVATE_UMASK = 0o077;

/** Local state files in the project root: `terraform.<cluster>.tfstate`, its backups and lock info. */
const STATE_FILE = /^(terraform\..+\.tfstate(\..+)?|\.terraform\.tfstate\.lock\.info)$/;
/** Plan files: `*.tfplan` anywhere we look, and the `plan` cdktf writes in each stack folder. */
const PLAN_FILE = /^(.+\.tfplan|plan)$/;

/** A file whose mode was narrowed. */
export interface ProtectedFile {
  /** Path relative to the project root. */
  readonly file: string;
  /** Its mode before, e.g. `0644`. */
  readonly from: string;
}

/** Paths of the entries of `dir` that `keep` accepts; none when `dir` cannot be read. */
function listEntries(dir: string, keep: (entry: fs.Dirent) => boolean): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter(keep)
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

const listFiles = (dir: string) => listEntries(dir, (e) => e.isFile());
const listDirs = (dir: string) => listEntries(dir, (e) => e.isDirectory());

function listTree(dir: string): string[] {
  return [...listFiles(dir), ...listDirs(dir).flatMap(listTree)];
}

/**
 * Every secret-bearing file under `root` that exists: local state files and backups in the root (and the extra
 * state files `extra` names, e.g. a definition's custom `state.path`, with their backups), plan files in the root and
 * in `cdktf.out/stacks/<cluster>/`, state files a stack folder may hold, and every file under `access/` (kubeconfig,
 * talosconfig, an outputs file).
 */
export function secretFiles(root: string, extra: readonly string[] = []): string[] {
  const stackDirs = listDirs(path.join(root, 'cdktf.out', 'stacks'));
  const extraFiles = extra.flatMap((f) => {
    const abs = path.resolve(root, f);
    return listFiles(path.dirname(abs)).filter((x) => x === abs || x.startsWith(`${abs}.`));
  });
  const found = [
    ...listFiles(root).filter((f) => STATE_FILE.test(path.basename(f)) || PLAN_FILE.test(path.basename(f))),
    ...stackDirs.flatMap((d) => listFiles(d).filter((f) => PLAN_FILE.test(path.basename(f)) || /\.tfstate(\..+)?$/.test(f))),
    ...listTree(path.join(root, 'access')),
    ...extraFiles,
  ];
  return [...new Set(found)].sort();
}

/** Narrows every file of `secretFiles(root, extra)` that group or others may access to 0600; returns those changed. */
export function protectSecretFiles(root: string, extra: readonly string[] = []): ProtectedFile[] {
  const changed: ProtectedFile[] = [];
  for (const file of secretFiles(root, extra)) {
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    fs.chmodSync(file, 0o600);
    changed.push({ file: path.relative(root, file), from: `0${mode.toString(8)}` });
  }
  return changed;
}

/** One line per narrowed file, for the console. */
export function describeProtected(changed: readonly ProtectedFile[]): string[] {
  return changed.map(
    (c) =>
      `warning: ${c.file} held secrets with mode ${c.from} (readable by others); it is now 0600. Run cdktf through npm run deploy|diff|destroy|cdktf (umask 077), or set umask 077 yourself`,
  );
}
