/** Problems found in a cluster definition, and the error that carries them all at once. */
import { ProblemPath } from './definition-path';

/** How bad a problem is: errors stop synth, warnings are printed. */
export type Severity = 'error' | 'warning';

/** One problem: where it is, what was found, what would be valid. */
export interface Problem {
  readonly severity: Severity;
  /**
   * Where: a field of the definition (`controlPlanes.nodes[1].ip`, typed as {@link ProblemPath} by `error` and
   * `warning`), or, for a problem found outside the definition (`errorAt`, `warningAt`), the values file, Talos
   * document, Terraform block or construct.
   */
  readonly path: string;
  /** The offending value as written (or derived). */
  readonly value: unknown;
  /** What is wrong. */
  readonly message: string;
  /** What would be valid. */
  readonly fix: string;
}

/** Renders one problem on one line: `error homelab: network.gateway = "10.0.0.1": … Fix: …`. */
export function formatProblem(cluster: string, p: Problem): string {
  return `${p.severity} ${cluster}: ${p.path} = ${JSON.stringify(p.value)}: ${p.message}. Fix: ${p.fix}`;
}

/** Thrown when a definition has errors; its message lists every problem, errors and warnings. */
export class ClusterDefinitionError extends Error {
  constructor(
    /** Name of the cluster whose definition has the problems. */
    readonly cluster: string,
    /** Every problem found, errors and warnings. */
    readonly problems: readonly Problem[],
  ) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(
      `cluster ${cluster}: ${errors} error(s) in the definition, nothing was synthesized:\n${problems.map((p) => `  ${formatProblem(cluster, p)}`).join('\n')}`,
    );
    this.name = 'ClusterDefinitionError';
  }
}

/** An error in the definition field at `path`: synth stops. */
export function error(path: ProblemPath, value: unknown, message: string, fix: string): Problem {
  return errorAt(path, value, message, fix);
}

/** A warning about the definition field at `path`: synth goes on and prints it. */
export function warning(path: ProblemPath, value: unknown, message: string, fix: string): Problem {
  return warningAt(path, value, message, fix);
}

/** An error found outside the definition (a values file, a Talos document, Terraform JSON), at `location`. */
export function errorAt(location: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'error', path: location, value, message, fix };
}

/** A warning about something outside the definition, at `location`. */
export function warningAt(location: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'warning', path: location, value, message, fix };
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
