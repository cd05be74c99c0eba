/**
 * The kubectl commands the runner uses. `deleteNode` deletes the Kubernetes Node object of a node removed from the
 * definition. Flags as `kubectl delete --help` documents them (kubectl 1.32): `--ignore-not-found` treats a Node
 * that is already gone as deleted, `--wait=true` returns once the object (and its finalizers) is gone. The
 * kubeconfig is passed by path, never by content.
 */
import { execFile } from 'node:child_process';

/** What a kubectl run returned; `missing` when the binary could not be started at all. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly missing: boolean;
}

/** `kubectl --kubeconfig <file> delete node <name> --ignore-not-found --wait=true`; never throws. */
export function deleteNode(binary: string, kubeconfig: string, name: string, timeoutMs: number): Promise<KubectlResult> {
  const args = ['--kubeconfig', kubeconfig, 'delete', 'node', name, '--ignore-not-found', '--wait=true'];
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: timeoutMs, env: process.env }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      if (err && typeof err.code === 'string') {
        resolve({ code: 127, stdout: '', stderr: err.message, timedOut: false, missing: err.code === 'ENOENT' || err.code === 'EACCES' });
        return;
      }
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, timedOut: Boolean(err?.killed), missing: false });
    });
  });
}

/**
 * `kubectl --kubeconfig <file> [--server <url>] <args…>`; never throws. `server` overrides the kubeconfig's
 * cluster endpoint (kubectl's global `--server`), so a command can go to one control plane's API server.
 */
export function runKubectl(binary: string, kubeconfig: string, args: readonly string[], timeoutMs: number, server?: string): Promise<KubectlResult> {
  const all = ['--kubeconfig', kubeconfig, ...(server ? ['--server', server] : []), ...args];
  return new Promise((resolve) => {
    execFile(binary, all, { timeout: timeoutMs, env: process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      if (err && typeof err.code === 'string') {
        resolve({ code: 127, stdout: '', stderr: err.message, timedOut: false, missing: err.code === 'ENOENT' || err.code === 'EACCES' });
        return;
      }
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, timedOut: Boolean(err?.killed), missing: false });
    });
  });
}
