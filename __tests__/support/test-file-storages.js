'use strict';
/**
 * Each test file's `AsyncLocalStorage` instances, released when the file ends (jest-runtime.js calls this).
 *
 * Why: jest-circus loads its adapter afresh for every test file, and the adapter creates an `AsyncLocalStorage` and
 * runs the file's tests in it. On Node 20 (measured) a storage that ever ran stays registered with `async_hooks` until
 * `disable()`, which nothing calls, and every promise created afterwards visits every registered storage. A jest
 * worker runs test files one after another, so the n-th file pays n visits per promise; a StrykerJS worker runs
 * thousands. Measured with a bare loop of 1e5 awaits: 33 ms with no storage, 1.1 s with 30 live storages, 7.9 s with
 * 300, 24 ms with 300 disabled.
 *
 * The tracking state lives on the `async_hooks` module itself, so a test that loads this file again (jest gives it
 * a fresh module) shares it instead of wrapping the class twice.
 */
const asyncHooks = require('node:async_hooks');

const STATE = Symbol.for('talos-proxmox-cdktf.testFileStorages');

/** The storages created since this module was first loaded, in creation order (the released ones removed). */
function trackedStorages() {
  if (!asyncHooks[STATE]) {
    const created = [];
    const Untracked = asyncHooks.AsyncLocalStorage;
    // Same name, so code that reads `constructor.name` sees no difference.
    asyncHooks.AsyncLocalStorage = class AsyncLocalStorage extends Untracked {
      constructor(...args) {
        super(...args);
        created.push(this);
      }
    };
    asyncHooks[STATE] = created;
  }
  return asyncHooks[STATE];
}

/** A mark to pass to `releaseStoragesSince`: how many tracked storages exist now. */
function markStorages() {
  return trackedStorages().length;
}

/** Disables and forgets every storage created after `mark`; the ones created before it are untouched. */
function releaseStoragesSince(mark) {
  for (const storage of trackedStorages().splice(mark)) storage.disable();
}

module.exports = { markStorages, releaseStoragesSince, trackedStorages };
