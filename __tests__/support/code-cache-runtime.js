'use strict';
/**
 * jest's own runtime (jest-runtime), with V8's code cache kept per worker process for the modules it compiles
 * (jest.config.js `runtime`).
 *
 * Why: jest compiles every module afresh for every test file (`vm.compileFunction` into the file's own context), and
 * V8 reuses no compilation across those calls: each test file that imports the stack compiled the same ~200 ms of
 * code again (cdktf's bundle alone ~40 ms), and functions compiled lazily while it ran were compiled again too. Here
 * a module is compiled as a `vm.Script` holding the same function; the second time a worker compiles that module,
 * the first Script's code cache (taken then, so it includes the functions the first test file ran) is handed to V8.
 * V8 rejects a cache that does not match the source or its flags; the module then compiles as before. What runs is
 * unchanged: each test file still gets its own module instances, in its own context. Measured on the unit tier,
 * back to back: 58 → 46 CPU-s (docs/maintenance.md, "Test time").
 *
 * The function wrapper sits on the module's first line, so a column on that line, in a stack trace, is off by the
 * wrapper's length; other lines are as compiled.
 */
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** Per module (file name and source length): the Script of its first compile, then the code cache taken from it. */
const compiled = new Map();

/** `vm.compileFunction(code, params, options)` as jest calls it, with the code cache of an earlier compile. */
function compileWithCodeCache(code, params, options = {}) {
  const key = `${options.filename}\0${code.length}`;
  const earlier = compiled.get(key);
  const cachedData = earlier && (earlier.cachedData ?? earlier.script.createCachedData());
  const script = new vm.Script(`(function (${params.join(', ')}) {${code}\n})`, {
    filename: options.filename,
    importModuleDynamically: options.importModuleDynamically,
    cachedData,
  });
  compiled.set(key, cachedData && !script.cachedDataRejected ? { cachedData } : { script });
  return script.runInContext(options.parsingContext);
}

vm.compileFunction = compileWithCodeCache;

module.exports = Runtime;
