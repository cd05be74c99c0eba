/** One line of `npm run doctor`: a check, what was found, and the fix when it is a problem. Pure: no I/O. */

/** The outcome of one check. */
export interface DoctorLine {
  /** What was checked, e.g. `terraform` or `talosctl (homelab)`. */
  readonly check: string;
  /** True when nothing needs doing. */
  readonly ok: boolean;
  /** What was found (never a secret value). */
  readonly found: string;
  /** What to do; set exactly when `ok` is false. */
  readonly fix?: string;
}

/** A passed check. */
export function passed(check: string, found: string): DoctorLine {
  return { check, ok: true, found };
}

/** A failed check with its fix. */
export function failed(check: string, found: string, fix: string): DoctorLine {
  return { check, ok: false, found, fix };
}

/** Renders one line: `ok       terraform: Terraform v1.11.4` or `problem  talosctl: not found on PATH. Fix: …`. */
export function formatDoctorLine(line: DoctorLine): string {
  return line.ok ? `ok       ${line.check}: ${line.found}` : `problem  ${line.check}: ${line.found}. Fix: ${line.fix}`;
}

/** 1 when any check failed, else 0. */
export function doctorExitCode(lines: readonly DoctorLine[]): number {
  return lines.some((l) => !l.ok) ? 1 : 0;
}
