/**
 * Rules for names: the cluster name and node names are DNS-1123 labels (they become host names, VM names and
 * Kubernetes node names), node names are unique, and Proxmox host names are host-name labels, declared once.
 */
import { isDnsLabel, isHostLabel, MAX_LABEL_LENGTH, toDnsLabel } from '../dns-names';
import { error, Problem } from '../problems';
import { ValidationContext } from './context';
import { ProblemPath } from '../definition-path';

function suggestion(name: unknown): string {
  const label = toDnsLabel(String(name ?? ''));
  return label ? `e.g. ${label}` : 'e.g. homelab';
}

/** The longest name a counted pool derives from the cluster name (`<cluster>-worker-<count>`). */
function longestDerivedName(ctx: ValidationContext): string | undefined {
  const counted = ctx.nodes.filter((n) => !n.defined).map((n) => n.planned.name);
  return counted.sort((a, b) => b.length - a.length)[0];
}

function clusterName(ctx: ValidationContext): Problem[] {
  const name = ctx.def.name;
  if (!isDnsLabel(name)) {
    return [
      error(
        'name',
        name,
        `is not a DNS-1123 label (lowercase letters, digits and -, starting and ending with a letter or digit, at most ${MAX_LABEL_LENGTH} characters)`,
        suggestion(name),
      ),
    ];
  }
  const derived = longestDerivedName(ctx);
  if (derived && derived.length > MAX_LABEL_LENGTH) {
    const allowed = MAX_LABEL_LENGTH - (derived.length - name.length);
    return [
      error(
        'name',
        name,
        `makes the derived node name ${derived} longer than ${MAX_LABEL_LENGTH} characters`,
        `shorten the cluster name to at most ${allowed} characters`,
      ),
    ];
  }
  return [];
}

function nodeNames(ctx: ValidationContext): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { planned, defined } of ctx.nodes) {
    const path: ProblemPath = `${planned.path}.name`;
    if (defined && !isDnsLabel(planned.name)) {
      problems.push(
        error(
          path,
          planned.name,
          `is not a DNS-1123 label (lowercase letters, digits and -, at most ${MAX_LABEL_LENGTH} characters); it becomes the host name and Kubernetes node name`,
          suggestion(planned.name),
        ),
      );
    }
    const first = seen.get(planned.name);
    if (first !== undefined) {
      problems.push(
        error(path, planned.name, `is already the name of the node at ${first}; node names must be unique`, `rename it, e.g. ${planned.name}-b`),
      );
    } else {
      seen.set(planned.name, path);
    }
  }
  return problems;
}

function hostNames(ctx: ValidationContext): Problem[] {
  const seen = new Set<string>();
  return (ctx.def.proxmoxHosts ?? []).flatMap((host, i) => {
    const path: ProblemPath = `proxmoxHosts[${i}].name`;
    if (!isHostLabel(host.name)) {
      return [
        error(
          path,
          host.name,
          'is not a host name label (letters, digits and -, starting and ending with a letter or digit)',
          'use the node name shown in the Proxmox UI, e.g. pve1',
        ),
      ];
    }
    if (seen.has(host.name)) return [error(path, host.name, 'is declared twice', 'declare each Proxmox host once')];
    seen.add(host.name);
    return [];
  });
}

/** Every problem of names. */
export function nameProblems(ctx: ValidationContext): Problem[] {
  return [...clusterName(ctx), ...hostNames(ctx), ...nodeNames(ctx)];
}
