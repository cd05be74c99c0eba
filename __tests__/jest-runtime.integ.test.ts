/**
 * jest's runtime (__tests__/support/jest-runtime.js) releases a test file's `AsyncLocalStorage` instances when the
 * file ends: checked across two test files of one jest process, which no single test file can observe of itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SUPPORT = path.join(__dirname, 'support');
const JEST = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');

/**
 * A test file that leaves a running storage behind, registered on the `async_hooks` module (shared by every test
 * file of the process), and reports how many storages earlier files left and how many of those are still tracked.
 */
const LEAVES_A_STORAGE = `
const hooks = require('node:async_hooks');
const { trackedStorages } = require(${JSON.stringify(path.join(SUPPORT, 'test-file-storages.js'))});
trackedStorages(); // tracks from here on, under any runtime
test('leaves a storage behind', () => {
  const key = Symbol.for('jest-runtime.integ.leftovers');
  const earlier = hooks[key] ?? [];
  const mine = new hooks.AsyncLocalStorage();
  mine.run(1, () => {});
  hooks[key] = [...earlier, mine];
  const stillTracked = earlier.filter((s) => trackedStorages().includes(s)).length;
  require('node:fs').appendFileSync(process.env.REPORT, JSON.stringify({ earlier: earlier.length, stillTracked }) + '\\n');
});
`;

/** Runs two test files of {@link LEAVES_A_STORAGE} in one jest process, in band, under `runtime` (jest's own when undefined). */
function runTestFiles(runtime: string | undefined): { code: number | null; output: string; reports: unknown[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-runtime-'));
  try {
    for (const name of ['one', 'two']) fs.writeFileSync(path.join(dir, `${name}.test.js`), LEAVES_A_STORAGE);
    const config = { rootDir: dir, testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.js'], ...(runtime ? { runtime } : {}) };
    fs.writeFileSync(path.join(dir, 'jest.config.json'), JSON.stringify(config));
    const report = path.join(dir, 'report.jsonl');
    const r = spawnSync(process.execPath, [JEST, '--runInBand', '--ci', '--config', path.join(dir, 'jest.config.json')], {
      cwd: dir,
      env: { ...process.env, REPORT: report },
      encoding: 'utf8',
    });
    const reports = fs.existsSync(report)
      ? fs
          .readFileSync(report, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [];
    return { code: r.status, output: r.stdout + r.stderr, reports };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('jest runtime', () => {
  test("defines a test file's storages as released before the next file runs", () => {
    // GIVEN two test files run one after the other by the project's runtime, each leaving a running storage behind
    // WHEN jest runs them
    const result = runTestFiles(path.join(SUPPORT, 'jest-runtime.js'));

    // THEN the second file finds the first one's storage no longer tracked (disabled at the first file's teardown)
    expect(result.code).toBe(0);
    expect(result.reports).toEqual([
      { earlier: 0, stillTracked: 0 },
      { earlier: 1, stillTracked: 0 },
    ]);
  });

  test("fails when jest's own runtime runs the files: the first file's storage is still tracked in the second", () => {
    // GIVEN / WHEN the same two files under jest's own runtime
    const result = runTestFiles(undefined);

    // THEN nothing released the first file's storage
    expect(result.code).toBe(0);
    expect(result.reports).toEqual([
      { earlier: 0, stillTracked: 0 },
      { earlier: 1, stillTracked: 1 },
    ]);
  });
});
