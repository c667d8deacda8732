/**
 * Failed logins per source address in a sliding window. Past the limit the
 * address gets 429 until the oldest failure leaves the window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0. */
  retryAfter(ip: string): number {
    const list = this.prune(ip);
    if (list.length < this.limit) return 0;
    return Math.ceil((list[0] + this.windowMs - this.now()) / 1000);
  }

  fail(ip: string): void {
    const list = this.prune(ip);
    list.push(this.now());
    this.failures.set(ip, list);
    if (this.failures.size > 100000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(ip: string): void {
    this.failures.delete(ip);
  }

  private prune(ip: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(ip) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(ip, list);
    else this.failures.delete(ip);
    return list;
  }
}
