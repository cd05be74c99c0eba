/**
 * The committed provider bindings in .gen/ and what README "Provider bindings" promises about them: PROVENANCE.json
 * records the sha256 of each schema dump and the generator version, `npm run bindings` reproduces .gen/ exactly and
 * refuses a schema whose sha256 differs unless `--update`, and cdktf.json lists the same providers.
 *
 * Needs the workplace's schema dumps and generator (../shared/provider-schemas and ../shared/tools beside the
 * checkout, or PROVIDER_SCHEMAS_DIR / SHARED_TOOLS_DIR). Every run of the bindings script happens in a temporary
 * copy of the files it touches, never in the project's own .gen/.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROXMOX_PROVIDER_VERSION, TALOS_PROVIDER_VERSION } from '../lib/versions';

const root = path.resolve(__dirname, '..');
const schemasDir = process.env.PROVIDER_SCHEMAS_DIR ?? path.resolve(root, '..', 'shared', 'provider-schemas');
const sharedTools = process.env.SHARED_TOOLS_DIR ?? path.resolve(root, '..', 'shared', 'tools');
const generatorTool = path.join(sharedTools, 'gen-bindings.js');
for (const needed of [schemasDir, generatorTool]) {
  if (!fs.existsSync(needed)) {
    throw new Error(`${needed} not found. Fix: place shared/ beside the checkout or set PROVIDER_SCHEMAS_DIR and SHARED_TOOLS_DIR`);
  }
}

interface ProvenanceEntry {
  readonly source: string;
  readonly constraint: string;
  readonly schemaFile: string;
  readonly schemaSha256: string;
  readonly resources?: readonly string[];
  readonly dataSources?: readonly string[];
}

interface Provenance {
  readonly providers: readonly ProvenanceEntry[];
  readonly generator: { readonly package: string; readonly version: string };
}

const provenanceText = fs.readFileSync(path.join(root, '.gen', 'PROVENANCE.json'), 'utf8');
const provenance: Provenance = JSON.parse(provenanceText);
const tempDirs: string[] = [];

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A throw-away project holding only what `npm run bindings` reads: the script, PROVENANCE.json, node_modules. */
function bindingsProject(): string {
  const dir = tempDir('bindings-project-');
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, '.gen'));
  fs.copyFileSync(path.join(root, 'scripts', 'gen-bindings.mjs'), path.join(dir, 'scripts', 'gen-bindings.mjs'));
  fs.copyFileSync(path.join(root, '.gen', 'PROVENANCE.json'), path.join(dir, '.gen', 'PROVENANCE.json'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A schema folder with copies of the recorded schema files; `change` may rewrite one file's bytes. */
function schemaCopies(change?: { file: string; edit: (bytes: Buffer) => Buffer }): string {
  const dir = tempDir('bindings-schemas-');
  for (const p of provenance.providers) {
    const bytes = fs.readFileSync(path.join(schemasDir, p.schemaFile));
    fs.writeFileSync(path.join(dir, p.schemaFile), change?.file === p.schemaFile ? change.edit(bytes) : bytes);
  }
  return dir;
}

function runBindings(project: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/gen-bindings.mjs', '--generator', generatorTool, ...args], {
    cwd: project,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
  });
}

/** Every file below `dir`, relative, sorted. */
function filesBelow(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/** `proxmox_virtual_environment_vm` → `virtual-environment-vm`; data sources keep their prefix after `data-`. */
function bindingDir(provider: string, type: string, kind: 'resource' | 'data'): string {
  const dashed = type.replace(/_/g, '-');
  return kind === 'data' ? `data-${dashed}` : dashed.slice(provider.length + 1);
}

afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('.gen/PROVENANCE.json', () => {
  test('defines the sha256 of each schema dump the bindings were generated from', () => {
    // GIVEN the schema dumps in the workplace
    // WHEN
    const actual = provenance.providers.map((p) => ({ file: p.schemaFile, sha256: sha256(fs.readFileSync(path.join(schemasDir, p.schemaFile))) }));
    // THEN
    expect(actual).toEqual(provenance.providers.map((p) => ({ file: p.schemaFile, sha256: p.schemaSha256 })));
    expect(provenance.providers.map((p) => p.source)).toEqual(['siderolabs/talos', 'bpg/proxmox']);
  });

  test('defines the generator version as the installed and declared @cdktf/provider-generator', () => {
    // GIVEN
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@cdktf', 'provider-generator', 'package.json'), 'utf8')).version;
    const declared = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies['@cdktf/provider-generator'];
    // THEN
    expect(provenance.generator).toMatchObject({ package: '@cdktf/provider-generator', version: installed });
    expect(declared).toBe(installed);
  });

  test('defines the same providers as cdktf.json, lib/versions.ts and the generated provider classes', () => {
    // GIVEN
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
    // WHEN
    const generated = ['talos', 'proxmox'].map((name) => {
      const source = fs.readFileSync(path.join(root, '.gen', 'providers', name, 'provider', 'index.ts'), 'utf8');
      return `${/terraformProviderSource: '([^']+)'/.exec(source)?.[1]}@${/providerVersion: '([^']+)'/.exec(source)?.[1]}`;
    });
    // THEN
    const recorded = provenance.providers.map((p) => `${p.source}@${p.constraint}`);
    expect(recorded).toEqual([`siderolabs/talos@${TALOS_PROVIDER_VERSION}`, `bpg/proxmox@${PROXMOX_PROVIDER_VERSION}`]);
    expect(cdktfJson.terraformProviders).toEqual(recorded);
    expect(cdktfJson.codeMakerOutput).toBe('.gen');
    expect(generated).toEqual(recorded);
  });

  test('defines exactly the Proxmox resources and data sources it lists as generated', () => {
    // GIVEN
    const proxmox = provenance.providers.find((p) => p.source === 'bpg/proxmox')!;
    // WHEN
    const dirs = fs
      .readdirSync(path.join(root, '.gen', 'providers', 'proxmox'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'provider')
      .map((e) => e.name)
      .sort();
    // THEN
    const listed = [
      ...(proxmox.resources ?? []).map((r) => bindingDir('proxmox', r, 'resource')),
      ...(proxmox.dataSources ?? []).map((d) => bindingDir('proxmox', d, 'data')),
    ].sort();
    expect(dirs).toEqual(listed);
    expect(listed).toEqual(expect.arrayContaining(['virtual-environment-vm', 'download-file']));
  });
});

describe('npm run bindings', () => {
  test('defines the committed bindings: regenerating from the recorded schemas changes no file', () => {
    // GIVEN a copy of the script and PROVENANCE.json, and the recorded schemas
    const project = bindingsProject();
    // WHEN
    const run = runBindings(project, '--schemas', schemaCopies());
    // THEN
    expect(run.status).toBe(0);
    const committed = path.join(root, '.gen');
    const regenerated = path.join(project, '.gen');
    expect(filesBelow(regenerated)).toEqual(filesBelow(committed));
    for (const file of filesBelow(committed)) {
      expect({ file, same: fs.readFileSync(path.join(regenerated, file)).equals(fs.readFileSync(path.join(committed, file))) }).toEqual({ file, same: true });
    }
  });

  test('fails when a schema differs by one byte, generating nothing and keeping PROVENANCE.json', () => {
    // GIVEN the Talos schema with one byte changed
    const talos = provenance.providers.find((p) => p.source === 'siderolabs/talos')!;
    let changedSha = '';
    const schemas = schemaCopies({
      file: talos.schemaFile,
      edit: (bytes) => {
        const changed = Buffer.from(bytes);
        const at = changed.indexOf('"description"');
        changed[at + 1] = 'D'.charCodeAt(0);
        changedSha = sha256(changed);
        return changed;
      },
    });
    const project = bindingsProject();
    // WHEN
    const run = runBindings(project, '--schemas', schemas);
    // THEN
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${talos.schemaFile}: sha256 ${changedSha} differs from the recorded ${talos.schemaSha256}; rerun with --update`);
    expect(fs.readdirSync(path.join(project, '.gen'))).toEqual(['PROVENANCE.json']);
    expect(fs.readFileSync(path.join(project, '.gen', 'PROVENANCE.json'), 'utf8')).toBe(provenanceText);
  });

  test('defines a changed schema as accepted with --update, recording its new sha256', () => {
    // GIVEN the Talos schema with one byte changed
    const talos = provenance.providers.find((p) => p.source === 'siderolabs/talos')!;
    const schemas = schemaCopies({
      file: talos.schemaFile,
      edit: (bytes) => {
        const changed = Buffer.from(bytes);
        changed[changed.indexOf('"description"') + 1] = 'D'.charCodeAt(0);
        return changed;
      },
    });
    const project = bindingsProject();
    // WHEN
    const run = runBindings(project, '--schemas', schemas, '--update');
    // THEN
    expect(run.status).toBe(0);
    const updated: Provenance = JSON.parse(fs.readFileSync(path.join(project, '.gen', 'PROVENANCE.json'), 'utf8'));
    expect(updated.providers.map((p) => p.schemaSha256)).toEqual(
      provenance.providers.map((p) => (p === talos ? sha256(fs.readFileSync(path.join(schemas, talos.schemaFile))) : p.schemaSha256)),
    );
    expect(updated.providers[0].schemaSha256).not.toBe(talos.schemaSha256);
    expect(fs.existsSync(path.join(project, '.gen', 'providers', 'talos', 'provider', 'index.ts'))).toBe(true);
  });
});
