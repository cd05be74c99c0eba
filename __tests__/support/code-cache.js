'use strict';
/**
 * V8's code cache, kept per jest worker process, for the modules jest compiles (installed by jest-runtime.js).
 *
 * Why: jest compiles every module afresh for every test file (`vm.compileFunction` into the file's own context), and
 * V8 reuses no compilation across those calls: each test file that imports the stack compiled the same ~200 ms of
 * code again (cdktf's bundle alone ~40 ms), and functions compiled lazily while it ran were compiled again too. Here
 * a module is compiled as a `vm.Script` holding the same function; the second time a worker compiles that module,
 * the first Script's code cache (taken then, so it includes the functions the first test file ran) is handed to V8.
 * Caches are keyed by the source's hash, not its length: V8 checks only the length and its flags, and would run the
 * old code of an edited module of the same length (jest --watch keeps its workers). A cache V8 rejects (other flags,
 * another Node) is dropped, and the module compiles as before. What runs is
 * unchanged: each test file still gets its own module instances, in its own context. Measured on the unit tier,
 * back to back: 58 → 46 CPU-s (docs/maintenance.md, "Test time").
 *
 * The function wrapper sits on the module's first line, so a column on that line, in a stack trace, is off by the
 * wrapper's length; other lines are as compiled.
 */
const { createHash } = require('node:crypto');
const vm = require('node:vm');

/** Per module (file name and source hash): the Script of its first compile, then the code cache taken from it. */
const compiled = new Map();

/** `vm.compileFunction(code, params, options)` as jest calls it, with the code cache of an earlier compile. */
function compileWithCodeCache(code, params, options = {}) {
  const key = `${options.filename}\0${params.join()}\0${createHash('sha1').update(code).digest('base64')}`;
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

module.exports = { compileWithCodeCache };
