/**
 * Objects that a controller's admission webhook must admit, and so can only be created once that controller runs.
 *
 * Talos applies all inline manifests as one list (manifests by name, then namespaces first, CRDs second, the rest
 * in manifest order) and abandons the whole pass, retrying it later, at the first error that is not a bad object:
 * a webhook that cannot be called is such an error (siderolabs/talos v1.13.9
 * internal/app/machined/pkg/controllers/k8s/manifest_apply.go `apply`: `IsBadRequest`/`IsInvalid`/
 * `IsMethodNotSupported` continue, anything else returns). cert-manager's webhook (registered by its chart for
 * `cert-manager.io` and `acme.cert-manager.io`) answers only once the CNI runs; a cert-manager object placed before
 * the CNI's objects would keep Cilium from ever being created. The helm provider does not keep template order
 * either: `helm_template` re-sorts the rendered documents by key text (`manifest-0`, `manifest-1`, `manifest-10`…,
 * hashicorp/terraform-provider-helm v3.1.1 helm/data_helm_template.go `sort.Strings(manifestsToRender)`). So every
 * such object goes into the late `cluster-addon-resources` manifest, after all others. Pure.
 */
import { KubernetesObject } from './k8s-objects';

/** API groups whose objects only a running controller's webhook admits. */
export const WEBHOOK_API_GROUPS: readonly string[] = ['cert-manager.io', 'acme.cert-manager.io'];

/** True when `o` belongs to a group of {@link WEBHOOK_API_GROUPS}. */
export function needsControllerWebhook(o: Pick<KubernetesObject, 'apiVersion'>): boolean {
  const slash = o.apiVersion.indexOf('/');
  return slash > 0 && WEBHOOK_API_GROUPS.includes(o.apiVersion.slice(0, slash));
}

/**
 * RE2 pattern (Terraform `regexall`) that matches a rendered YAML document whose top-level `apiVersion` is in one of
 * {@link WEBHOOK_API_GROUPS}. Written without backslashes and quotes so it embeds as is in an HCL string.
 */
export const WEBHOOK_DOCUMENT_PATTERN = `(?m)^apiVersion: *(${WEBHOOK_API_GROUPS.map((g) => g.replace(/\./g, '[.]')).join('|')})/`;
