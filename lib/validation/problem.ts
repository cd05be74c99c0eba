/** Builders for `Problem`s, so every rule reads as one line per finding. */
import { Problem } from '../problems';

/** An error: synth stops. */
export function error(path: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'error', path, value, message, fix };
}

/** A warning: synth goes on and prints it. */
export function warning(path: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'warning', path, value, message, fix };
}
