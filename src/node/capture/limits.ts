/** Bounds on one HTTP capture; every field has a default (DEFAULT_CAPTURE_LIMITS). */
export interface CaptureLimits {
  /** TCP (and TLS) connection set-up. */
  readonly connectTimeoutMs: number;
  /**
   * The whole exchange, not counting the capture's own duration: a 30 s CPU
   * profile gets 30 s more than this.
   */
  readonly totalTimeoutMs: number;
  /** Largest body accepted; a bigger one fails and leaves no file. */
  readonly maxBytes: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 60_000,
  maxBytes: 512 * 1024 * 1024,
};

/** The caller's limits over the defaults, checked so a typo in a setting cannot disable a bound. */
export function resolveLimits(given: Partial<CaptureLimits> = {}): CaptureLimits {
  const out = { ...DEFAULT_CAPTURE_LIMITS };
  for (const key of Object.keys(out) as (keyof CaptureLimits)[]) {
    const v = given[key];
    if (v !== undefined) {
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${key} must be a positive number, not ${v}`);
      out[key] = v;
    }
  }
  return out;
}
