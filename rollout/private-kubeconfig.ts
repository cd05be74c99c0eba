/**
 * The admin kubeconfig fetched through the Talos API (`talosctl kubeconfig` from a control plane) into a private
 * temp folder: the folder is 0700 and the file is created empty with 0600 before talosctl writes into it, so the
 * credentials are never readable by others, not even for a moment. `remove()` deletes the folder. Used by the
 * phases' Kubernetes access (KubeApi) and by remove-node when the stack's kubeconfig file is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outputTail } from './output-tail';
import { Talosctl } from './talosctl';

/** Why one control plane did not hand out a kubeconfig. */
export interface KubeconfigFailure {
  readonly ip: string;
  /** `timed out after …` or `exit <code>: <output tail>`. */
  readonly detail: string;
}

/** A kubeconfig file in a private temp folder. */
export class PrivateKubeconfig {
  private constructor(
    private readonly dir: string,
    /** Path of the kubeconfig. */
    readonly file: string,
    /** The control plane it came from. */
    readonly via: string,
  ) {}

  /**
   * Asks each of `controlPlanes` in turn and returns the kubeconfig of the first that answers; when none does, the
   * folder is removed and the failures come back, one per control plane. `onFailure` sees each as it happens.
   */
  static async fetch(
    talosctl: Talosctl,
    controlPlanes: readonly string[],
    timeoutMs: number,
    onFailure?: (failure: KubeconfigFailure, index: number) => void,
  ): Promise<PrivateKubeconfig | KubeconfigFailure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-kubeconfig-'));
    fs.chmodSync(dir, 0o700);
    const file = path.join(dir, 'kubeconfig');
    fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    const failures: KubeconfigFailure[] = [];
    for (const [i, ip] of controlPlanes.entries()) {
      const result = await talosctl.kubeconfig(ip, file, timeoutMs);
      if (result.code === 0 && !result.timedOut) {
        fs.chmodSync(file, 0o600);
        return new PrivateKubeconfig(dir, file, ip);
      }
      const detail = result.timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)}s`
        : `exit ${result.code}: ${outputTail(result.stderr || result.stdout)}`;
      failures.push({ ip, detail });
      onFailure?.({ ip, detail }, i);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return failures;
  }

  /** Deletes the folder and the kubeconfig in it. */
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
