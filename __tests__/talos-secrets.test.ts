import { homelab } from '../clusters/homelab';
import { TalosSecrets } from '../constructs/talos-secrets';
import { blockById, nameById, planOf, synthJson, talosTestStack } from './support/talos-test-stack';

describe('TalosSecrets', () => {
  test('defines machine secrets with the config contract, protected against destroy and contract changes', () => {
    // GIVEN the example cluster
    const plan = planOf(homelab);
    const stack = talosTestStack(plan);

    // WHEN
    new TalosSecrets(stack, 'secrets', { plan });
    const json = synthJson(stack);

    // THEN
    const secrets = blockById(json, 'resource', 'talos_machine_secrets', 'machine-secrets');
    expect(secrets).toEqual({ talos_version: 'v1.13', lifecycle: { prevent_destroy: true, ignore_changes: ['talos_version'] } });
  });

  test('defines replaceable machine secrets only when the definition allows it', () => {
    // GIVEN the documented escape hatch
    const plan = planOf(homelab, { allowMachineSecretsReplacement: true });
    const stack = talosTestStack(plan);

    // WHEN
    new TalosSecrets(stack, 'secrets', { plan });
    const json = synthJson(stack);

    // THEN
    expect(blockById(json, 'resource', 'talos_machine_secrets', 'machine-secrets')).toEqual({ talos_version: 'v1.13' });
  });

  test('defines a talosconfig whose endpoints are the control-plane IPs, never the VIP', () => {
    // GIVEN the example: 3 control planes, 2 workers, VIP 192.168.10.10
    const plan = planOf(homelab);
    const stack = talosTestStack(plan);

    // WHEN
    new TalosSecrets(stack, 'secrets', { plan });
    const json = synthJson(stack);

    // THEN
    const client = blockById(json, 'data', 'talos_client_configuration', 'client-configuration');
    const secretsName = nameById(json, 'resource', 'talos_machine_secrets', 'machine-secrets');
    expect(client.endpoints).toEqual(['192.168.10.11', '192.168.10.12', '192.168.10.13']);
    expect(client.endpoints).not.toContain(plan.vip);
    expect(client.nodes).toEqual(['192.168.10.11', '192.168.10.12', '192.168.10.13', '192.168.10.21', '192.168.10.22']);
    expect(client.cluster_name).toBe('homelab');
    expect(client.client_configuration).toBe(`\${talos_machine_secrets.${secretsName}.client_configuration}`);
  });

  test('defines the talosconfig file in the access folder with mode 0600', () => {
    // GIVEN the example
    const plan = planOf(homelab);
    const stack = talosTestStack(plan);

    // WHEN
    new TalosSecrets(stack, 'secrets', { plan });
    const json = synthJson(stack);

    // THEN
    const clientName = nameById(json, 'data', 'talos_client_configuration', 'client-configuration');
    expect(blockById(json, 'resource', 'local_sensitive_file', 'talosconfig-file')).toEqual({
      filename: '../../../access/homelab/talosconfig',
      content: `\${data.talos_client_configuration.${clientName}.talos_config}`,
      file_permission: '0600',
      directory_permission: '0700',
    });
  });

  test('defines no secret value in the synthesized JSON', () => {
    // GIVEN the example
    const plan = planOf(homelab);
    const stack = talosTestStack(plan);

    // WHEN
    new TalosSecrets(stack, 'secrets', { plan });
    const text = JSON.stringify(synthJson(stack));

    // THEN every secret is a reference, never a literal
    expect(text).not.toMatch(/BEGIN|PRIVATE|-----/);
  });
});
