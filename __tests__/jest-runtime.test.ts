/**
 * jest's runtime (__tests__/support/jest-runtime.js, jest.config.js `runtime`): this file runs under it, so
 * `vm.compileFunction` here is the one jest compiles every module with (code-cache.js), and the storages of
 * test-file-storages.js are the ones this worker tracks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import vm from 'node:vm';
import { markStorages, releaseStoragesSince, trackedStorages } from './support/test-file-storages';

/** Compiles `body` as the module `file` the way jest does, in a fresh context, and calls it. */
function runModule(file: string, body: string): unknown {
  const fn = vm.compileFunction(body, ['input'], { filename: file, parsingContext: vm.createContext({}) }) as (input: number) => unknown;
  return fn(1);
}

describe('code cache runtime', () => {
  test('defines a module compiled again, with the cache of its first run, as running the same code', () => {
    // GIVEN a module that ran once (its code cache taken from that run)
    const file = '/virtual/cached-module.js';
    const body = 'const twice = (x) => x * 2; return [twice(input), typeof input];';
    expect(runModule(file, body)).toEqual([2, 'number']);

    // WHEN it is compiled and run again, and a third time
    const results = [runModule(file, body), runModule(file, body)];

    // THEN
    expect(results).toEqual([
      [2, 'number'],
      [2, 'number'],
    ]);
  });

  test('defines a stack trace of a module compiled from the cache as naming its own file and line', () => {
    // GIVEN a module whose third line throws, compiled once and then again from the code cache
    const file = '/virtual/throwing-module.js';
    const body = 'const a = input;\nconst b = a + 1;\nthrow new Error(`line 3 with ${b}`);';
    const stackOf = () => {
      try {
        runModule(file, body);
      } catch (e) {
        return (e as Error).stack ?? '';
      }
      return 'did not throw';
    };
    stackOf();

    // WHEN it throws again
    const stack = stackOf();

    // THEN the trace names the module's line 3
    expect(stack).toContain('line 3 with 2');
    expect(stack).toContain(`${file}:3:`);
  });

  test('defines a module edited to a source of the same length as running the edited code', () => {
    // GIVEN a module compiled twice (the second time from the code cache)
    const file = '/virtual/edited-module.js';
    expect(runModule(file, 'return input + 111;')).toBe(112);
    expect(runModule(file, 'return input + 111;')).toBe(112);

    // WHEN it is edited (jest --watch keeps its workers) to a source of the same length
    const edited = runModule(file, 'return input + 222;');

    // THEN the edit runs, not the cached code (V8 checks only a cache's source length)
    expect(edited).toBe(223);
  });
});

describe('test file storages', () => {
  test("defines this test file's storages as tracked, jest-circus's own among them", () => {
    // GIVEN this file running under the project's runtime (jest-circus ran its tests in a storage it created)
    // WHEN a storage is created here
    const mine = new AsyncLocalStorage<number>();

    // THEN it is tracked, and so was at least one storage before it in this file
    const tracked = trackedStorages();
    expect(tracked.at(-1)).toBe(mine);
    expect(tracked.length).toBeGreaterThanOrEqual(2);
  });

  test('defines a released storage as no longer reaching the continuations of the callbacks it ran', async () => {
    // GIVEN a storage created after a mark, running a callback that waits
    const mark = markStorages();
    const storage = new AsyncLocalStorage<string>();
    let resume = () => {};
    const waiting = new Promise<void>((resolve) => (resume = resolve));
    const seen = storage.run('inside', async () => {
      const before = storage.getStore();
      await waiting;
      return [before, storage.getStore()];
    });

    // WHEN it is released before the callback resumes
    releaseStoragesSince(mark);
    resume();

    // THEN the callback saw its store before the release and none after it, and the storage is no longer tracked
    expect(await seen).toEqual(['inside', undefined]);
    expect(trackedStorages()).not.toContain(storage);
  });

  test('defines a storage created before the mark as untouched by the release', async () => {
    // GIVEN a storage created before a mark
    const earlier = new AsyncLocalStorage<string>();
    const mark = markStorages();
    new AsyncLocalStorage<string>();

    // WHEN the storages since the mark are released
    releaseStoragesSince(mark);

    // THEN the earlier one still carries its store across an await
    const seen = await earlier.run('kept', async () => {
      await Promise.resolve();
      return earlier.getStore();
    });
    expect(seen).toBe('kept');
    expect(trackedStorages()).toContain(earlier);
  });
});
