/**
 * The plan-time Image Factory checks (lib/factory-checks.ts) judged by real Terraform: the preconditions the
 * schematic carries, evaluated against stand-ins for the factory's data sources (locals), stop the plan exactly when
 * the Talos release or an extension is missing, with the message the user sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { factoryPreconditions } from '../lib/factory-checks';
import { runTerraform } from './support/terraform-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Plans a terraform_data carrying the preconditions, with the factory's answers as locals. */
function planWith(factory: { versions: string[]; extensions: string[] }, wanted: { talosVersion: string; extensions: string[] }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factory-checks-'));
  dirs.push(dir);
  const precondition = factoryPreconditions({ ...wanted, versionsExpression: 'local.versions', extensionNamesExpression: 'local.names' }).map(
    (p) => ({
      condition: p.condition,
      error_message: p.errorMessage,
    }),
  );
  const config = {
    locals: { versions: factory.versions, names: factory.extensions },
    resource: { terraform_data: { schematic: { lifecycle: { precondition } } } },
  };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const init = runTerraform(dir, ['init', '-input=false', '-no-color']);
  expect(init.code).toBe(0);
  const plan = runTerraform(dir, ['plan', '-input=false', '-no-color']);
  return { ...plan, flat: plan.output.replace(/\s*│\s*/g, ' ').replace(/\s+/g, ' ') };
}

const FACTORY = { versions: ['v1.13.8', 'v1.13.9'], extensions: ['siderolabs/qemu-guest-agent', 'siderolabs/iscsi-tools'] };

describe('Image Factory preconditions', () => {
  test('defines a plan that goes on when the factory serves the release and every extension', () => {
    // GIVEN / WHEN
    const plan = planWith(FACTORY, { talosVersion: 'v1.13.9', extensions: ['siderolabs/iscsi-tools', 'siderolabs/qemu-guest-agent'] });
    // THEN
    expect(plan.code).toBe(0);
  });

  test('fails when the factory does not serve the Talos release, naming it once', () => {
    // GIVEN / WHEN
    const plan = planWith(FACTORY, { talosVersion: 'v1.13.99', extensions: ['siderolabs/qemu-guest-agent'] });
    // THEN
    expect(plan.code).toBe(1);
    expect(plan.flat).toContain('The Image Factory serves no Talos release v1.13.99 (talos.version in the cluster definition)');
    expect(plan.output.match(/Error: Resource precondition failed/g)).toHaveLength(1);
  });

  test('fails when the factory has no such extension, naming the missing ones', () => {
    // GIVEN / WHEN
    const plan = planWith(FACTORY, { talosVersion: 'v1.13.9', extensions: ['siderolabs/qemu-guest-agnet', 'siderolabs/iscsi-tools'] });
    // THEN
    expect(plan.code).toBe(1);
    expect(plan.flat).toContain(
      'The Image Factory has no official extension siderolabs/qemu-guest-agnet for Talos v1.13.9 (talos.extensions in the cluster definition)',
    );
  });
});
