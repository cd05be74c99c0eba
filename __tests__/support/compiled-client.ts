/**
 * Which simulator client the tests' PATH links to: simulator-client.c compiled with the machine's C compiler, or
 * the bash script `simulator-client` when there is none. Both speak the same protocol to simulator-server.js and
 * run the simulator script alone without FAKE_SIM_PORT; simulator-server.integ.test.ts checks they answer alike.
 * Every simulated call is a process start, and bash starting cost about half of a call's CPU (measured:
 * docs/maintenance.md, "Test time").
 *
 * The binary is built once per source, folder and compiler into node_modules/.cache/simulator-client/ (like
 * run-ts.mjs's bundles; written under a temporary name and renamed, so parallel test workers never race).
 * FAKE_SIM_CLIENT=bash links the script instead.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SUPPORT_DIR = __dirname;
const SOURCE = path.join(SUPPORT_DIR, 'simulator-client.c');
/** The bash client: the fallback, and what FAKE_SIM_CLIENT=bash asks for. */
export const BASH_CLIENT = path.join(SUPPORT_DIR, 'simulator-client');
const CACHE_DIR = path.resolve(SUPPORT_DIR, '..', '..', 'node_modules', '.cache', 'simulator-client');

/** Binaries kept in the cache, the newest first. */
const KEEP = 4;

let chosen: string | undefined;

/** The client the simulated tools link to in this process (built on first use). */
export function simulatorClient(): string {
  chosen ??= process.env.FAKE_SIM_CLIENT === 'bash' ? BASH_CLIENT : (compiledClient() ?? BASH_CLIENT);
  return chosen;
}

/**
 * simulator-client.c built for this folder, or undefined when no C compiler (`cc`) builds it. Linked statically
 * where the C library allows (a static binary starts ~0.4 ms faster), dynamically otherwise.
 */
export function compiledClient(): string | undefined {
  const compiler = compilerVersion();
  if (compiler === undefined) return undefined;
  const define = `-DSUPPORT_DIR=${JSON.stringify(SUPPORT_DIR)}`;
  const key = createHash('sha256').update(fs.readFileSync(SOURCE)).update(define).update(compiler).digest('hex').slice(0, 16);
  const binary = path.join(CACHE_DIR, `simulator-client-${key}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const scratch = `${binary}.${process.pid}.tmp`;
  for (const link of [['-static'], []]) {
    const r = spawnSync('cc', ['-O2', ...link, define, '-o', scratch, SOURCE], { stdio: 'ignore' });
    if (r.status === 0) {
      fs.renameSync(scratch, binary);
      prune(binary);
      return binary;
    }
  }
  fs.rmSync(scratch, { force: true });
  return undefined;
}

/**
 * Removes all but the newest few binaries beside `kept`: other folders (StrykerJS's sandboxes, copies of the
 * project that link node_modules) may be using theirs.
 */
function prune(kept: string): void {
  const others = fs
    .readdirSync(CACHE_DIR)
    .filter((f) => /^simulator-client-[0-9a-f]{16}$/.test(f) && f !== path.basename(kept))
    .map((f) => ({ file: path.join(CACHE_DIR, f), time: fs.statSync(path.join(CACHE_DIR, f)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of others.slice(KEEP - 1)) fs.rmSync(file, { force: true });
}

/** `cc --version`'s first line, part of the binary's key; undefined without a compiler. */
function compilerVersion(): string | undefined {
  const r = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}
