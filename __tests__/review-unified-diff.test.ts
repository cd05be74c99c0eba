import { unifiedDiff } from '../review/unified-diff';

describe('unifiedDiff', () => {
  test('defines no diff for equal texts', () => {
    // GIVEN
    const text = 'machine:\n  type: worker\n';
    // WHEN
    const diff = unifiedDiff(text, text);
    // THEN
    expect(diff).toBe('');
  });

  test('defines a hunk with three lines of context around a changed line', () => {
    // GIVEN
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i'].join('\n');
    // WHEN
    const diff = unifiedDiff(before, after);
    // THEN
    expect(diff.split('\n')).toEqual(['--- base', '+++ head', '@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h']);
  });

  test('defines separate hunks for distant changes and one hunk for close ones', () => {
    // GIVEN twenty lines with changes at lines 2 and 19, then at lines 2 and 6
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const distant = lines.map((l, i) => (i === 1 || i === 18 ? `${l} changed` : l));
    const close = lines.map((l, i) => (i === 1 || i === 5 ? `${l} changed` : l));
    // WHEN
    const distantHunks = unifiedDiff(lines.join('\n'), distant.join('\n'))
      .split('\n')
      .filter((l) => l.startsWith('@@'));
    const closeHunks = unifiedDiff(lines.join('\n'), close.join('\n'))
      .split('\n')
      .filter((l) => l.startsWith('@@'));
    // THEN
    expect(distantHunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    expect(closeHunks).toEqual(['@@ -1,9 +1,9 @@']);
  });

  test('defines an all-added diff against an empty text, with labels', () => {
    // GIVEN / WHEN
    const diff = unifiedDiff('', 'x\ny\n', { oldLabel: '/dev/null', newLabel: 'head/node' });
    // THEN
    expect(diff.split('\n')).toEqual(['--- /dev/null', '+++ head/node', '@@ -0,0 +1,2 @@', '+x', '+y']);
  });

  test('defines insertions and deletions in the middle of a text', () => {
    // GIVEN
    const before = 'keep 1\nold\nkeep 2\n';
    const after = 'keep 1\nkeep 2\nnew 1\nnew 2\n';
    // WHEN
    const diff = unifiedDiff(before, after);
    // THEN
    expect(diff.split('\n').slice(2)).toEqual(['@@ -1,3 +1,4 @@', ' keep 1', '-old', ' keep 2', '+new 1', '+new 2']);
  });
});
