/**
 * The only module that imports the CDK for Terraform runtime and its prebuilt provider packages.
 *
 * Everything else imports from here, so moving to CDK Terrain (`cdktn`) is a change of this file and
 * package.json (see README "Moving to CDK Terrain").
 */
export {
  App,
  Annotations,
  Fn,
  LocalBackend,
  PgBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  TerraformResource,
  Testing,
  Token,
  TerraformLocal,
  TerraformIterator,
  Op,
  propertyAccess,
} from 'cdktf';
export type { ITerraformDependable, PgBackendConfig } from 'cdktf';
export { DataResource as TerraformData } from 'cdktf';
export { HelmProvider } from '@cdktf/provider-helm/lib/provider';
export { DataHelmTemplate } from '@cdktf/provider-helm/lib/data-helm-template';
export { LocalProvider } from '@cdktf/provider-local/lib/provider';
export { SensitiveFile } from '@cdktf/provider-local/lib/sensitive-file';
