/**
 * Where a cluster stack keeps its Terraform state. The state holds the cluster's root secrets (machine secrets,
 * CA keys, kubeconfig): a local file is git-ignored (`*.tfstate`), a remote one must be private and encrypted.
 */
import path from 'node:path';
import { LocalBackend, PgBackend, PgBackendConfig, S3Backend, TerraformStack } from './cdk';
import { ClusterPlan } from '../lib/cluster-plan';
import { fromStackDir } from '../lib/paths';

/** Default state file of a cluster, relative to the project root. */
export function defaultStatePath(cluster: string): string {
  return `terraform.${cluster}.tfstate`;
}

/** Default S3 object key of a cluster's state. */
export function defaultStateKey(cluster: string): string {
  return `talos/${cluster}.tfstate`;
}

/** Default PostgreSQL schema of a cluster's state (dashes become underscores). */
export function defaultStateSchema(cluster: string): string {
  return `talos_${cluster.replace(/-/g, '_')}`;
}

/**
 * Configures `stack`'s backend from `plan.state`:
 * - `local` (default): one file per cluster, `terraform.<cluster>.tfstate` in the project root. The path is
 *   written relative to the stack folder (`../../../…`, where Terraform runs), never absolute, so the
 *   synthesized JSON is the same on every machine (cdktf's own default is an absolute cwd-based path).
 *   An absolute `path` is kept as given.
 * - `s3`: an S3-compatible bucket with S3-native lock files (`use_lockfile`, Terraform ≥ 1.10; cdktf 0.21 has
 *   no property for it, hence the override). With an `endpoint` (MinIO, Ceph RGW, Garage) path-style
 *   addressing is used and the AWS-only checks (STS, IAM, EC2 metadata, region names) are skipped; on AWS the
 *   object is encrypted at rest. Credentials come from the `AWS_*` environment variables.
 * - `pg`: PostgreSQL with its built-in advisory locks. `conn_str` is left out so Terraform reads
 *   `PG_CONN_STR` from the environment and the password never reaches cdk.tf.json.
 */
export function configureStateBackend(stack: TerraformStack, plan: ClusterPlan): void {
  const state = plan.state;
  switch (state.type) {
    case 'local': {
      const file = state.path ?? defaultStatePath(plan.name);
      new LocalBackend(stack, { path: path.isAbsolute(file) ? file : fromStackDir(file) });
      return;
    }
    case 's3': {
      const custom = state.endpoint !== undefined;
      new S3Backend(stack, {
        bucket: state.bucket,
        key: state.key ?? defaultStateKey(plan.name),
        region: state.region ?? 'us-east-1',
        ...(custom
          ? {
              endpoints: { s3: state.endpoint },
              usePathStyle: true,
              skipCredentialsValidation: true,
              skipRequestingAccountId: true,
              skipMetadataApiCheck: true,
              skipRegionValidation: true,
            }
          : { encrypt: true }),
      });
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    }
    case 'pg': {
      // conn_str is required by the cdktf type but optional for Terraform, which then reads PG_CONN_STR.
      const config = { schemaName: state.schemaName ?? defaultStateSchema(plan.name) } as PgBackendConfig;
      new PgBackend(stack, config);
      return;
    }
  }
}
