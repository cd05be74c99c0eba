/**
 * Doctor checks of the command-line tools a deploy needs: Node.js, Terraform or OpenTofu, talosctl (within the
 * version skew of each cluster's Talos) and kubectl. Pure: the CLI runs the tools and passes what they printed.
 */
import { talosctlClientProblem } from '../rollout/checks';
import { compareVersions, minorDistance, minorOf, parseVersion } from '../semver';
import { DoctorLine, failed, passed } from './report';

/** What running `<tool> <version args>` gave: not found on PATH, or its exit code and output. */
export type ToolRun = { readonly found: false } | { readonly found: true; readonly code: number; readonly stdout: string; readonly stderr: string };

/** Oldest Node.js the project runs on (package.json `engines.node`). */
export const MIN_NODE_VERSION = '20.9.0';
/** Oldest Terraform the synthesized configuration is tested with (S3 lock files need 1.10; the tests run 1.11). */
export const MIN_TERRAFORM_VERSION = '1.11.0';
/** Oldest OpenTofu with the S3 backend's `use_lockfile` (OpenTofu 1.10.0 release notes, "Native S3 locking"). */
export const MIN_OPENTOFU_VERSION = '1.10.0';

/** Node.js `version` (e.g. `v20.20.2`) against `MIN_NODE_VERSION`. */
export function checkNode(version: string): DoctorLine {
  const v = parseVersion(version);
  if (v && compareVersions(v, parseVersion(MIN_NODE_VERSION)!) >= 0) return passed('node', version);
  return failed(
    'node',
    `Node.js ${version} is older than ${MIN_NODE_VERSION}`,
    `install Node.js ${MIN_NODE_VERSION} or newer (https://nodejs.org, or nvm install 20)`,
  );
}

/** Product and version from the first line of `terraform version` / `tofu version` (`Terraform v1.11.4`, `OpenTofu v1.10.2`). */
export function parseTerraformVersion(stdout: string): { readonly product: 'Terraform' | 'OpenTofu'; readonly version: string } | undefined {
  const m = /^(Terraform|OpenTofu) v(\S+)/m.exec(stdout);
  return m ? { product: m[1] as 'Terraform' | 'OpenTofu', version: m[2] } : undefined;
}

/**
 * The Terraform binary cdktf runs: `binary` is `TERRAFORM_BINARY_NAME` (default `terraform`). Terraform must be
 * ≥ `MIN_TERRAFORM_VERSION`, OpenTofu ≥ `MIN_OPENTOFU_VERSION`.
 */
export function checkTerraform(binary: string, run: ToolRun): DoctorLine {
  const check = binary === 'terraform' ? 'terraform' : `terraform (TERRAFORM_BINARY_NAME=${binary})`;
  const install = `install Terraform ${MIN_TERRAFORM_VERSION} or newer (https://developer.hashicorp.com/terraform/install), or OpenTofu ${MIN_OPENTOFU_VERSION} or newer with TERRAFORM_BINARY_NAME=tofu`;
  if (!run.found) return failed(check, `${binary} not found on PATH`, install);
  const parsed = parseTerraformVersion(run.stdout);
  const v = parsed && parseVersion(parsed.version);
  if (!parsed || !v) return failed(check, `\`${binary} version\` printed no Terraform or OpenTofu version`, install);
  const min = parsed.product === 'Terraform' ? MIN_TERRAFORM_VERSION : MIN_OPENTOFU_VERSION;
  if (compareVersions(v, parseVersion(min)!) < 0) return failed(check, `${parsed.product} v${parsed.version} is older than ${min}`, install);
  return passed(check, `${parsed.product} v${parsed.version}`);
}

/** A cluster's name and the Talos version its definition asks for. */
export interface ClusterTalos {
  readonly cluster: string;
  readonly talosVersion: string;
}

/** talosctl on PATH or not, and the client tag `talosctl version --client` printed (undefined when none). */
export type TalosctlClient = { readonly found: false } | { readonly found: true; readonly tag: string | undefined };

/**
 * talosctl (`talosctl version --client`) against each cluster's Talos version. The rollout drives the nodes with
 * it, so it must not be older than the cluster's Talos minor (the rollout preflight refuses it:
 * `talosctlClientProblem`); Talos recommends the matching version (docs FAQ: "use the version that matches the
 * running version of the cluster"), and a client newer than the nodes uses APIs they may lack
 * (siderolabs/talos#6204), so more than one minor newer is a problem too.
 */
export function checkTalosctl(client: TalosctlClient, clusters: readonly ClusterTalos[]): DoctorLine[] {
  const wanted = [...new Set(clusters.map((c) => c.talosVersion))].join(' or ');
  const install = (version: string) =>
    `install talosctl ${version} (curl -sL https://talos.dev/install | sh, or brew install siderolabs/tap/talosctl; releases: https://github.com/siderolabs/talos/releases/tag/${version})`;
  if (!client.found) return [failed('talosctl', 'not found on PATH (the rollout and node removal run it)', install(wanted))];
  const tag = client.tag;
  if (!tag || !parseVersion(tag)) return [failed('talosctl', '`talosctl version --client` printed no client tag', install(wanted))];
  return clusters.map(({ cluster, talosVersion }) => {
    const check = `talosctl (${cluster}, Talos ${talosVersion})`;
    const client = parseVersion(tag)!;
    const target = parseVersion(talosVersion);
    if (!target) return failed(check, `cannot compare talosctl ${tag} with the cluster's Talos version`, `fix talos.version of cluster ${cluster}`);
    const older = talosctlClientProblem(tag, talosVersion);
    if (older) return failed(check, older, install(talosVersion));
    const ahead = minorDistance(target, client);
    if (ahead > 1) return failed(check, `talosctl ${tag} is ${ahead} minors newer than Talos ${minorOf(talosVersion)}`, install(talosVersion));
    if (ahead === 1) return passed(check, `talosctl ${tag} (one minor newer; Talos recommends the matching ${talosVersion})`);
    return passed(check, `talosctl ${tag}`);
  });
}

/** kubectl (`kubectl version --client -o json`): node removal deletes the Kubernetes Node object with it. */
export function checkKubectl(run: ToolRun): DoctorLine {
  const install = 'install kubectl (https://kubernetes.io/docs/tasks/tools/); removing a node runs `kubectl delete node`';
  if (!run.found) return failed('kubectl', 'not found on PATH', install);
  let version: string | undefined;
  try {
    version = (JSON.parse(run.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    version = undefined;
  }
  if (run.code !== 0 || !version) return failed('kubectl', '`kubectl version --client -o json` printed no client version', install);
  return passed('kubectl', version);
}
