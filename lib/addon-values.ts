/**
 * Chart values that follow from the cluster definition (its switches), merged after the values files. The
 * definition is the switch: a values file cannot turn these features on or off behind its back. Pure.
 */
import { ClusterPlan } from './cluster-plan';
import { HelmValues } from './helm-values';

/** The ClusterIssuer Hubble's certificates come from, when cert-manager and its CA issuer are enabled. */
export function hubbleIssuer(plan: Pick<ClusterPlan, 'addons'>): string | undefined {
  const cm = plan.addons.certManager;
  return cm.enabled ? cm.caIssuerName : undefined;
}

/**
 * Cilium values from the definition: L2 announcements exactly when a load-balancer range is set; the Gateway API
 * (with ALPN and appProtocol, and Cilium's GatewayClass) when enabled; Hubble with relay and UI when enabled, its
 * TLS from cert-manager's CA issuer when there is one, otherwise from Cilium's in-cluster CronJob (never from
 * Helm, whose certificates change on every render and never rotate); one operator replica on a one-node cluster
 * (the chart's two replicas repel each other).
 */
export function ciliumPlanValues(plan: Pick<ClusterPlan, 'addons' | 'nodes'>): HelmValues {
  const c = plan.addons.cilium;
  const issuer = hubbleIssuer(plan);
  const values: Record<string, unknown> = {
    l2announcements: { enabled: c.loadBalancerRange !== undefined },
    gatewayAPI: c.gatewayApi ? { enabled: true, enableAlpn: true, enableAppProtocol: true, gatewayClass: { create: 'true' } } : { enabled: false },
    hubble: c.hubble
      ? {
          enabled: true,
          relay: { enabled: true },
          ui: { enabled: true },
          tls: {
            enabled: true,
            auto: issuer
              ? { enabled: true, method: 'certmanager', certManagerIssuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: issuer } }
              : { enabled: true, method: 'cronJob' },
          },
        }
      : { enabled: false },
  };
  if (plan.nodes.length === 1) values.operator = { replicas: 1 };
  return values;
}

/** API versions Cilium's chart may assume: cert-manager's when Hubble certificates come from it, the Gateway API's. */
export function ciliumApiVersions(plan: Pick<ClusterPlan, 'addons'>): string[] {
  const out: string[] = [];
  if (plan.addons.cilium.hubble && hubbleIssuer(plan)) out.push('cert-manager.io/v1');
  if (plan.addons.cilium.gatewayApi) out.push('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1/GatewayClass');
  return out;
}

/** cert-manager values from the definition: Gateway API support (certificates for Gateways) when Cilium serves it. */
export function certManagerPlanValues(plan: Pick<ClusterPlan, 'addons'>): HelmValues {
  const gateway = plan.addons.cilium.enabled && plan.addons.cilium.gatewayApi;
  return gateway ? { config: { enableGatewayAPI: true } } : {};
}

/** Argo CD values from the definition: `global.domain` when `addons.argocd.domain` is set. */
export function argocdPlanValues(plan: Pick<ClusterPlan, 'addons'>): HelmValues {
  const domain = plan.addons.argocd.domain;
  return domain ? { global: { domain } } : {};
}
