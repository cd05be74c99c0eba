/** Problems found in a cluster definition, and the error that carries them all at once. */

/** How bad a problem is: errors stop synth, warnings are printed. */
export type Severity = 'error' | 'warning';

/** One problem: where it is, what was found, what would be valid. */
export interface Problem {
  readonly severity: Severity;
  /** Field path inside the definition, e.g. `controlPlanes.nodes[1].ip`. */
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

/** An error: synth stops. */
export function error(path: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'error', path, value, message, fix };
}

/** A warning: synth goes on and prints it. */
export function warning(path: string, value: unknown, message: string, fix: string): Problem {
  return { severity: 'warning', path, value, message, fix };
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
