/**
 * Kubernetes API access for the phases that need more than Talos resources show: CoreDNS and CNI-agent readiness
 * (Talos has no resource for pod readiness) and the cordon of a node an OS step upgrades.
 *
 * The kubeconfig is fetched through the Talos API on first use (rollout/private-kubeconfig.ts) and deleted by
 * `close()`: the stack's own kubeconfig file is written
 * only after bootstrap, downstream of the first preflight and health steps, so the runner never depends on it.
 * Reads go to one control plane's API server (`--server https://<ip>:6443`; Talos puts every node address in the
 * API server certificate, secrets/kubernetes_cert_sans.go), so they need neither the cluster's DNS name nor the
 * VIP. `endpointReachable` deliberately goes through the kubeconfig's own endpoint: that is the path
 * `talosctl upgrade` drains through from this machine (Talos ≥ 1.13).
 */
import { outputTail } from './output-tail';
import { KubectlResult, runKubectl } from './kubectl';
import { PrivateKubeconfig } from './private-kubeconfig';
import { Talosctl } from './talosctl';

/** Longest one kubectl or kubeconfig call may take. */
const CALL_TIMEOUT_MS = 60_000;

/** A failed kubectl call, named without the kubeconfig path. */
export class KubectlError extends Error {
  constructor(args: readonly string[], result: KubectlResult) {
    super(
      `kubectl ${args.join(' ')} failed (${result.timedOut ? 'timed out' : `exit ${result.code}: ${outputTail(result.stderr || result.stdout)}`})`,
    );
  }
}

/** kubectl with a kubeconfig fetched through the Talos API. */
export class KubeApi {
  private fetched?: PrivateKubeconfig;

  constructor(
    private readonly talosctl: Talosctl,
    private readonly kubectl: string,
    /** Control-plane IPs to fetch the kubeconfig from, in order. */
    private readonly controlPlanes: readonly string[],
  ) {}

  /** The API server URL of control plane `ip`. */
  static serverOf(ip: string): string {
    return `https://${ip}:6443`;
  }

  /** Fetches the kubeconfig once (first control plane that answers); throws with each one's failure. */
  private async kubeconfig(): Promise<string> {
    if (this.fetched) return this.fetched.file;
    const result = await PrivateKubeconfig.fetch(this.talosctl, this.controlPlanes, CALL_TIMEOUT_MS);
    if (Array.isArray(result)) {
      throw new Error(
        `cannot fetch a kubeconfig through the Talos API (talosctl kubeconfig; ${result.map((f) => `${f.ip}: ${f.detail}`).join('; ')})`,
      );
    }
    this.fetched = result;
    return result.file;
  }

  /** Runs kubectl; `server` is a control-plane IP whose API server answers, or undefined for the kubeconfig's endpoint. */
  async run(args: readonly string[], server: string | undefined): Promise<string> {
    const file = await this.kubeconfig();
    const result = await runKubectl(this.kubectl, file, args, CALL_TIMEOUT_MS, server ? KubeApi.serverOf(server) : undefined);
    if (result.missing)
      throw new Error(`cannot run kubectl (${this.kubectl}: ${result.stderr}). Fix: install kubectl on PATH (or set ROLLOUT_KUBECTL)`);
    if (result.code !== 0 || result.timedOut) throw new KubectlError(args, result);
    return result.stdout;
  }

  /** Reads one object as JSON. */
  async getJson(kind: string, name: string, namespace: string, server: string): Promise<Record<string, unknown>> {
    return JSON.parse(await this.run(['get', kind, name, '-n', namespace, '-o', 'json'], server)) as Record<string, unknown>;
  }

  /**
   * Undefined when this machine reaches the Kubernetes API through the endpoint the Talos-generated kubeconfig names
   * (`cluster.controlPlane.endpoint`: the DNS name, or the VIP), else why not.
   */
  async endpointProblem(): Promise<string | undefined> {
    try {
      await this.run(['get', '--raw', '/readyz'], undefined);
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** Deletes the temp folder with the kubeconfig. */
  close(): void {
    this.fetched?.remove();
    this.fetched = undefined;
  }
}
