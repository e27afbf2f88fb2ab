/**
 * Spaces requests to one source at least 1/rate seconds apart, across every sync that
 * shares this limiter (one per connector set), so a fragile departmental API never sees a
 * burst from us.
 */
export class RateLimiter {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when the caller may send its request to `key`. */
  async take(key: string, requestsPerSecond: number | undefined): Promise<void> {
    if (requestsPerSecond === undefined) return;
    const interval = 1000 / requestsPerSecond;
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(key) ?? now);
    this.nextSlot.set(key, slot + interval);
    if (slot > now) await this.sleep(slot - now);
  }
}
