/** How polling reacts to failures. */
export interface BackoffPolicy {
  readonly intervalMs: number;
  /** Delays double per consecutive failure up to this. */
  readonly maxDelayMs: number;
  /** Consecutive refused connections after which the target counts as gone. */
  readonly goneAfterRefusals: number;
}

export const DEFAULT_MAX_DELAY_MS = 60_000;
export const DEFAULT_GONE_AFTER_REFUSALS = 3;

export type FailureVerdict = { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'stop'; readonly reason: string };

/**
 * Consecutive failures → when to try again, or stop. Any failure doubles
 * the wait (a struggling target gets fewer requests); refused connections
 * in a row mean nothing listens any more, which ends the monitor.
 */
export class FailureTracker {
  private failures = 0;
  private refusals = 0;

  constructor(private policy: BackoffPolicy) {}

  /** A new poll interval (the setting changed); the failure count carries on. */
  setInterval(intervalMs: number): void {
    this.policy = { ...this.policy, intervalMs };
  }

  succeeded(): void {
    this.failures = 0;
    this.refusals = 0;
  }

  failed(refused: boolean, message: string): FailureVerdict {
    this.failures++;
    this.refusals = refused ? this.refusals + 1 : 0;
    if (this.refusals >= this.policy.goneAfterRefusals) {
      return { action: 'stop', reason: `the target is gone: connection refused ${this.refusals} times in a row (${message})` };
    }
    return { action: 'retry', delayMs: backoffDelay(this.policy, this.failures) };
  }
}

/** interval × 2^failures, capped; 0 failures is the plain interval. */
export function backoffDelay(p: BackoffPolicy, failures: number): number {
  return Math.min(Math.max(p.maxDelayMs, p.intervalMs), p.intervalMs * 2 ** Math.min(failures, 30));
}
