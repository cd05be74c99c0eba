import type { ErrorObject } from 'ajv';
import { homelab } from '../clusters/homelab';
import { definitionPath, StructureCheck, structureProblems } from '../lib/validation/structure';

/** The example with `patch` spread over it: a definition as an untyped user file could write it. */
const variant = (patch: Record<string, unknown>): unknown => ({ ...homelab, ...patch });
const firstWorker = homelab.workers!.nodes![0];
const withWorkerNodes = (nodes: unknown[]): unknown => variant({ workers: { ...homelab.workers, nodes } });

const STATE_TYPES = '"local", "s3", "pg"';

const VALIDATOR = '../.gen/cluster-definition.validate.js';

/**
 * `structureProblems` with a stand-in for the generated validator that rejects any definition with `errors`: ajv
 * errors of shapes the schema does not produce today (a `const` field, an integer, a keyword without its own message).
 */
function checkWithErrors(errors: Partial<ErrorObject>[]): StructureCheck {
  let check: StructureCheck | undefined;
  jest.isolateModules(() => {
    jest.doMock(VALIDATOR, () => Object.assign(() => false, { errors }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module, on the stand-in
    const fresh = require('../lib/validation/structure') as typeof import('../lib/validation/structure');
    check = fresh.structureProblems({});
  });
  jest.dontMock(VALIDATOR);
  return check!;
}

describe('definition shape problems, exactly as reported', () => {
  test('fails when the definition is not an object at all, naming the definition itself', () => {
    // GIVEN a cluster file that exports null
    // WHEN
    const check = structureProblems(null);
    // THEN
    expect(check).toEqual({
      problems: [
        { severity: 'error', path: '(definition)', value: null, message: 'is null, not an object', fix: 'write an object in braces, { … }' },
      ],
      typesValid: false,
    });
  });

  test('defines paths of unknown node keys that start or end with digits as field names, not list indexes', () => {
    // GIVEN a worker node with the keys `2nd` and `hots2`
    const def = withWorkerNodes([{ ...firstWorker, '2nd': 1, hots2: 'pve1' }]);
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [
        {
          severity: 'error',
          path: 'workers.nodes[0].2nd',
          value: 1,
          message: 'is not a field of workers.nodes[0], so it would be ignored',
          fix: 'remove it; the fields of workers.nodes[0] are cores, memoryGiB, diskGiB, extraDisks, name, ip, host, vmId, macAddress',
        },
        {
          severity: 'error',
          path: 'workers.nodes[0].hots2',
          value: 'pve1',
          message: 'is not a field of workers.nodes[0], so it would be ignored',
          fix: 'did you mean `host`?',
        },
      ],
      typesValid: true,
    });
  });

  test('fails when the eleventh worker has a typo, with a two-digit list index in the path', () => {
    // GIVEN eleven workers, the last with `hots`
    const nodes = Array.from({ length: 11 }, (_, i) => ({ ...firstWorker, name: `w${i}`, ...(i === 10 ? { hots: 'pve1' } : {}) }));
    // WHEN
    const { problems } = structureProblems(withWorkerNodes(nodes));
    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'workers.nodes[10].hots',
        value: 'pve1',
        message: 'is not a field of workers.nodes[10], so it would be ignored',
        fix: 'did you mean `host`?',
      },
    ]);
  });

  test('fails when a pool key is shortened to four letters or written in capitals, suggesting the full name', () => {
    // GIVEN `memo` for memoryGiB and `CORES` for cores
    const def = variant({ workers: { ...homelab.workers, memo: 16, CORES: 2 } });
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [
        {
          severity: 'error',
          path: 'workers.memo',
          value: 16,
          message: 'is not a field of workers, so it would be ignored',
          fix: 'did you mean `memoryGiB`?',
        },
        {
          severity: 'error',
          path: 'workers.CORES',
          value: 2,
          message: 'is not a field of workers, so it would be ignored',
          fix: 'did you mean `cores`?',
        },
      ],
      typesValid: true,
    });
  });

  test('fails when values have the wrong kind, naming the kind and how to write the right one', () => {
    // GIVEN an object for a list, a string for a boolean, a list and null for pools, and a number for a string
    const def = variant({
      talos: { extensions: {}, scheduleOnControlPlanes: 'yes' },
      controlPlanes: [],
      workers: null,
      addons: { cni: 5, cilium: { enabled: false } },
    });
    // WHEN
    const { problems } = structureProblems(def);
    // THEN
    expect(problems).toEqual([
      { severity: 'error', path: 'controlPlanes', value: [], message: 'is a list, not an object', fix: 'write an object in braces, { … }' },
      { severity: 'error', path: 'workers', value: null, message: 'is null, not an object', fix: 'write an object in braces, { … }' },
      {
        severity: 'error',
        path: 'talos.extensions',
        value: {},
        message: 'is an object, not a list',
        fix: "write a list in brackets, e.g. ['a', 'b']",
      },
      {
        severity: 'error',
        path: 'talos.scheduleOnControlPlanes',
        value: 'yes',
        message: 'is a string, not a boolean',
        fix: 'write true or false without quotes',
      },
      { severity: 'error', path: 'addons.cni', value: 5, message: 'is a number, not a string', fix: 'write it as a string in quotes' },
      { severity: 'error', path: 'addons.cni', value: 5, message: 'is not one of "none", "flannel"', fix: 'use one of "none", "flannel"' },
    ]);
  });

  test('fails when a size is written as text, with an example of the number', () => {
    // GIVEN memoryGiB: '16'
    const def = variant({ workers: { ...homelab.workers, memoryGiB: '16' } });
    // WHEN
    const { problems } = structureProblems(def);
    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'workers.memoryGiB',
        value: '16',
        message: 'is a string, not a number',
        fix: "write a number without quotes, e.g. 16 rather than '16'",
      },
    ]);
  });

  test('fails when the state backend type is missing, reporting only the type with its choices', () => {
    // GIVEN a state with a path but no type
    const def = variant({ state: { path: 'terraform.tfstate' } });
    // WHEN
    const check = structureProblems(def);
    // THEN no backend's fields are reported, only the missing discriminator
    expect(check).toEqual({
      problems: [
        { severity: 'error', path: 'state.type', value: undefined, message: 'is required in state', fix: `set type to one of ${STATE_TYPES}` },
      ],
      typesValid: false,
    });
  });

  test('fails when the state backend type is unknown, reporting only the type', () => {
    // GIVEN a GCS backend, which does not exist, with a bucket
    const def = variant({ state: { type: 'gcs', bucket: 'tf-state' } });
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [{ severity: 'error', path: 'state.type', value: 'gcs', message: `is not one of ${STATE_TYPES}`, fix: `use one of ${STATE_TYPES}` }],
      typesValid: false,
    });
  });

  test('fails when an s3 backend lacks its bucket, explaining the field from its description', () => {
    // GIVEN an s3 backend with no bucket
    const def = variant({ state: { type: 's3' } });
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [{ severity: 'error', path: 'state.bucket', value: undefined, message: 'is required in state', fix: 'set bucket (Bucket name)' }],
      typesValid: false,
    });
  });

  test('fails when an s3 bucket is a number, as a wrong type inside the chosen backend', () => {
    // GIVEN bucket: 5
    const def = variant({ state: { type: 's3', bucket: 5, region: 'eu-west-1', key: 'homelab.tfstate' } });
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [{ severity: 'error', path: 'state.bucket', value: 5, message: 'is a number, not a string', fix: 'write it as a string in quotes' }],
      typesValid: false,
    });
  });

  test('fails when a local backend has fields of another backend, leaving the types valid', () => {
    // GIVEN a local backend with an s3 bucket and a misspelled region
    const def = variant({ state: { type: 'local', bucket: 'tf-state', regio: 'eu-west-1' } });
    // WHEN
    const check = structureProblems(def);
    // THEN
    const fix = 'remove it; the fields of state are type, path';
    expect(check).toEqual({
      problems: [
        { severity: 'error', path: 'state.bucket', value: 'tf-state', message: 'is not a field of state, so it would be ignored', fix },
        { severity: 'error', path: 'state.regio', value: 'eu-west-1', message: 'is not a field of state, so it would be ignored', fix },
      ],
      typesValid: true,
    });
  });

  test('fails when the endpoint lacks its VIP, quoting the whole field description without its final period', () => {
    // GIVEN an endpoint with only a DNS name
    const def = variant({ endpoint: { dnsName: 'k8s.home.arpa' } });
    // WHEN
    const { problems } = structureProblems(def);
    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'endpoint.vip',
        value: undefined,
        message: 'is required in endpoint',
        fix: 'set vip (Shared virtual IP the control planes announce (Talos `Layer2VIPConfig`). A reserved, unused address in the node network)',
      },
    ]);
  });

  test('fails when a Proxmox host lacks its name', () => {
    // GIVEN an empty host entry
    const def = variant({ proxmoxHosts: [{}] });
    // WHEN
    const { problems } = structureProblems(def);
    // THEN
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'proxmoxHosts[0].name',
        value: undefined,
        message: 'is required in proxmoxHosts[0]',
        fix: 'set name (Proxmox node name, as shown in the Proxmox UI (`pve1`))',
      },
    ]);
  });

  test('fails when the state is a string, reporting its kind once although every backend branch finds it', () => {
    // GIVEN `state: 'local'` for `state: { type: 'local' }`
    const def = variant({ state: 'local' });
    // WHEN
    const check = structureProblems(def);
    // THEN
    expect(check).toEqual({
      problems: [
        { severity: 'error', path: 'state', value: 'local', message: 'is a string, not an object', fix: 'write an object in braces, { … }' },
      ],
      typesValid: false,
    });
  });

  test('fails when the state backend type is missing, leaving out the wrong types of backend fields below it', () => {
    // GIVEN a state with a bucket of the wrong type but no type
    const def = variant({ state: { bucket: 5 } });
    // WHEN
    const check = structureProblems(def);
    // THEN only the missing discriminator is reported, not the s3 branch's bucket
    expect(check).toEqual({
      problems: [
        { severity: 'error', path: 'state.type', value: undefined, message: 'is required in state', fix: `set type to one of ${STATE_TYPES}` },
      ],
      typesValid: false,
    });
  });

  test('fails when an s3 backend lacks its bucket next to an unknown top-level field, reporting both', () => {
    // GIVEN an unknown `owner` field (an error of the definition itself) and an s3 backend with no bucket
    const def = variant({ owner: 'ops', state: { type: 's3' } });
    // WHEN
    const check = structureProblems(def);
    // THEN the unknown field does not hide the backend's own problem below it
    const fields =
      'name, endpoint, network, podCidr, serviceCidr, proxmoxHosts, vmIdBase, controlPlanes, workers, kubernetesVersion, talos, addons, state, rollout, allowMachineSecretsReplacement, allowVmReplacement';
    expect(check).toEqual({
      problems: [
        {
          severity: 'error',
          path: 'owner',
          value: 'ops',
          message: 'is not a field of a cluster definition, so it would be ignored',
          fix: `remove it; the fields of a cluster definition are ${fields}`,
        },
        { severity: 'error', path: 'state.bucket', value: undefined, message: 'is required in state', fix: 'set bucket (Bucket name)' },
      ],
      typesValid: false,
    });
  });
});

describe('definition paths from JSON pointers', () => {
  test.each([
    ['', [], '(definition)'],
    ['', ['name'], 'name'],
    ['/workers/nodes/0', ['hots'], 'workers.nodes[0].hots'],
    ['/a~1b/c~0d/0', [], 'a/b.c~d[0]'],
    ['/x~01', [], 'x~1'],
  ])('defines the pointer %j with the keys %j as %s', (pointer, more, path) => {
    // GIVEN a pointer whose keys may hold the escapes ~1 (for /) and ~0 (for ~)
    // WHEN
    const text = definitionPath(pointer, ...more);
    // THEN
    expect(text).toBe(path);
  });
});

describe('validator errors the schema does not produce today, exactly as reported', () => {
  test.each<[string, Partial<ErrorObject>, Record<string, unknown>]>([
    [
      'a value other than the one constant, suggesting it',
      { keyword: 'const', instancePath: '/state/type', schemaPath: '#/properties/type/const', params: { allowedValue: 'local' }, data: 'locl' },
      { path: 'state.type', value: 'locl', message: 'is not one of "local"', fix: 'did you mean "local"?' },
    ],
    [
      'a fraction where a whole number belongs',
      { keyword: 'type', instancePath: '/workers/cores', schemaPath: '#/properties/cores/type', params: { type: 'integer' }, data: 2.5 },
      { path: 'workers.cores', value: 2.5, message: 'is a number, not an integer', fix: 'write a whole number without quotes' },
    ],
    [
      'a value of a type without a written fix',
      { keyword: 'type', instancePath: '/talos/version', schemaPath: '#/properties/version/type', params: { type: 'null' }, data: 'v1' },
      { path: 'talos.version', value: 'v1', message: 'is a string, not a null', fix: 'write a null' },
    ],
    [
      'a required field the schema does not describe',
      {
        keyword: 'required',
        instancePath: '/network',
        schemaPath: '#/required',
        params: { missingProperty: 'gateway' },
        parentSchema: { required: ['gateway'] },
      },
      { path: 'network.gateway', value: undefined, message: 'is required in network', fix: 'set gateway' },
    ],
    [
      'a keyword without a message of its own, passing on the validator message',
      {
        keyword: 'minimum',
        instancePath: '/workers/memoryGiB',
        schemaPath: '#/properties/memoryGiB/minimum',
        params: { comparison: '>=', limit: 1 },
        message: 'must be >= 1',
        data: 0,
      },
      {
        path: 'workers.memoryGiB',
        value: 0,
        message: 'must be >= 1',
        fix: 'correct the value to match the ClusterDefinition type (lib/cluster-definition.ts)',
      },
    ],
  ])('fails when the validator reports %s', (_, error, problem) => {
    // GIVEN a validator that reports the one error
    // WHEN
    const check = checkWithErrors([error]);
    // THEN
    expect(check).toEqual({ problems: [{ severity: 'error', ...problem }], typesValid: false });
  });

  test('fails when a value has the wrong type, leaving out the errors found below it', () => {
    // GIVEN a list for the workers pool and a missing name in its first entry
    const errors: Partial<ErrorObject>[] = [
      { keyword: 'type', instancePath: '/workers', schemaPath: '#/properties/workers/type', params: { type: 'object' }, data: [{}] },
      {
        keyword: 'required',
        instancePath: '/workers/0',
        schemaPath: '#/required',
        params: { missingProperty: 'name' },
        parentSchema: { properties: { name: { description: 'Node name.' } } },
      },
    ];
    // WHEN
    const check = checkWithErrors(errors);
    // THEN
    expect(check).toEqual({
      problems: [{ severity: 'error', path: 'workers', value: [{}], message: 'is a list, not an object', fix: 'write an object in braces, { … }' }],
      typesValid: false,
    });
  });

  test('fails when the state backend type is unknown, leaving out the errors of the branch at the same path', () => {
    // GIVEN an unknown type, and the s3 branch's constant type failing on it too
    const errors: Partial<ErrorObject>[] = [
      {
        keyword: 'enum',
        instancePath: '/state/type',
        schemaPath: '#/definitions/StateBackendDefinition/properties/type/enum',
        params: { allowedValues: ['local', 's3', 'pg'] },
        data: 'gcs',
      },
      {
        keyword: 'const',
        instancePath: '/state/type',
        schemaPath: '#/definitions/StateBackendDefinition/allOf/1/then/properties/type/const',
        params: { allowedValue: 's3' },
        data: 'gcs',
      },
    ];
    // WHEN
    const check = checkWithErrors(errors);
    // THEN only the unknown type is reported
    expect(check).toEqual({
      problems: [{ severity: 'error', path: 'state.type', value: 'gcs', message: `is not one of ${STATE_TYPES}`, fix: `use one of ${STATE_TYPES}` }],
      typesValid: false,
    });
  });
});
