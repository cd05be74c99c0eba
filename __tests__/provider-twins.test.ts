/**
 * The provider twins' answers, called in-process as Terraform calls them over gRPC: what a plan marks unknown or
 * replaces, what an apply fills in, and how a test overrides a data source or an apply (TWINS_FIXTURES).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeValue, encodeValue, isObject, ObjectValue, UNKNOWN, Value } from '../twins/dynamic-value';
import { FIXTURES_ENV } from '../twins/fixtures';
import { providerHandlers } from '../twins/provider';
import { loadProviderSchema, TWIN_PROVIDERS } from '../twins/schema';

type Response = Record<string, any>;

/** Calls one handler of the twin of provider `name` as the gRPC server would. */
const handlersByName = new Map<string, ReturnType<typeof providerHandlers>>();
function call(name: string, method: string, request: Record<string, unknown>): Response {
  const provider = TWIN_PROVIDERS.find((p) => p.name === name)!;
  if (!handlersByName.has(name)) handlersByName.set(name, providerHandlers(provider, loadProviderSchema(provider)));
  const handlers = handlersByName.get(name)!;
  let response: Response = {};
  handlers[method]({ request }, (err, r) => {
    if (err) throw err;
    response = r!;
  });
  return response;
}

const dv = (v: Value) => encodeValue(v);
const read = (d: { msgpack: Uint8Array }) => decodeValue(d.msgpack) as ObjectValue;
const steps = (r: Response) =>
  (r.requires_replace as { steps: Record<string, unknown>[] }[]).map((p) => p.steps.map((s) => s.attribute_name ?? s.element_key_int));

/** A VM object with every attribute of the schema null except `values` (as Terraform sends it). */
function vm(values: ObjectValue): ObjectValue {
  const schema = loadProviderSchema(TWIN_PROVIDERS[0]).resource_schemas!.proxmox_virtual_environment_vm.block;
  const empty: ObjectValue = Object.fromEntries(Object.keys(schema.attributes ?? {}).map((a) => [a, null]));
  for (const [b, bt] of Object.entries(schema.block_types ?? {})) empty[b] = bt.nesting_mode === 'list' || bt.nesting_mode === 'set' ? [] : null;
  return { ...empty, ...values };
}

describe('provider twins', () => {
  const saved = process.env[FIXTURES_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[FIXTURES_ENV];
    else process.env[FIXTURES_ENV] = saved;
  });

  test('defines a create plan with every computed attribute the configuration leaves null unknown', () => {
    // GIVEN a new VM
    const config = vm({ node_name: 'pve1', vm_id: 8011, name: 'cp-1' });

    // WHEN
    const r = call('proxmox', 'PlanResourceChange', {
      type_name: 'proxmox_virtual_environment_vm',
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });

    // THEN
    const planned = read(r.planned_state);
    expect(planned.id).toBe(UNKNOWN);
    expect(planned.ipv4_addresses).toBe(UNKNOWN);
    expect(planned.vm_id).toBe(8011);
    expect(planned.name).toBe('cp-1');
    expect(r.requires_replace).toEqual([]);
  });

  test.each([
    ['vm_id', { vm_id: 8012 }, [['vm_id']]],
    ['node_name without migrate', { node_name: 'pve2' }, [['node_name']]],
    ['node_name with migrate', { node_name: 'pve2', migrate: true }, []],
    ['name', { name: 'renamed' }, []],
  ])('defines the replacement the bpg VM forces when %s changes', (_what, change, expected) => {
    // GIVEN an applied VM
    const prior = vm({ id: '8011', node_name: 'pve1', vm_id: 8011, name: 'cp-1', migrate: false });
    const proposed = { ...prior, ...change };

    // WHEN
    const r = call('proxmox', 'PlanResourceChange', {
      type_name: 'proxmox_virtual_environment_vm',
      prior_state: dv(prior),
      proposed_new_state: dv(proposed),
      config: dv({ ...proposed, id: null }),
    });

    // THEN
    expect(steps(r)).toEqual(expected);
    expect(read(r.planned_state).id).toBe('8011');
  });

  test('defines a changed schematic whose ID is unknown until applied, and then the sha256 of its YAML', () => {
    // GIVEN a plugin-framework resource without UseStateForUnknown on its ID
    const prior = { id: 'a'.repeat(64), schematic: 'customization: {}\n' };
    const proposed = { id: prior.id, schematic: 'customization:\n    extraKernelArgs:\n        - quiet\n' };

    // WHEN
    const plan = call('talos', 'PlanResourceChange', {
      type_name: 'talos_image_factory_schematic',
      prior_state: dv(prior),
      proposed_new_state: dv(proposed),
      config: dv({ ...proposed, id: null }),
    });
    const applied = call('talos', 'ApplyResourceChange', {
      type_name: 'talos_image_factory_schematic',
      prior_state: dv(prior),
      planned_state: plan.planned_state,
      config: dv({ ...proposed, id: null }),
    });

    // THEN
    expect(read(plan.planned_state).id).toBe(UNKNOWN);
    expect(read(applied.new_state).id).toBe(createHash('sha256').update(proposed.schematic).digest('hex'));
  });

  test('defines a talos_machine_secrets downgrade as a replacement and an upgrade as none', () => {
    // GIVEN secrets generated for Talos 1.13
    const prior = { id: 'x', talos_version: 'v1.13', machine_secrets: null, client_configuration: null };
    const plan = (v: string) =>
      call('talos', 'PlanResourceChange', {
        type_name: 'talos_machine_secrets',
        prior_state: dv(prior),
        proposed_new_state: dv({ ...prior, talos_version: v }),
        config: dv({ talos_version: v }),
      });

    // WHEN / THEN
    expect(steps(plan('v1.12'))).toEqual([['talos_version']]);
    expect(steps(plan('v1.14'))).toEqual([]);
  });

  test('defines an apply that fills every unknown, deterministically', () => {
    // GIVEN a planned VM
    const config = vm({ node_name: 'pve1', vm_id: 8011 });
    const planned = call('proxmox', 'PlanResourceChange', {
      type_name: 'proxmox_virtual_environment_vm',
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    }).planned_state;

    // WHEN applied twice
    const apply = () =>
      read(
        call('proxmox', 'ApplyResourceChange', {
          type_name: 'proxmox_virtual_environment_vm',
          prior_state: dv(null),
          planned_state: planned,
          config: dv(config),
        }).new_state,
      );
    const [a, b] = [apply(), apply()];

    // THEN
    const hasUnknown = (v: Value): boolean =>
      v === UNKNOWN || (Array.isArray(v) ? v.some(hasUnknown) : isObject(v) ? Object.values(v).some(hasUnknown) : false);
    expect(hasUnknown(a)).toBe(false);
    expect(a.id).toBe('8011');
    expect(a).toEqual(b);
  });

  describe('with a fixture file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-fixtures-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function useFixtures(fixtures: unknown): void {
      process.env[FIXTURES_ENV] = path.join(dir, 'fixtures.json');
      fs.writeFileSync(process.env[FIXTURES_ENV]!, JSON.stringify(fixtures));
    }

    test('fails a data source read matching an error entry, with its message', () => {
      // GIVEN
      useFixtures({ data: { proxmox_virtual_environment_node: [{ when: { node_name: 'pve9' }, error: 'node pve9 does not exist' }] } });

      // WHEN
      const missing = call('proxmox', 'ReadDataSource', { type_name: 'proxmox_virtual_environment_node', config: dv({ node_name: 'pve9' }) });
      const present = call('proxmox', 'ReadDataSource', { type_name: 'proxmox_virtual_environment_node', config: dv({ node_name: 'pve1' }) });

      // THEN
      expect(missing.diagnostics).toEqual([expect.objectContaining({ severity: 1, summary: 'node pve9 does not exist' })]);
      expect(present.diagnostics).toEqual([]);
    });

    test('defines data source values from a values entry, missing attributes null', () => {
      // GIVEN a datastore without the import content type
      useFixtures({
        data: {
          proxmox_virtual_environment_datastores: [
            { values: { datastores: [{ id: 'local', node_name: 'pve1', type: 'dir', content_types: ['iso'] }] } },
          ],
        },
      });

      // WHEN
      const r = call('proxmox', 'ReadDataSource', {
        type_name: 'proxmox_virtual_environment_datastores',
        config: dv({ node_name: 'pve1', datastores: null, filters: null }),
      });

      // THEN
      const datastores = read(r.state).datastores as ObjectValue[];
      expect(datastores).toEqual([expect.objectContaining({ id: 'local', content_types: ['iso'], active: null })]);
    });

    test('fails an apply matching a resource error entry', () => {
      // GIVEN a VM ID taken by a foreign VM
      useFixtures({
        resources: { proxmox_virtual_environment_vm: [{ when: { vm_id: 8011 }, error: 'unable to create VM 8011: config file already exists' }] },
      });
      const config = vm({ node_name: 'pve1', vm_id: 8011 });

      // WHEN
      const r = call('proxmox', 'ApplyResourceChange', {
        type_name: 'proxmox_virtual_environment_vm',
        prior_state: dv(null),
        planned_state: dv(config),
        config: dv(config),
      });

      // THEN
      expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 1, summary: 'unable to create VM 8011: config file already exists' })]);
    });
  });
});
