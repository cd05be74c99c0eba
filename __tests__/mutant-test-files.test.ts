/**
 * The test sequencer `npm run mutate` uses (__tests__/support/mutant-test-files.js): it must read back the exact test
 * names StrykerJS asks for, and keep every file that holds one, or mutants would wrongly survive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MutantTestFiles = require('./support/mutant-test-files');

/** What StrykerJS's jest runner passes as `testNamePattern` (@stryker-mutator/util escapeRegExp, joined). */
function strykerPattern(names: readonly string[]): string {
  return names.map((n) => `(${n.replace(/[.*+\-?^${}()|[\]\\]/g, '\\$&')})`).join('|');
}

describe('mutant test files', () => {
  test('defines the requested names as exactly the ones in the pattern, regex characters and separators included', () => {
    // GIVEN names with every character the escape touches, and one holding the separator itself
    const names = ['validateCluster fails when a VIP (10.0.0.1) is outside [10.0.0.0/24]', 'a|b) ( c $x^ *+? {1} \\ end', 'plain'];
    // WHEN / THEN
    expect(MutantTestFiles.requestedNames(strykerPattern(names))).toEqual(names);
    expect(MutantTestFiles.requestedNames(undefined)).toBeUndefined();
  });

  test('defines the files run for a mutant as those whose top-level describe starts a requested name, plus files without one', () => {
    // GIVEN three test files
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutant-files-'));
    // (a test context as jest's sequencer reads it: no timing cache, sizes from the haste map)
    const context = { config: { cache: false }, hasteFS: { getSize: () => 0 } };
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return { path: path.join(dir, name), context };
    };
    const a = write('a.test.ts', "describe('ipv4', () => {});\n");
    const b = write('b.test.ts', 'describe(\'validateCluster\', () => {});\ndescribe("semver", () => {});\n');
    const c = write('c.test.ts', "test('no describe', () => {});\n");
    try {
      // WHEN StrykerJS asks for one test of b's second block
      const sequencer = new MutantTestFiles({
        contexts: [],
        globalConfig: { testNamePattern: strykerPattern(['semver compares 1.13.10 > 1.13.9']) },
      });
      const kept = sequencer.sort([a, b, c]).map((t: { path: string }) => path.basename(t.path));
      // THEN
      expect(kept.sort()).toEqual(['b.test.ts', 'c.test.ts']);
      // AND without a pattern (the dry run) every file runs
      expect(new MutantTestFiles({ contexts: [], globalConfig: {} }).sort([a, b, c])).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
