import type { TokenBucketRate } from '../deps.js';

/** What taking one token decided. */
export interface TokenDecision {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Seconds until a token is there again (0 when one is there now). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in milliseconds. */
  at: number;
}

/** Buckets are swept of the ones that have refilled (the same as absent) after this many takes. */
const SWEEP_EVERY = 10_000;

/**
 * Token buckets by caller: each holds up to `burst` tokens, refilled continuously at
 * `ratePerSecond`; a request takes one or is refused with how long until one is back.
 * A full bucket is the same as none, so refilled buckets are dropped and memory stays bounded
 * by the callers active in the last `burst / ratePerSecond` seconds.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  constructor(private readonly rate: TokenBucketRate) {
    if (!(rate.ratePerSecond > 0) || !(rate.burst >= 1))
      throw new RangeError(`a token bucket needs ratePerSecond > 0 and burst ≥ 1; got ${JSON.stringify(rate)}`);
  }

  take(caller: string, nowMs: number): TokenDecision {
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(nowMs);
    const bucket = this.buckets.get(caller) ?? { tokens: this.rate.burst, at: nowMs };
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.rate.ratePerSecond);
    bucket.at = nowMs;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: (1 - bucket.tokens) / this.rate.ratePerSecond };
  }

  /** How many callers hold a bucket that is not full. */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(nowMs: number): void {
    for (const [caller, bucket] of this.buckets)
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * this.rate.ratePerSecond >= this.rate.burst) this.buckets.delete(caller);
  }
}
