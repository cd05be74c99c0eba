import { homelab } from '../clusters/homelab';
import { TerraformStack, Testing } from '../constructs/cdk';
import { configureStateBackend } from '../constructs/state-backend';
import { StateBackendDefinition } from '../lib/cluster-definition';
import { planOf, synthJson, TfJson } from './support/talos-test-stack';

function terraformBlock(state?: StateBackendDefinition): TfJson {
  const plan = planOf(homelab, state ? { state } : {});
  const stack = new TerraformStack(Testing.app(), plan.name);
  configureStateBackend(stack, plan);
  return synthJson(stack).terraform;
}

describe('configureStateBackend', () => {
  test('defines a local state file per cluster in the project root, relative to the stack folder', () => {
    // GIVEN / WHEN the definition names no backend
    const terraform = terraformBlock();

    // THEN
    expect(terraform.backend).toEqual({ local: { path: '../../../terraform.homelab.tfstate' } });
  });

  test.each([
    ['state/homelab.tfstate', '../../../state/homelab.tfstate'],
    ['/var/lib/terraform/homelab.tfstate', '/var/lib/terraform/homelab.tfstate'],
  ])('defines the local path %s as %s', (given, expected) => {
    // GIVEN / WHEN
    const terraform = terraformBlock({ type: 'local', path: given });

    // THEN
    expect(terraform.backend.local.path).toBe(expected);
  });

  test('defines an S3-compatible backend with path-style addressing and lock files', () => {
    // GIVEN a MinIO bucket
    const state: StateBackendDefinition = { type: 's3', bucket: 'tfstate', endpoint: 'https://minio.home.arpa:9000' };

    // WHEN
    const terraform = terraformBlock(state);

    // THEN
    expect(terraform.backend).toEqual({
      s3: {
        bucket: 'tfstate',
        key: 'talos/homelab.tfstate',
        region: 'us-east-1',
        endpoints: { s3: 'https://minio.home.arpa:9000' },
        use_path_style: true,
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        use_lockfile: true,
      },
    });
  });

  test('defines an encrypted AWS S3 backend with lock files when no endpoint is given', () => {
    // GIVEN / WHEN
    const terraform = terraformBlock({ type: 's3', bucket: 'tfstate', key: 'clusters/homelab.tfstate', region: 'eu-central-1' });

    // THEN
    expect(terraform.backend).toEqual({
      s3: { bucket: 'tfstate', key: 'clusters/homelab.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
    });
  });

  test('defines a PostgreSQL backend without a connection string (Terraform reads PG_CONN_STR)', () => {
    // GIVEN / WHEN
    const terraform = terraformBlock({ type: 'pg' });

    // THEN
    expect(terraform.backend).toEqual({ pg: { schema_name: 'talos_homelab' } });
  });

  test('defines the PostgreSQL schema given in the definition', () => {
    // GIVEN / WHEN
    const terraform = terraformBlock({ type: 'pg', schemaName: 'lab_state' });

    // THEN
    expect(terraform.backend.pg).toEqual({ schema_name: 'lab_state' });
  });
});
