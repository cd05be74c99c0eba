/**
 * Rules for add-on settings: exactly one CNI (Cilium, or Talos' Flannel when Cilium is off), an Argo CD bootstrap
 * repository Argo CD can clone (https or ssh), and a cert-manager issuer name Kubernetes accepts.
 */
import { isDnsSubdomain, toDnsLabel } from '../dns-names';
import { error, Problem, warning } from '../problems';
import { ValidationContext } from './context';

/** Revisions that move with every push; an app-of-apps tracking one follows whatever lands there. */
const MOVING_REVISIONS = new Set(['main', 'master', 'HEAD', 'trunk', 'develop']);

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s/:][^\s]*$/;

function cni(ctx: ValidationContext): Problem[] {
  const written = ctx.def.addons?.cni;
  const cilium = ctx.plan.addons.cilium.enabled;
  if (!cilium && written === 'none') {
    return [error('addons.cni', written, 'is none while Cilium is disabled, so the cluster would have no CNI and no pod would start', "set cni to 'flannel' (or remove it), or enable Cilium")];
  }
  if (cilium && written === 'flannel') {
    return [error('addons.cni', written, 'is flannel while Cilium is enabled; two CNIs cannot share the nodes', "remove cni (Cilium needs 'none'), or disable Cilium")];
  }
  return [];
}

/** True for `https://host/path`, `ssh://[user@]host[:port]/path` and scp-like `user@host:path`. */
export function isGitUrl(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (SCP_LIKE.test(text)) return true;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'ssh:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

function bootstrapRepo(ctx: ValidationContext): Problem[] {
  const url = ctx.plan.addons.argocd.bootstrapRepoUrl;
  if (url === undefined || isGitUrl(url)) return [];
  const fix = typeof url === 'string' && url.startsWith('http://') ? `use https: ${url.replace(/^http:/, 'https:')}` : 'write an https or ssh git URL, e.g. https://github.com/you/gitops.git or git@github.com:you/gitops.git';
  return [error('addons.argocd.bootstrapRepoUrl', url, 'is not an https or ssh git URL', fix)];
}

function bootstrapRevision(ctx: ValidationContext): Problem[] {
  const argocd = ctx.def.addons?.argocd;
  if (!argocd?.bootstrapRepoUrl) return [];
  const revision = argocd.bootstrapRevision;
  if (revision === undefined || revision.trim() === '') {
    return [error('addons.argocd.bootstrapRevision', revision, 'is required with bootstrapRepoUrl: the bootstrap Application is pinned by default', 'set a tag or commit, e.g. "v0.1.0" (or a branch name to follow every push deliberately)')];
  }
  if (MOVING_REVISIONS.has(revision)) {
    return [warning('addons.argocd.bootstrapRevision', revision, 'is a branch: the cluster follows every push to it', 'pin a tag or commit, e.g. "v0.1.0"')];
  }
  return [];
}

function issuerName(ctx: ValidationContext): Problem[] {
  const name = ctx.plan.addons.certManager.caIssuerName;
  if (name === undefined || isDnsSubdomain(name)) return [];
  return [error('addons.certManager.caIssuerName', name, 'is not a valid Kubernetes object name (DNS-1123 subdomain)', `e.g. ${toDnsLabel(name) || 'homelab-ca'}`)];
}

/** Every problem of add-on settings (the load-balancer range has its own module). */
export function addonProblems(ctx: ValidationContext): Problem[] {
  return [...cni(ctx), ...bootstrapRepo(ctx), ...bootstrapRevision(ctx), ...issuerName(ctx)];
}
