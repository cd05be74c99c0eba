/**
 * Progress lines on stdout, which Terraform streams from local-exec: `[rollout +1m05s] <phase> <subject>: <text>`.
 * Only runner-composed text goes through here; talosctl output is passed on by rollout/talosctl.ts.
 */

const started = Date.now();

/** `4m12s`, `35s`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Writes one progress line for a phase and a subject (a node, or the cluster). */
export function progress(phase: string, subject: string, text: string): void {
  process.stdout.write(`[rollout +${formatElapsed(Date.now() - started)}] ${phase} ${subject}: ${text}\n`);
}
