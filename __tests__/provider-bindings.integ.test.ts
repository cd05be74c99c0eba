/**
 * The vendored facts and bindings under .gen/ and what `npm run bindings` promises about them: the committed
 * facts reproduce every committed file (`--check`, needing nothing outside the repo), an edited file is caught,
 * an upstream dump whose sha256 changed is refused unless `--update`, PROVENANCE.json names its sources, and
 * cdktf.json and lib/versions.ts pin the same provider versions. Every run that writes happens in a temporary copy.
 * With the upstream dumps beside the checkout (../shared, this workplace only) one more test re-reduces them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROXMOX_PROVIDER_VERSION, TALOS_PROVIDER_VERSION } from '../lib/versions';

const root = path.resolve(__dirname, '..');
const provenance = JSON.parse(fs.readFileSync(path.join(root, '.gen', 'PROVENANCE.json'), 'utf8'));
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A throw-away copy of what `npm run bindings` reads and writes: scripts/, .gen/, package.json, node_modules. */
function projectCopy(): string {
  const dir = tempDir('bindings-project-');
  fs.cpSync(path.join(root, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
  fs.cpSync(path.join(root, '.gen'), path.join(dir, '.gen'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `npm run bindings -- <args>` in `project`, its temporary folders under `tmp`. */
function bindings(project: string, ...args: string[]) {
  return bindingsIn(project, os.tmpdir(), ...args);
}

function bindingsIn(project: string, tmp: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/gen-bindings.mjs', ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TMPDIR: tmp },
  });
}

/** A folder of "upstream dumps" made from the committed facts (reducing facts again is the identity). */
function dumpsFromFacts(): string {
  const dir = tempDir('bindings-dumps-');
  for (const p of provenance.providers) fs.copyFileSync(path.join(root, '.gen', p.factsFile), path.join(dir, p.upstreamFile));
  return dir;
}

describe('npm run bindings --check', () => {
  test('defines .gen/ as exactly what the committed facts generate', () => {
    // GIVEN the repository as committed / WHEN
    const run = bindings(root, '--check');
    // THEN
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^bindings: \.gen\/ matches its facts \(\d+ files\)\n$/);
    expect(run.status).toBe(0);
  });

  test('fails when a committed binding or fact differs from what its facts generate, naming each file', () => {
    // GIVEN one binding edited by hand and one fact whose recorded sha256 no longer matches
    const project = projectCopy();
    const vm = path.join(project, '.gen', 'providers', 'proxmox', 'virtual-environment-vm', 'index.ts');
    fs.appendFileSync(vm, '// edited by hand\n');
    const talosFacts = path.join(project, '.gen', 'schemas', 'talos', 'config.schema.v1.13.json');
    fs.writeFileSync(talosFacts, fs.readFileSync(talosFacts, 'utf8').replace('"additionalProperties": false', '"additionalProperties": true'));
    const tmp = tempDir('bindings-tmp-');
    // WHEN
    const run = bindingsIn(project, tmp, '--check');
    // THEN
    expect(run.stderr).toContain(
      'bindings: .gen/ is not what `npm run bindings` generates (2 file(s)):\n  PROVENANCE.json: differs\n  providers/proxmox/virtual-environment-vm/index.ts: differs\n',
    );
    expect(run.status).toBe(1);
    // AND the generated comparison copy is gone
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe('npm run bindings --schemas DIR', () => {
  test('fails when an upstream dump differs from the recorded sha256, writing nothing', () => {
    // GIVEN dumps whose bytes differ from the recorded upstream files
    const project = projectCopy();
    const before = fs.readFileSync(path.join(project, '.gen', 'PROVENANCE.json'), 'utf8');
    const dumps = dumpsFromFacts();
    const talos = provenance.providers[0];
    // WHEN
    const run = bindings(project, '--schemas', dumps);
    // THEN
    expect(run.stderr).toBe(
      `bindings: ${talos.upstreamFile}: sha256 ${sha256(fs.readFileSync(path.join(dumps, talos.upstreamFile)))} differs from the recorded ${talos.upstreamSha256}; rerun with --update to accept it\n`,
    );
    expect(run.status).toBe(2);
    expect(fs.readFileSync(path.join(project, '.gen', 'PROVENANCE.json'), 'utf8')).toBe(before);
  });

  test('defines a changed dump as accepted with --update: new sha256 recorded, the same facts and bindings', () => {
    // GIVEN
    const project = projectCopy();
    const dumps = dumpsFromFacts();
    // WHEN
    const run = bindings(project, '--schemas', dumps, '--update');
    // THEN
    expect(run.status).toBe(0);
    const updated = JSON.parse(fs.readFileSync(path.join(project, '.gen', 'PROVENANCE.json'), 'utf8'));
    expect(updated.providers.map((p: { upstreamSha256: string }) => p.upstreamSha256)).toEqual(
      provenance.providers.map((p: { upstreamFile: string }) => sha256(fs.readFileSync(path.join(dumps, p.upstreamFile)))),
    );
    expect(bindings(project, '--check').status).toBe(0);
    const vm = 'providers/proxmox/virtual-environment-vm/index.ts';
    expect(fs.readFileSync(path.join(project, '.gen', vm), 'utf8')).toBe(fs.readFileSync(path.join(root, '.gen', vm), 'utf8'));
  });

  test('fails on a bad argument with one line and the usage, no stack trace', () => {
    // GIVEN / WHEN
    const run = bindings(root, '--schemass', '/nowhere');
    // THEN
    expect(run.stderr).toMatch(/^bindings: Unknown option '--schemass'.*\nusage: npm run bindings -- /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(2);
  });
});

describe('.gen/PROVENANCE.json', () => {
  test('defines every fact file with its sha256, upstream source and generator', () => {
    // GIVEN the committed provenance / WHEN the files are read
    const files = [...provenance.providers, ...provenance.derivedProviders, ...provenance.talosSchemas];
    // THEN
    for (const f of files)
      expect({ file: f.factsFile, sha256: sha256(fs.readFileSync(path.join(root, '.gen', f.factsFile))) }).toEqual({
        file: f.factsFile,
        sha256: f.factsSha256,
      });
    expect(provenance.providers.map((p: { upstreamFile: string }) => p.upstreamFile)).toEqual([
      'siderolabs-talos-0.11.0.json',
      'bpg-proxmox-0.111.1.json',
    ]);
    expect(provenance.derivedProviders.map((p: { source: string; version: string }) => `${p.source}@${p.version}`)).toEqual([
      'hashicorp/helm@3.1.1',
      'hashicorp/local@2.6.1',
    ]);
    expect(provenance.talosSchemas.map((t: { contract: string }) => t.contract)).toEqual(['v1.12', 'v1.13', 'v1.14']);
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@cdktf', 'provider-generator', 'package.json'), 'utf8')).version;
    expect(provenance.generator).toEqual({ script: 'scripts/gen-bindings.mjs', package: '@cdktf/provider-generator', version: installed });
  });

  test('defines no description prose in the vendored facts', () => {
    // GIVEN / WHEN every fact file is read as text (an attribute or object member may be named "description": its
    // value is then an object or a type name)
    const files = [...provenance.providers, ...provenance.derivedProviders, ...provenance.talosSchemas].map((f) => f.factsFile as string);
    const texts = files.map((f) => fs.readFileSync(path.join(root, '.gen', f), 'utf8'));
    // THEN
    expect(texts).toHaveLength(7);
    for (const t of texts)
      expect(t).not.toMatch(
        /"(description|description_kind|markdownDescription|x-intellij-html-description|title)": "(?!(string|number|bool)")|"examples": \[/,
      );
  });

  test('defines the same provider versions as cdktf.json, lib/versions.ts and the generated provider classes', () => {
    // GIVEN
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
    // WHEN
    const generated = ['talos', 'proxmox'].map((name) => {
      const source = fs.readFileSync(path.join(root, '.gen', 'providers', name, 'provider', 'index.ts'), 'utf8');
      return `${/terraformProviderSource: '([^']+)'/.exec(source)?.[1]}@${/providerVersion: '([^']+)'/.exec(source)?.[1]}`;
    });
    // THEN
    const recorded = provenance.providers.map((p: { source: string; version: string }) => `${p.source}@${p.version}`);
    expect(recorded).toEqual([`siderolabs/talos@${TALOS_PROVIDER_VERSION}`, `bpg/proxmox@${PROXMOX_PROVIDER_VERSION}`]);
    expect(cdktfJson.terraformProviders).toEqual(recorded);
    expect(generated).toEqual(recorded);
  });
});

// An extra cross-check where the upstream dumps are at hand (this workplace's ../shared); never needed elsewhere.
const upstream = path.resolve(root, '..', 'shared');
const withUpstream = fs.existsSync(path.join(upstream, 'provider-schemas')) ? test : test.skip;
withUpstream('defines facts equal to reducing the upstream dumps beside the checkout again', () => {
  // GIVEN ../shared/provider-schemas and ../shared/talos-schemas / WHEN
  const run = bindings(
    root,
    '--check',
    '--schemas',
    path.join(upstream, 'provider-schemas'),
    '--talos-schemas',
    path.join(upstream, 'talos-schemas'),
  );
  // THEN
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
