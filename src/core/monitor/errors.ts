/** Why a monitor read failed: an answer that is not what the runtime writes. */
export type MonitorErrorCode = 'no-memstats' | 'bad-memstats' | 'bad-expvar' | 'bad-goroutines';

/** Bad input from a target: a code to branch on and a message that says what came back. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
  constructor(
    readonly code: MonitorErrorCode,
    message: string,
  ) {
    super(message);
  }
}
