/** Deadlines and polling for the rollout phases. */

/** A point in time after which a phase gives up. */
export class Deadline {
  private readonly at: number;

  constructor(
    /** Seconds from construction until the deadline. */
    readonly seconds: number,
  ) {
    this.at = Date.now() + seconds * 1000;
  }

  /** Milliseconds left, never negative. */
  remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** Whole seconds left, at least 1 (for talosctl `--timeout`/`--wait-timeout`). */
  remainingSeconds(): number {
    return Math.max(1, Math.ceil(this.remainingMs() / 1000));
  }

  /** True once the deadline has passed. */
  expired(): boolean {
    return this.remainingMs() === 0;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The outcome of one attempt: done with a value, or not yet with the reason. */
export type Attempt<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly reason: string };

/**
 * Calls `attempt` every `pollMs` until it is done or the deadline passes; then throws an Error whose message is
 * `what` and the last reason. `onWait` hears each reason (for progress lines).
 */
export async function pollUntil<T>(
  what: string,
  deadline: Deadline,
  pollMs: number,
  attempt: () => Promise<Attempt<T>>,
  onWait?: (reason: string) => void,
): Promise<T> {
  let last = 'no attempt made';
  for (;;) {
    const result = await attempt();
    if (result.done) return result.value;
    last = result.reason;
    if (deadline.expired()) throw new Error(`${what} (gave up after ${deadline.seconds}s): ${last}`);
    onWait?.(last);
    await sleep(Math.min(pollMs, deadline.remainingMs()));
  }
}
