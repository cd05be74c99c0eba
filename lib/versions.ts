/**
 * Every version the project pins, in one place.
 *
 * Bumping `TALOS_VERSION` or `KUBERNETES_VERSION` and running `cdktf deploy` rolls an upgrade (README "Upgrades").
 * Each constant carries a Renovate marker that `renovate.json`'s regex manager reads; keep the comment directly
 * above its constant. Why these defaults fit together: README "Versions".
 */

/** Talos Linux release the nodes run (boot image and installer). */
// renovate: datasource=github-releases depName=siderolabs/talos
export const TALOS_VERSION = 'v1.13.9';

/**
 * Talos machine-config contract: what `talos_machine_secrets` and `talos_machine_configuration` are generated
 * with. At most the Talos minor the pinned Talos provider embeds (provider 0.11.0 embeds machinery 1.13).
 */
// renovate: datasource=github-releases depName=siderolabs/talos extractVersion=^v(?<version>\d+\.\d+)
export const TALOS_CONFIG_CONTRACT = 'v1.13';

/** Kubernetes release, within the Talos support window of `TALOS_VERSION`. */
// renovate: datasource=github-releases depName=kubernetes/kubernetes
export const KUBERNETES_VERSION = '1.36.3';

/** Cilium Helm chart (https://helm.cilium.io). */
// renovate: datasource=helm registryUrl=https://helm.cilium.io depName=cilium
export const CILIUM_CHART_VERSION = '1.20.0';

/** Argo CD Helm chart (`argo-cd` from https://argoproj.github.io/argo-helm). */
// renovate: datasource=helm registryUrl=https://argoproj.github.io/argo-helm depName=argo-cd
export const ARGOCD_CHART_VERSION = '10.2.2';

/** cert-manager Helm chart (https://charts.jetstack.io). */
// renovate: datasource=helm registryUrl=https://charts.jetstack.io depName=cert-manager
export const CERT_MANAGER_CHART_VERSION = 'v1.21.2';

/** Gateway API CRDs installed with Cilium when the Gateway API is enabled. */
// renovate: datasource=github-releases depName=kubernetes-sigs/gateway-api
export const GATEWAY_API_VERSION = 'v1.6.1';

/**
 * siderolabs/talos Terraform provider. The bindings in .gen/providers/talos carry the version written into the
 * stack; synth refuses while this constant and .gen/PROVENANCE.json disagree (regenerate: `npm run bindings`).
 */
// renovate: datasource=terraform-provider depName=siderolabs/talos
export const TALOS_PROVIDER_VERSION = '0.11.0';

/**
 * bpg/proxmox Terraform provider. The bindings in .gen/providers/proxmox carry the version written into the stack;
 * synth refuses while this constant and .gen/PROVENANCE.json disagree (regenerate: `npm run bindings`).
 */
// renovate: datasource=terraform-provider depName=bpg/proxmox
export const PROXMOX_PROVIDER_VERSION = '0.111.1';

/** hashicorp/helm Terraform provider, fixed by the prebuilt @cdktf/provider-helm 12.1.2 bindings. */
export const HELM_PROVIDER_VERSION = '3.1.1';

/** hashicorp/local Terraform provider, fixed by the prebuilt @cdktf/provider-local 11.1.1 bindings. */
export const LOCAL_PROVIDER_VERSION = '2.6.1';

/** Highest Talos config contract each Talos provider release can generate (the machinery it embeds). */
export const PROVIDER_MAX_CONTRACT: Readonly<Record<string, string>> = {
  '0.10.0': 'v1.12',
  '0.11.0': 'v1.13',
};
