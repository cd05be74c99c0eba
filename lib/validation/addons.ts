/**
 * Rules for add-on settings: exactly one CNI (Cilium, or Talos' Flannel when Cilium is off), an Argo CD bootstrap
 * repository Argo CD can clone (https or ssh), and a cert-manager issuer name Kubernetes accepts.
 */
import { isDnsSubdomain, toDnsLabel } from '../dns-names';
import { error, Problem, warning } from '../problems';
import { ValidationContext } from './context';
import { ClusterPlan } from '../cluster-plan';

/** Revisions that move with every push; an app-of-apps tracking one follows whatever lands there. */
const MOVING_REVISIONS = new Set(['main', 'master', 'HEAD', 'trunk', 'develop']);

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s/:][^\s]*$/;

/**
 * Add-on switches that contradict each other: exactly one CNI, and no setting of an add-on that is off. Used by
 * `validateCluster` and, eagerly, by the `ClusterAddons` construct.
 */
export function addonSwitchProblems(plan: Pick<ClusterPlan, 'addons'>): Problem[] {
  const { cni, cilium, certManager, argocd } = plan.addons;
  const out: Problem[] = [];
  if (!cilium.enabled && cni === 'none') {
    out.push(
      error(
        'addons.cni',
        cni,
        'is none while Cilium is disabled, so the cluster would have no CNI and no pod would start',
        "set cni to 'flannel' (or remove it), or enable Cilium",
      ),
    );
  }
  if (cilium.enabled && cni === 'flannel') {
    out.push(
      error(
        'addons.cni',
        cni,
        'is flannel while Cilium is enabled; two CNIs cannot share the nodes',
        "remove cni (Cilium needs 'none'), or disable Cilium",
      ),
    );
  }
  if (!cilium.enabled) {
    if (cilium.loadBalancerRange !== undefined) {
      out.push(
        error(
          'addons.cilium.loadBalancerRange',
          cilium.loadBalancerRange,
          'is set while Cilium is disabled; only Cilium hands out and announces these addresses',
          'remove loadBalancerRange, or enable Cilium',
        ),
      );
    }
    if (cilium.gatewayApi)
      out.push(
        error(
          'addons.cilium.gatewayApi',
          true,
          'is set while Cilium is disabled; the Gateway API is served by Cilium',
          'remove gatewayApi, or enable Cilium',
        ),
      );
    if (cilium.hubble)
      out.push(error('addons.cilium.hubble', true, 'is set while Cilium is disabled; Hubble is part of Cilium', 'remove hubble, or enable Cilium'));
  }
  if (!certManager.enabled && certManager.caIssuerName !== undefined) {
    out.push(
      error(
        'addons.certManager.caIssuerName',
        certManager.caIssuerName,
        'the CA issuer needs cert-manager, which is disabled',
        'remove caIssuerName, or enable cert-manager',
      ),
    );
  }
  if (!argocd.enabled && argocd.bootstrapRepoUrl !== undefined) {
    out.push(
      error(
        'addons.argocd.bootstrapRepoUrl',
        argocd.bootstrapRepoUrl,
        'the bootstrap Application needs Argo CD, which is disabled',
        'remove bootstrapRepoUrl, or enable Argo CD',
      ),
    );
  }
  return out;
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
  const fix =
    typeof url === 'string' && url.startsWith('http://')
      ? `use https: ${url.replace(/^http:/, 'https:')}`
      : 'write an https or ssh git URL, e.g. https://github.com/you/gitops.git or git@github.com:you/gitops.git';
  return [error('addons.argocd.bootstrapRepoUrl', url, 'is not an https or ssh git URL', fix)];
}

function bootstrapRevision(ctx: ValidationContext): Problem[] {
  const argocd = ctx.def.addons?.argocd;
  if (!argocd?.bootstrapRepoUrl) return [];
  const revision = argocd.bootstrapRevision;
  if (revision === undefined || revision.trim() === '') {
    return [
      error(
        'addons.argocd.bootstrapRevision',
        revision,
        'is required with bootstrapRepoUrl: the bootstrap Application is pinned by default',
        'set a tag or commit, e.g. "v0.1.0" (or a branch name to follow every push deliberately)',
      ),
    ];
  }
  if (MOVING_REVISIONS.has(revision)) {
    return [
      warning('addons.argocd.bootstrapRevision', revision, 'is a branch: the cluster follows every push to it', 'pin a tag or commit, e.g. "v0.1.0"'),
    ];
  }
  return [];
}

function issuerName(ctx: ValidationContext): Problem[] {
  const name = ctx.plan.addons.certManager.caIssuerName;
  if (name === undefined || isDnsSubdomain(name)) return [];
  return [
    error(
      'addons.certManager.caIssuerName',
      name,
      'is not a valid Kubernetes object name (DNS-1123 subdomain)',
      `e.g. ${toDnsLabel(name) || 'homelab-ca'}`,
    ),
  ];
}

function argocdDomain(ctx: ValidationContext): Problem[] {
  const domain = ctx.plan.addons.argocd.domain;
  if (domain === undefined || isDnsSubdomain(domain)) return [];
  return [error('addons.argocd.domain', domain, 'is not a host name (lowercase DNS name)', 'e.g. argocd.home.arpa')];
}

/** Every problem of add-on settings (the load-balancer range's placement has its own module). */
export function addonProblems(ctx: ValidationContext): Problem[] {
  return [...addonSwitchProblems(ctx.plan), ...bootstrapRepo(ctx), ...bootstrapRevision(ctx), ...issuerName(ctx), ...argocdDomain(ctx)];
}
