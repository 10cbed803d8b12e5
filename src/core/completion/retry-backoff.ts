/**
 * Retry state for a failing server: after a failure no request is sent until `nextRetryAt`; then exactly one probe
 * goes out (half-open). Success resets; each failure doubles the wait up to `maxMs`. Completion calls made while
 * waiting return at once, so a dead server never blocks typing.
 */
export class RetryBackoff {
  private failures = 0;
  private retryAt = 0;
  private probing = false;

  constructor(
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get failureCount(): number {
    return this.failures;
  }

  get nextRetryAt(): number {
    return this.retryAt;
  }

  /** May a request be sent now? In half-open state this admits one probe. */
  tryAcquire(): boolean {
    if (this.failures === 0) return true;
    if (this.probing || this.now() < this.retryAt) return false;
    this.probing = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.retryAt = 0;
    this.probing = false;
  }

  /** Returns the wait before the next attempt. */
  onFailure(): number {
    this.failures++;
    this.probing = false;
    const wait = Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
    this.retryAt = this.now() + wait;
    return wait;
  }

  /** The probe ended without an answer either way (aborted): let the next call probe. */
  release(): void {
    this.probing = false;
  }
}
