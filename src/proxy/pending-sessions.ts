/**
 * The sessions this process opened that may still be pending, bounded: past `max`, POST /links is answered 503
 * `overloaded` instead of growing the process's memory (a pending session costs a few kB here, and in the
 * memory state) without bound. An entry goes when its session ends in this process, or at the latest when it must
 * have ended (its deadline and the download grace): a session finished by another instance is counted until then.
 */
export class PendingSessions {
  readonly #max: number;
  readonly #lifetimeMs: number;
  readonly #now: () => number;
  /** Handle → when the session must have ended. Map order: opening order, so the first entries expire first. */
  readonly #until = new Map<string, number>();
  /** Places reserved by requests still opening their session. */
  #reserved = 0;

  constructor(options: { max: number; lifetimeMs: number; now: () => number }) {
    this.#max = options.max;
    this.#lifetimeMs = options.lifetimeMs;
    this.#now = options.now;
  }

  /**
   * Reserves a place for a session about to be opened, if there is one: then either `opened` (the session was
   * opened) or `release` (it was not) must follow. Synchronous, so that concurrent requests never overshoot `max`.
   */
  reserve(): boolean {
    if (this.#until.size + this.#reserved >= this.#max) {
      const now = this.#now();
      for (const [handle, until] of this.#until) {
        if (until > now) break;
        this.#until.delete(handle);
      }
    }
    if (this.#until.size + this.#reserved >= this.#max) return false;
    this.#reserved++;
    return true;
  }

  release(): void {
    this.#reserved = Math.max(0, this.#reserved - 1);
  }

  /** The reserved place is now this session's. */
  opened(handle: string): void {
    this.release();
    this.#until.set(handle, this.#now() + this.#lifetimeMs);
  }

  ended(handle: string): void {
    this.#until.delete(handle);
  }
}
