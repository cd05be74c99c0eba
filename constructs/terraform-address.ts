/** Terraform addresses of synthesized resources, for `replace_triggered_by` and similar references. */
import { TerraformResource } from './cdk';

/** `<type>.<name>` of a resource as cdktf synthesizes it (e.g. `terraform_data.vms_identity-homelab-cp-1_4732AF91`). */
export function resourceAddress(resource: Pick<TerraformResource, 'terraformResourceType' | 'friendlyUniqueId'>): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
