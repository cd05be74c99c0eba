'use strict';
/**
 * jest's runtime for this project (jest.config.js `runtime`): jest's own (jest-runtime), with two fixes that matter
 * because a jest worker runs many test files in one process:
 * - modules compile with V8's code cache kept per worker (code-cache.js);
 * - the `AsyncLocalStorage` instances a test file created are disabled when the file ends (test-file-storages.js).
 * What runs is unchanged: each test file still gets its own module instances, in its own context.
 */
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;
const { compileWithCodeCache } = require('./code-cache');
const { markStorages, releaseStoragesSince } = require('./test-file-storages');

vm.compileFunction = compileWithCodeCache;

/** jest-runtime, releasing the storages created between the construction and the teardown of a test file's runtime. */
class ProjectRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    this.storageMark = markStorages();
  }

  teardown() {
    super.teardown();
    releaseStoragesSince(this.storageMark);
  }
}

module.exports = ProjectRuntime;
