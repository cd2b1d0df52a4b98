/**
 * Makes `POST /links` idempotent per `attemptId`: the element draws one per submission and repeats it when it
 * sends the same POST again (after a timeout, a gateway's 5xx, an unreadable answer), and a repeat is answered with
 * the session the first one opened — without a second session, a second Belvo link, or another of the CURP's daily
 * IMSS logins.
 *
 * Entries are keyed by the keyed hash of the CURP *and* the attemptId (attempt-guard.ts's `fingerprint`), so the
 * table holds no CURP, and the same attemptId sent with another CURP is another attempt: it can never hand out
 * somebody else's session. An entry lives as long as its session (`prune` drops those whose session is gone:
 * expired after its TTL, or deleted), and the table keeps at most MAX_ENTRIES, the oldest dropped first.
 * In memory: one process, like the session store.
 */
const MAX_ENTRIES = 10_000;

export class AttemptSessions {
  /** Keyed hash → the handle the first request opened (a promise while it is still opening one). */
  readonly #entries = new Map<string, { opening: Promise<string | undefined>; handle?: string }>();
  /**
   * The handle of the session an earlier request with this key opened, if `isLive` says it still exists; otherwise
   * `open()` runs (it returns the new handle, or undefined when it opened none, e.g. the daily limit) and a later
   * request with the key gets what it opened. A repeat that arrives while the first is still opening waits for it.
   */
  async reuseOrOpen(
    key: string,
    isLive: (handle: string) => boolean,
    open: () => Promise<string | undefined>,
  ): Promise<{ handle: string; reused: boolean } | undefined> {
    const earlier = this.#entries.get(key);
    if (earlier) {
      const handle = await earlier.opening;
      if (handle !== undefined && isLive(handle)) return { handle, reused: true };
    }
    // No `await` between the look-up above (or the check of the earlier outcome) and this: a concurrent repeat
    // finds this entry.
    const entry: { opening: Promise<string | undefined>; handle?: string } = { opening: open() };
    if (!this.#entries.has(key) && this.#entries.size >= MAX_ENTRIES) this.#dropOldest();
    this.#entries.delete(key); // re-inserted last: the map's order is the order of use
    this.#entries.set(key, entry);
    const handle = await entry.opening;
    if (handle === undefined) {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
      return undefined;
    }
    entry.handle = handle;
    return { handle, reused: false };
  }

  /** Forgets the entries whose session is gone. */
  prune(isLive: (handle: string) => boolean): void {
    for (const [key, entry] of this.#entries) {
      if (entry.handle !== undefined && !isLive(entry.handle)) this.#entries.delete(key);
    }
  }

  #dropOldest(): void {
    const oldest = this.#entries.keys().next();
    if (!oldest.done) this.#entries.delete(oldest.value);
  }
}
