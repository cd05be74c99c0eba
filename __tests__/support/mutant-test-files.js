'use strict';
/**
 * Jest test sequencer for `npm run mutate` only: runs just the test files that hold a test StrykerJS asks for.
 *
 * Why: for each mutant, StrykerJS's jest runner passes the covering tests as `testNamePattern`, yet jest still loads
 * every test file of the run (~0.5 s each, mostly compiling the modules again), so one mutant took ~8 s. A test's
 * full name starts with its top-level `describe` title, so a file whose top-level titles start none of the
 * requested names cannot contain one and is dropped before it loads. A file without a top-level `describe` is kept.
 * Dropping too much could only make a mutant survive (a lower score), never hide one.
 */
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/** The test names in StrykerJS's pattern: `(<escaped name>)|(<escaped name>)…`. */
function requestedNames(pattern) {
  if (!pattern) return undefined;
  return pattern
    .slice(1, -1)
    .split(/(?<!\\)\)\|\(/)
    .map((s) => s.replace(/\\(.)/g, '$1'));
}

/** The titles of a file's top-level `describe` blocks (string literals at the start of a line). */
function topLevelTitles(file) {
  const titles = [];
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^describe\((['"`])((?:\\.|(?!\1).)*)\1/gm)) titles.push(m[2].replace(/\\(.)/g, '$1'));
  return titles;
}

class MutantTestFiles extends Sequencer {
  constructor(options) {
    super(options);
    this.names = requestedNames(options.globalConfig.testNamePattern);
  }

  sort(tests) {
    const names = this.names;
    if (!names) return super.sort(tests);
    const wanted = tests.filter((t) => {
      const titles = topLevelTitles(t.path);
      return titles.length === 0 || titles.some((title) => names.some((n) => n === title || n.startsWith(`${title} `)));
    });
    return super.sort(wanted);
  }
}

module.exports = MutantTestFiles;
module.exports.requestedNames = requestedNames;
