/**
 * scripts/run-ts.mjs (the runner behind `npm run synth` and cdktf.json's app): bundles once, reuses the bundle
 * while no TypeScript source changed, rebuilds when one did, and passes arguments through; the packages the app
 * imports live in a separate vendor bundle, under node_modules/.cache/run-ts/, that a change of project code does
 * not rebuild and that another checkout linking the same node_modules reuses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-'));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

beforeAll(() => {
  fs.mkdirSync(path.join(project, 'scripts'));
  fs.copyFileSync(path.join(root, 'scripts', 'run-ts.mjs'), path.join(project, 'scripts', 'run-ts.mjs'));
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"run-ts-test","private":true}\n');
  // The packages the runner and the entry need, linked one by one: the vendor bundles land in this project's own
  // node_modules/.cache.
  fs.mkdirSync(path.join(project, 'node_modules'));
  for (const pkg of ['esbuild', 'yaml']) fs.symlinkSync(path.join(root, 'node_modules', pkg), path.join(project, 'node_modules', pkg), 'dir');
  fs.writeFileSync(
    path.join(project, 'entry.ts'),
    "import { stringify } from 'yaml';\nimport { greeting } from './lib/greeting';\nconsole.log(`${greeting}: ${stringify(process.argv.slice(2).join(' ')).trim()}`);\n",
  );
  fs.mkdirSync(path.join(project, 'lib'));
  fs.writeFileSync(path.join(project, 'lib', 'greeting.ts'), "export const greeting: string = 'hello';\n");
});

const runIn = (cwd: string, ...args: string[]) => spawnSync(process.execPath, ['scripts/run-ts.mjs', 'entry.ts', ...args], { cwd, encoding: 'utf8' });
const run = (...args: string[]) => runIn(project, ...args);
const vendorDir = path.join(project, 'node_modules', '.cache', 'run-ts');
/** The bundles of one kind, each in its own folder: the app's in .build/, the vendor's in node_modules/.cache/run-ts/. */
const bundles = (kind: 'app' | 'vendor') =>
  fs
    .readdirSync(kind === 'app' ? path.join(project, '.build') : vendorDir)
    .filter((f) => f.endsWith('.cjs'))
    .sort();

describe('scripts/run-ts.mjs', () => {
  test('defines one bundle reused while no source changes, and a new one when an imported source does', () => {
    // GIVEN / WHEN the entry runs twice
    const first = run('a', 'b');
    const afterFirst = bundles('app');
    const vendor = bundles('vendor');
    const second = run('c');
    // THEN the same bundles served both runs, with the arguments passed through
    expect([first.stderr, first.stdout, second.stdout]).toEqual(['', 'hello: a b\n', 'hello: c\n']);
    expect(afterFirst).toHaveLength(1);
    expect(vendor).toHaveLength(1);
    expect(bundles('app')).toEqual(afterFirst);

    // WHEN an imported file changes
    fs.writeFileSync(path.join(project, 'lib', 'greeting.ts'), "export const greeting: string = 'hi';\n");
    const third = run('d');
    // THEN a new app bundle runs the new code, with the packages of the same vendor bundle
    expect(third.stdout).toBe('hi: d\n');
    expect(bundles('app')).toHaveLength(2);
    expect(bundles('vendor')).toEqual(vendor);
  });

  test('defines a bundle as reused when a file the entry does not import changes, and rebuilt when an input is deleted', () => {
    // GIVEN a run that built or reused the current bundle
    expect(run('x').stdout).toBe('hi: x\n');
    const before = bundles('app');
    // WHEN a project file outside the entry's imports is written
    fs.writeFileSync(path.join(project, 'lib', 'unrelated.ts'), 'export const unrelated = 1;\n');
    // THEN the next run reuses the same bundle
    expect(run('y').stdout).toBe('hi: y\n');
    expect(bundles('app')).toEqual(before);
    // WHEN an imported file is deleted
    fs.rmSync(path.join(project, 'lib', 'greeting.ts'));
    const broken = run('z');
    // THEN the runner builds again, and esbuild names the missing import
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('Could not resolve "./lib/greeting"');
    fs.writeFileSync(path.join(project, 'lib', 'greeting.ts'), "export const greeting: string = 'hi';\n");
  });

  test('defines a V8 code cache beside each bundle, written again when V8 rejects it', () => {
    // GIVEN a run that left its bundles with their code caches
    expect(run('f').stdout).toBe('hi: f\n');
    // (the app bundle that run used: the newest; an earlier test left an older one for other sources)
    const mtime = (f: string) => fs.statSync(path.join(project, '.build', f)).mtimeMs;
    const app = bundles('app')
      .filter((f) => fs.existsSync(path.join(project, '.build', `${f}.v8cache`)))
      .sort((a, b) => mtime(b) - mtime(a))[0];
    expect(app).toBeDefined();
    expect(bundles('vendor').every((f) => fs.existsSync(path.join(vendorDir, `${f}.v8cache`)))).toBe(true);
    // WHEN the app's cache is damaged (as after a Node upgrade) and the entry runs again
    const cache = path.join(project, '.build', `${app}.v8cache`);
    fs.writeFileSync(cache, 'not a code cache');
    const again = run('g');
    // THEN the run is unaffected and the cache is rewritten
    expect([again.stderr, again.stdout]).toEqual(['', 'hi: g\n']);
    expect(fs.readFileSync(cache, 'utf8')).not.toBe('not a code cache');
  });

  test('defines a run from another working folder as building and running the same way', () => {
    // GIVEN a source change, so the app bundle is rebuilt by this run
    fs.writeFileSync(path.join(project, 'lib', 'greeting.ts'), "export const greeting: string = 'hey';\n");
    // WHEN the runner is started from outside the project (as `npm run check` and the tests do)
    const r = spawnSync(process.execPath, [path.join(project, 'scripts', 'run-ts.mjs'), 'entry.ts', 'e'], { cwd: os.tmpdir(), encoding: 'utf8' });
    // THEN
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hey: e\n');
  });

  test('defines the vendor bundle as reused by a copy of the project that links the same node_modules', () => {
    // GIVEN the project's vendor bundle, and a copy of the project (no .build) whose node_modules is a link to it
    expect(run('v').stdout).toBe('hey: v\n');
    const vendor = bundles('vendor');
    const built = vendor.map((f) => fs.statSync(path.join(vendorDir, f)).mtimeMs);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-copy-'));
    try {
      for (const file of ['package.json', 'entry.ts', 'scripts', 'lib'])
        fs.cpSync(path.join(project, file), path.join(copy, file), { recursive: true });
      fs.symlinkSync(path.join(project, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      // WHEN the copy runs the entry
      const r = runIn(copy, 'w');
      // THEN it built its own app bundle and ran with the same vendor bundle, not rebuilt
      expect([r.stderr, r.stdout]).toEqual(['', 'hey: w\n']);
      const ownBuild = fs.readdirSync(path.join(copy, '.build')).filter((f) => f.endsWith('.cjs'));
      expect(ownBuild).toEqual([expect.stringMatching(/^entry-[0-9a-f]{16}\.cjs$/)]);
      expect(bundles('vendor')).toEqual(vendor);
      expect(vendor.map((f) => fs.statSync(path.join(vendorDir, f)).mtimeMs)).toEqual(built);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
