/** The end of a command's output, for error and progress messages. */

/** The last three non-empty lines of `text`, joined with ` | ` and cut to 600 characters; `no output` when empty. */
export function outputTail(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.slice(-3).join(' | ').slice(-600) || 'no output';
}
