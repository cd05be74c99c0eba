/**
 * Parsers for what talosctl prints. Pure; every format is cited from siderolabs/talos so the simulator in
 * __tests__/support/fake-talosctl can print the same.
 */

/** One COSI resource as `talosctl get … -o json` prints it. */
export interface TalosResource {
  readonly node: string;
  readonly metadata: { readonly id: string; readonly type?: string; readonly namespace?: string; readonly owner?: string };
  readonly spec: unknown;
}

/**
 * `talosctl get <type> -o json` writes one indented JSON object per resource, back to back, not an array
 * (cmd/talosctl/cmd/talos/output/json.go: `json.NewEncoder(os.Stdout)` with `SetIndent("", "    ")` per resource,
 * keys `node`, `metadata`, `spec`).
 */
export function parseResourceStream(text: string): TalosResource[] {
  const out: TalosResource[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as TalosResource);
      if (depth < 0) throw new Error('unbalanced JSON in talosctl output');
    }
  }
  if (depth !== 0) throw new Error('truncated JSON in talosctl output');
  return out;
}

/**
 * The server tag from `talosctl version`: after `Server:`, a `\tNODE:` line then `\tTag:         v1.13.9`
 * (cmd/talosctl/cmd/talos/version.go, pkg/machinery/version/version.go `versionTemplate`).
 */
export function parseServerTag(text: string): string | undefined {
  const server = text.split(/^Server:\s*$/m)[1];
  return server ? /^\s*Tag:\s+(\S+)\s*$/m.exec(server)?.[1] : undefined;
}

/** The client tag from `talosctl version --client`: the `Tag:` line after `Client:`. */
export function parseClientTag(text: string): string | undefined {
  const client = text.split(/^Client:\s*$/m)[1]?.split(/^Server:\s*$/m)[0];
  return client ? /^\s*Tag:\s+(\S+)\s*$/m.exec(client)?.[1] : undefined;
}

/** One row of `talosctl etcd members`. */
export interface EtcdMemberRow {
  readonly hostname: string;
  readonly learner: boolean;
}

/**
 * Rows of the `talosctl etcd members` table (tabwriter, columns `[NODE] ID HOSTNAME PEER URLS CLIENT URLS
 * [LEARNER]`, cmd/talosctl/cmd/talos/etcd.go). Columns are located by the header, so older layouts without
 * NODE or LEARNER parse too.
 */
export function parseEtcdMembers(text: string): EtcdMemberRow[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const headerAt = lines.findIndex((l) => /\bID\b/.test(l) && /\bHOSTNAME\b/.test(l));
  if (headerAt < 0) return [];
  const header = lines[headerAt];
  const columns = columnStarts(header);
  const hostCol = columns.findIndex((c) => c.name === 'HOSTNAME');
  const learnerCol = columns.findIndex((c) => c.name === 'LEARNER');
  return lines.slice(headerAt + 1).map((line) => ({
    hostname: cell(line, columns, hostCol),
    learner: learnerCol >= 0 && cell(line, columns, learnerCol) === 'true',
  }));
}

function columnStarts(header: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) out.push({ name: m[0], at: m.index });
  return out;
}

function cell(line: string, columns: { at: number }[], index: number): string {
  const end = index + 1 < columns.length ? columns[index + 1].at : line.length;
  return line.slice(columns[index].at, end).trim();
}

/**
 * The version in an image reference's tag: `ghcr.io/siderolabs/kubelet:v1.36.3` → `1.36.3`; a digest after `@`
 * is ignored. Undefined when the reference has no tag.
 */
export function versionFromImage(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon <= slash) return undefined;
  return withoutDigest.slice(colon + 1).replace(/^v/, '');
}

/**
 * The schematic ID from `talosctl get extensions -o json`: the Image Factory adds a virtual extension named
 * `schematic` whose version is the schematic ID (image-factory pkg/constants `SchematicIDExtensionName`).
 */
export function schematicFromExtensions(resources: readonly TalosResource[]): string | undefined {
  for (const r of resources) {
    const meta = (r.spec as { metadata?: { name?: string; version?: string } } | undefined)?.metadata;
    if (meta?.name === 'schematic' && meta.version) return meta.version;
  }
  return undefined;
}

/** A manifest change in the `upgrade-k8s --dry-run` output. */
export interface ManifestChange {
  readonly action: string;
  readonly subject: string;
}

const CHANGE_LINE = /^\s*<\s+(created|configured|unchanged|Pruned)\b\s*(\S*)/;

/**
 * Manifest changes `upgrade-k8s --dry-run` reports: one ` < <action> <Kind/namespace/name>` line per object, the
 * action being `created`, `configured`, `unchanged` or `Pruned` (pkg/cluster/kubernetes/talos_managed.go
 * `syncManifestsSSA`, go-kubernetes kubernetes/ssa/diff.go).
 */
export function manifestChanges(text: string): ManifestChange[] {
  return text.split('\n').flatMap((line) => {
    const m = CHANGE_LINE.exec(line);
    return m ? [{ action: m[1], subject: m[2] }] : [];
  });
}

/** True when the dry run would change a manifest (anything but `unchanged`). */
export function hasManifestChanges(text: string): boolean {
  return manifestChanges(text).some((c) => c.action !== 'unchanged');
}

/**
 * Hides the diff body of every Secret in `upgrade-k8s` output, line by line, so the runner can stream it. A block
 * starts at a ` < <action> <subject>` line; its diff follows (`--- a/<group/version>.<Kind>/<ns>/<name>`, `+++ …`,
 * `@@`, then lines starting with ` `, `+` or `-`). The block's diff is hidden when its subject or its diff header
 * names a Secret; a ` > ` line or a line starting with a letter ends it.
 */
export class SecretDiffRedactor {
  private hiding = false;
  private inBlock = false;

  /** The line to print, or undefined to drop it. */
  push(line: string): string | undefined {
    const change = CHANGE_LINE.exec(line);
    if (change) {
      this.inBlock = true;
      this.hiding = isSecretPath(change[2]);
      return this.hiding ? `${line}   (Secret: diff hidden)` : line;
    }
    if (/^\s*>\s/.test(line) || /^[A-Za-z]/.test(line)) {
      this.inBlock = false;
      this.hiding = false;
      return line;
    }
    if (this.inBlock && /^(---|\+\+\+) [ab]\//.test(line) && isSecretPath(line.slice(4))) {
      if (!this.hiding) {
        this.hiding = true;
        return '   (Secret: diff hidden)';
      }
    }
    return this.hiding && this.inBlock ? undefined : line;
  }
}

function isSecretPath(path: string): boolean {
  // Subjects read `Secret/ns/name`; diff headers `a/v1.Secret/ns/name` (go-kubernetes kubernetes/ssa/util.go).
  return /(^|[/.])Secret\//.test(path);
}
