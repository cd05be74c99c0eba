/**
 * The typed Kubernetes objects the add-ons need beside their charts: Cilium's load-balancer pool and L2
 * announcement policy, cert-manager's self-signed root and CA issuer, Argo CD's app-of-apps Application.
 * Pure builders: no CDKTF, no I/O.
 */
import { ClusterPlan } from './cluster-plan';
import { parseRange } from './ipv4';
import { KubernetesObject } from './k8s-objects';

/**
 * `CiliumLoadBalancerIPPool`: `cilium.io/v2` (promoted in Cilium 1.18, cilium/cilium#39134 deprecated v2alpha1;
 * v2alpha1 is no longer served by the releases this project pins). Cluster-scoped.
 */
export interface CiliumLoadBalancerIPPool extends KubernetesObject {
  readonly apiVersion: 'cilium.io/v2';
  readonly kind: 'CiliumLoadBalancerIPPool';
  readonly spec: { readonly blocks: readonly ({ readonly start: string; readonly stop: string } | { readonly cidr: string })[] };
}

/** `CiliumL2AnnouncementPolicy`: still `cilium.io/v2alpha1` in Cilium 1.20. Cluster-scoped. */
export interface CiliumL2AnnouncementPolicy extends KubernetesObject {
  readonly apiVersion: 'cilium.io/v2alpha1';
  readonly kind: 'CiliumL2AnnouncementPolicy';
  readonly spec: {
    /** Go regular expressions matched against node interface names. */
    readonly interfaces: readonly string[];
    readonly loadBalancerIPs: boolean;
    readonly externalIPs: boolean;
  };
}

/** A cert-manager issuer reference. */
export interface IssuerRef {
  readonly group: 'cert-manager.io';
  readonly kind: 'ClusterIssuer' | 'Issuer';
  readonly name: string;
}

/** cert-manager `ClusterIssuer` (self-signed or CA). */
export interface ClusterIssuer extends KubernetesObject {
  readonly apiVersion: 'cert-manager.io/v1';
  readonly kind: 'ClusterIssuer';
  readonly spec: { readonly selfSigned: Record<string, never> } | { readonly ca: { readonly secretName: string } };
}

/** cert-manager `Certificate`. */
export interface Certificate extends KubernetesObject {
  readonly apiVersion: 'cert-manager.io/v1';
  readonly kind: 'Certificate';
  readonly spec: {
    readonly isCA: boolean;
    readonly commonName: string;
    readonly secretName: string;
    readonly duration: string;
    readonly renewBefore: string;
    readonly privateKey: { readonly algorithm: 'ECDSA'; readonly size: 256 };
    readonly issuerRef: IssuerRef;
  };
}

/** Argo CD `Application`. */
export interface ArgoCdApplication extends KubernetesObject {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'Application';
  readonly spec: {
    readonly project: string;
    readonly source: { readonly repoURL: string; readonly path: string; readonly targetRevision: string };
    readonly destination: { readonly server: string; readonly namespace: string };
    readonly syncPolicy: { readonly automated: { readonly prune: boolean; readonly selfHeal: boolean } };
  };
}

/** Name of the load-balancer pool and (with `-l2`) of its announcement policy. */
export const LB_POOL_NAME = 'lb-pool';

/** The Go regular expression that matches exactly the node NIC `nicName` (e.g. `^eth0$`). */
export function interfacePattern(nicName: string): string {
  return `^${nicName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/**
 * The pool built from `addons.cilium.loadBalancerRange` and the policy that announces its addresses over ARP on
 * the node NIC; none when no range is set.
 * @throws Error when the range is not `first-last` (validation reports it with context first).
 */
export function ciliumLoadBalancerObjects(plan: Pick<ClusterPlan, 'nicName' | 'addons'>): (CiliumLoadBalancerIPPool | CiliumL2AnnouncementPolicy)[] {
  const text = plan.addons.cilium.loadBalancerRange;
  if (text === undefined) return [];
  const range = parseRange(text);
  if (!range)
    throw new Error(
      `addons.cilium.loadBalancerRange = ${JSON.stringify(text)}: not an address range. Fix: write first-last, e.g. 192.168.10.200-192.168.10.220`,
    );
  const pool: CiliumLoadBalancerIPPool = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumLoadBalancerIPPool',
    metadata: { name: LB_POOL_NAME },
    spec: { blocks: [{ start: range.first, stop: range.last }] },
  };
  const policy: CiliumL2AnnouncementPolicy = {
    apiVersion: 'cilium.io/v2alpha1',
    kind: 'CiliumL2AnnouncementPolicy',
    metadata: { name: `${LB_POOL_NAME}-l2` },
    spec: { interfaces: [interfacePattern(plan.nicName)], loadBalancerIPs: true, externalIPs: false },
  };
  return [pool, policy];
}

/**
 * A self-signed `ClusterIssuer` (`<name>-selfsigned`), a root CA `Certificate` (`<name>-root`, key and
 * certificate generated in the cluster by cert-manager, secret in `namespace`) and the CA `ClusterIssuer` `name`
 * that signs from it. A ClusterIssuer reads its secret from cert-manager's own namespace, hence `namespace`.
 */
export function certManagerCaObjects(name: string, namespace: string): (ClusterIssuer | Certificate)[] {
  const selfSigned = `${name}-selfsigned`;
  const secretName = `${name}-root`;
  return [
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: selfSigned }, spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: secretName, namespace },
      spec: {
        isCA: true,
        // commonName is limited to 64 characters (X.509 ub-common-name).
        commonName: name.slice(0, 64),
        secretName,
        // Ten years; cert-manager renews it 30 days before expiry. Leaf certificates re-issue from the new root.
        duration: '87600h',
        renewBefore: '720h',
        privateKey: { algorithm: 'ECDSA', size: 256 },
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: selfSigned },
      },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name }, spec: { ca: { secretName } } },
  ];
}

/** Name of the bootstrap (app-of-apps) Application. */
export const BOOTSTRAP_APPLICATION_NAME = 'app-of-apps';

/**
 * The app-of-apps `Application`: Argo CD syncs `bootstrapPath` of `bootstrapRepoUrl` at `bootstrapRevision` into
 * the cluster it runs in, automatically, pruning what the repository drops and reverting drift. Undefined when no
 * repository is set.
 */
export function argoCdBootstrapApplication(argocd: ClusterPlan['addons']['argocd'], namespace: string): ArgoCdApplication | undefined {
  if (!argocd.bootstrapRepoUrl) return undefined;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: BOOTSTRAP_APPLICATION_NAME, namespace },
    spec: {
      project: 'default',
      source: { repoURL: argocd.bootstrapRepoUrl, path: argocd.bootstrapPath, targetRevision: argocd.bootstrapRevision },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}
