import { stateKeys } from './session-store.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * Makes `POST /links` idempotent per `attemptId`, across instances: the element draws one per submission and
 * repeats it when it sends the same POST again (after a timeout, a gateway's 5xx, an unreadable answer), and a
 * repeat is answered with the session the first one opened — without a second session, a second Belvo link, or
 * another of the CURP's daily IMSS logins.
 *
 * The key is the keyed hash of the CURP *and* the attemptId, so the state holds no CURP, and the same attemptId sent
 * with another CURP is another attempt: it can never hand out somebody else's session. The record holds OPENING
 * while the first request opens its session (a repeat arriving meanwhile waits for it), then the handle, for as
 * long as a session lives.
 */
const OPENING = '';
/** A first request that crashed while opening stops blocking its repeats after this long. */
const OPENING_TTL_MS = 30_000;
/** How often a repeat looks again while the first request is still opening its session. */
const RECHECK_MS = 20;

export class AttemptSessions {
  readonly #state: ProxyState;
  readonly #lifetimeMs: number;

  /** `lifetimeMs`: the longest a session can live, pending then finished. */
  constructor(state: ProxyState, lifetimeMs: number) {
    this.#state = state;
    this.#lifetimeMs = lifetimeMs;
  }

  /**
   * The handle of the session an earlier request with this key opened, if `isLive` says it still exists; otherwise
   * `open()` runs (it returns the new handle, or undefined when it opened none, e.g. the daily limit).
   */
  async reuseOrOpen(
    hash: string,
    isLive: (handle: string) => Promise<boolean>,
    open: () => Promise<string | undefined>,
  ): Promise<{ handle: string; reused: boolean } | undefined> {
    const key = stateKeys.attemptId(hash);
    const giveUpWaitingAt = Date.now() + OPENING_TTL_MS;
    for (;;) {
      const earlier = await this.#state.get(key);
      if (earlier?.value === OPENING && Date.now() < giveUpWaitingAt) {
        await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
        continue;
      }
      if (earlier && earlier.value !== OPENING && (await isLive(earlier.value))) {
        return { handle: earlier.value, reused: true };
      }
      const mine = await this.#state.compareAndSet(key, earlier?.revision ?? 0, OPENING, OPENING_TTL_MS);
      if (mine === undefined) continue; // another request got there first: see what it does
      const handle = await open().catch(async (error: unknown) => {
        await this.#state.compareAndSet(key, mine, null).catch(() => {});
        throw error;
      });
      await this.#state.compareAndSet(
        key,
        mine,
        handle ?? null,
        handle === undefined ? undefined : this.#lifetimeMs,
      );
      return handle === undefined ? undefined : { handle, reused: false };
    }
  }
}
