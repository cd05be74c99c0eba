/**
 * A typed wrapper around the talosctl commands the rollout uses, each with a timeout. Node-scoped reads go
 * straight to the node (`--nodes <ip> --endpoints <ip>`), so a control plane being rebooted never sits between the
 * runner and another node; cluster-wide commands go through the talosconfig endpoints (the control planes).
 * Flags are checked against docs.siderolabs.com/talos/v1.13/reference/cli (talosctl get, version, upgrade,
 * upgrade-k8s, health, etcd members, kubeconfig). Arguments never carry secrets; the talosconfig is passed by path.
 */
import { outputTail } from './output-tail';
import { execFile, spawn } from 'node:child_process';
import { EtcdMemberRow, parseClientTag, parseEtcdMembers, parseResourceStream, parseServerTag, TalosResource } from './talosctl-output';

/** What a talosctl run returned. */
export interface TalosctlResult {
  /** Exit code of the process. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** True when the run was killed for taking too long. */
  readonly timedOut: boolean;
}

/** A talosctl command that failed; the message names the command and ends with talosctl's last error line(s). */
export class TalosctlError extends Error {
  constructor(
    /** The talosctl arguments of the failed run. */
    readonly args: readonly string[],
    /** What the failed run returned. */
    readonly result: TalosctlResult,
  ) {
    const detail = result.timedOut ? 'timed out' : `exit ${result.code}: ${outputTail(result.stderr || result.stdout)}`;
    const shown = args.map((a, i) => (args[i - 1] === '--talosconfig' ? '<talosconfig>' : a));
    super(`talosctl ${shown.join(' ')} failed (${detail})`);
  }
}

/** The stage and readiness a node reports (`talosctl get machinestatus`). */
export interface MachineStatus {
  /** `maintenance`, `booting`, `running`, `rebooting`, `upgrading`, … (pkg/machinery/resources/runtime/machinestage.go). */
  readonly stage: string;
  readonly ready: boolean;
  /** Names of the readiness conditions not met yet (`status.unmetConditions[].name`). */
  readonly unmet: readonly string[];
}

const MAX_OUTPUT = 256 * 1024 * 1024;

/** Runs talosctl with one talosconfig. */
export class Talosctl {
  constructor(
    private readonly binary: string,
    private readonly talosconfig: string,
  ) {}

  /** Runs and captures; never throws for a non-zero exit (see `check`). */
  capture(args: readonly string[], timeoutMs: number): Promise<TalosctlResult> {
    return new Promise((resolve) => {
      execFile(this.binary, [...args], { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, env: process.env }, (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        if (err && typeof err.code === 'string') {
          resolve({ code: 127, stdout: '', stderr: `cannot run ${this.binary}: ${err.message}`, timedOut: false });
          return;
        }
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, timedOut: Boolean(err?.killed) });
      });
    });
  }

  /** Runs, passing every output line to `onLine` as it arrives, and captures the output too. */
  stream(args: readonly string[], timeoutMs: number, onLine: (line: string) => void): Promise<TalosctlResult> {
    return new Promise((resolve) => {
      const child = spawn(this.binary, [...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const pending = { out: '', err: '' };
      const feed = (key: 'out' | 'err', chunk: string): void => {
        pending[key] += chunk;
        const lines = pending[key].split('\n');
        pending[key] = lines.pop() ?? '';
        lines.forEach(onLine);
      };
      child.stdout.setEncoding('utf8').on('data', (c: string) => ((stdout += c), feed('out', c)));
      child.stderr.setEncoding('utf8').on('data', (c: string) => ((stderr += c), feed('err', c)));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ code: 127, stdout, stderr: `cannot run ${this.binary}: ${e.message}`, timedOut: false });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        for (const key of ['out', 'err'] as const) if (pending[key] !== '') onLine(pending[key]);
        resolve({ code: code ?? 1, stdout, stderr, timedOut });
      });
    });
  }

  private async check(args: readonly string[], timeoutMs: number): Promise<string> {
    const result = await this.capture(args, timeoutMs);
    if (result.code !== 0 || result.timedOut) throw new TalosctlError(args, result);
    return result.stdout;
  }

  private nodeArgs(ip: string): string[] {
    return ['--talosconfig', this.talosconfig, '--nodes', ip, '--endpoints', ip];
  }

  private clusterArgs(ip: string): string[] {
    return ['--talosconfig', this.talosconfig, '--nodes', ip];
  }

  /** `talosctl get <type> -o json` on one node (types used: extensions, services, kubeletspec, apiserverconfig, manifests, nodestatus). */
  async getResources(ip: string, type: string, timeoutMs: number): Promise<TalosResource[]> {
    return parseResourceStream(await this.check(['get', type, ...this.nodeArgs(ip), '--output', 'json'], timeoutMs));
  }

  /**
   * The machine status through the authenticated API, or with `insecure` through the maintenance API, which a
   * node without a machine config serves (`talosctl get machinestatus --insecure`).
   */
  async machineStatus(ip: string, insecure: boolean, timeoutMs: number): Promise<MachineStatus> {
    const args = insecure
      ? ['get', 'machinestatus', '--insecure', '--nodes', ip, '--output', 'json']
      : ['get', 'machinestatus', ...this.nodeArgs(ip), '--output', 'json'];
    const [status] = parseResourceStream(await this.check(args, timeoutMs));
    const spec = status?.spec as { stage?: string; status?: { ready?: boolean; unmetConditions?: { name?: string }[] | null } } | undefined;
    if (!spec?.stage) throw new Error(`talosctl get machinestatus on ${ip} returned no stage`);
    const unmet = (spec.status?.unmetConditions ?? []).map((c) => c.name ?? '?');
    return { stage: spec.stage, ready: spec.status?.ready === true, unmet };
  }

  /** The Talos version the node runs (`talosctl version`, the `Tag:` of the `Server:` block). */
  async serverVersion(ip: string, timeoutMs: number): Promise<string> {
    const out = await this.check(['version', ...this.nodeArgs(ip)], timeoutMs);
    const tag = parseServerTag(out);
    if (!tag) throw new Error(`talosctl version on ${ip} printed no server tag`);
    return tag;
  }

  /** The talosctl binary's own version (`talosctl version --client`). */
  async clientVersion(timeoutMs: number): Promise<string> {
    const tag = parseClientTag(await this.check(['version', '--client'], timeoutMs));
    if (!tag) throw new Error('talosctl version --client printed no tag');
    return tag;
  }

  /** The etcd member list as a control plane sees it (`talosctl etcd members`). */
  async etcdMembers(ip: string, timeoutMs: number): Promise<EtcdMemberRow[]> {
    return parseEtcdMembers(await this.check(['etcd', 'members', ...this.nodeArgs(ip)], timeoutMs));
  }

  /**
   * `talosctl upgrade --image <installer> --wait --timeout <s>s` on one node (Talos 1.13: LifecycleService
   * upgrade, then drain, reboot and uncordon; the deprecated --preserve/--stage/--force are never passed).
   */
  upgrade(ip: string, image: string, timeoutSeconds: number, onLine: (line: string) => void): Promise<TalosctlResult> {
    const args = ['upgrade', ...this.clusterArgs(ip), '--image', image, '--wait', '--timeout', `${timeoutSeconds}s`];
    return this.stream(args, (timeoutSeconds + 60) * 1000, onLine);
  }

  /**
   * Server-side `talosctl health` with explicit node lists (no discovery), run through one control plane, whose
   * own API server the Kubernetes checks use (`--k8s-endpoint <via>`: pkg/cluster/kubernetes.go `K8sRestConfig`
   * replaces the kubeconfig's host), so the check depends on neither the cluster's DNS name nor the VIP.
   */
  health(
    via: string,
    controlPlanes: readonly string[],
    workers: readonly string[],
    waitSeconds: number,
    onLine: (line: string) => void,
  ): Promise<TalosctlResult> {
    const args = [
      'health',
      ...this.clusterArgs(via),
      '--control-plane-nodes',
      controlPlanes.join(','),
      '--wait-timeout',
      `${waitSeconds}s`,
      '--k8s-endpoint',
      via,
    ];
    if (workers.length > 0) args.push('--worker-nodes', workers.join(','));
    return this.stream(args, (waitSeconds + 60) * 1000, onLine);
  }

  /**
   * Writes the cluster's admin kubeconfig, as one control plane generates it, to `localPath`
   * (`talosctl kubeconfig [local-path]`: `--force` overwrites an existing file, `--merge=false` writes the file
   * instead of merging into it, as merge defaults to true). Nothing is printed; a file already there keeps its
   * permissions. Never throws for a non-zero exit.
   */
  kubeconfig(ip: string, localPath: string, timeoutMs: number): Promise<TalosctlResult> {
    return this.capture(['kubeconfig', localPath, ...this.nodeArgs(ip), '--force', '--merge=false'], timeoutMs);
  }

  /**
   * `talosctl upgrade-k8s --to <version> [--dry-run]` through one control plane (cmd/talosctl/cmd/talos/upgrade-k8s.go
   * at v1.13.9):
   * - `--endpoint https://<via>:6443`: upgrade-k8s talks to the Kubernetes API from this machine, through the
   *   kubeconfig's cluster endpoint unless this overrides it (`ForceEndpoint`); the via node's own API server
   *   needs neither the DNS name nor the VIP;
   * - `--with-docs=false --with-examples=false`: both default to true and re-encode every machine config it
   *   patches with documentation and examples, which the stack's rendered configs do not carry;
   * - `pruneManifests = false` adds `--manifests-no-prune`: only the manifest-sync step, after checking that all
   *   control planes carry the same manifests, may delete objects.
   */
  upgradeK8s(
    via: string,
    to: string,
    dryRun: boolean,
    pruneManifests: boolean,
    timeoutSeconds: number,
    onLine: (line: string) => void,
  ): Promise<TalosctlResult> {
    const args = [
      'upgrade-k8s',
      ...this.clusterArgs(via),
      '--to',
      to,
      '--endpoint',
      `https://${via}:6443`,
      '--with-docs=false',
      '--with-examples=false',
    ];
    if (!pruneManifests) args.push('--manifests-no-prune');
    if (dryRun) args.push('--dry-run');
    return this.stream(args, timeoutSeconds * 1000, onLine);
  }
}
