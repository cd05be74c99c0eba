/** A Kubernetes manifest Talos applies at bootstrap from the control planes' machine config. */
export interface InlineManifest {
  /** Manifest name (DNS-1123 subdomain, unique in the cluster). */
  readonly name: string;
  /** Multi-document YAML; usually a Terraform token (`helm_template` output). */
  readonly contents: string;
}
