/**
 * Everything the proxy must share between its instances, behind one asynchronous interface: what one instance
 * writes, any other reads, and every change is one atomic operation. Three implementations keep the same contract
 * (test/backend/state-contract.test.ts): createMemoryState (this process, the default), createRedisState
 * (`imss-connect/proxy/redis`, many processes) and createDurableObjectState (`imss-connect/proxy/durable-object`, the
 * storage of the one Durable Object that holds the proxy on Cloudflare Workers).
 *
 * The interface is a handful of generic primitives, each the shape Redis offers natively, so that an
 * implementation is a thin layer and what the proxy builds on them (sessions, the link index, webhook
 * de-duplication and parking, the per-CURP attempt window, attemptId reuse, wake-ups, download leases) lives in
 * the proxy, once. Request limits (per applicant, per client, Belvo link creations per minute) fit the same
 * primitives: `takeFromWindow` is a counter in a sliding window.
 *
 * Rules every implementation follows:
 *  - values are strings (the proxy stores plain JSON; anything personal in them is encrypted first);
 *  - reading never changes anything;
 *  - `ttlMs` is real time, enforced by the store, a backstop that bounds memory; what a key means in time (a
 *    session's deadline, its expiry) is data, compared with the proxy's own clock;
 *  - an operation that cannot reach the store rejects with StateUnavailableError, soon (within seconds).
 */
export interface ProxyState {
  /** The record at `key` and its revision, or undefined when there is none. */
  get(key: string): Promise<StateRecord | undefined>;
  /**
   * Writes `value` at `key` (or deletes it, with `null`) only if its revision is still `expectedRevision` (0: only
   * if there is no record). Returns the new revision (0 after a delete), or undefined when the record had changed:
   * read it again and decide again. `ttlMs` (default: none) forgets the record after that long.
   */
  compareAndSet(
    key: string,
    expectedRevision: number,
    value: string | null,
    ttlMs?: number,
  ): Promise<number | undefined>;
  /** Sets `key` only if it is absent (Redis's SET NX PX): true for the first caller, false for every repeat. */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /**
   * A lease: true when `owner` now holds `key` for `ttlMs`, because it was free (or had expired) or `owner` already
   * held it (then it is renewed); false while another owner holds it.
   */
  holdLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives a lease up, if `owner` still holds it. */
  releaseLease(key: string, owner: string): Promise<void>;
  /**
   * A counter in a sliding window: takes one place under `key` (named by `ticket`, at `now`) unless `limit` places
   * were taken within the last `windowMs`, or the window was closed (closeWindow) until after `now`. True when taken.
   */
  takeFromWindow(key: string, ticket: string, window: WindowLimit): Promise<boolean>;
  /** How many places takeFromWindow would still give out under `key` at `now` (0 while closed). Changes nothing. */
  placesLeft(key: string, window: WindowLimit): Promise<number>;
  /** Gives the place named `ticket` back. */
  giveBack(key: string, ticket: string): Promise<void>;
  /** Refuses every take under `key` until `until` (on the same clock as the takes' `now`), whatever is given back. */
  closeWindow(key: string, until: number, ttlMs: number): Promise<void>;
  /**
   * Appends `item` to the list at `key`, then drops its oldest items until it holds at most `maxItems` and
   * `maxBytes` (UTF-8). An item larger than `maxBytes` alone is refused (false). `ttlMs` restarts with each append.
   */
  append(key: string, item: string, bounds: ListBounds): Promise<boolean>;
  /** The list at `key`, oldest first, and deletes it: each item is taken by one caller only. */
  takeAll(key: string): Promise<string[]>;
  /** Puts `member` in the time index `index` at `at` (moving it if it is there already). */
  schedule(index: string, member: string, at: number): Promise<void>;
  unschedule(index: string, member: string): Promise<void>;
  /** Up to `limit` members of `index` due at or before `upTo`, earliest first. Changes nothing. */
  due(index: string, upTo: number, limit: number): Promise<string[]>;
  /**
   * Tells every subscriber of `topic`, in every process, that something changed. At most once: a subscriber that
   * missed a message finds the change by reading the state again (as a long poll does when its wait ends).
   */
  publish(topic: string): Promise<void>;
  /**
   * Calls `listener` on each message for `topic` until the returned function is called. Also called, for every
   * topic, when the implementation may have missed messages (a reconnection), so that waiters read again.
   */
  subscribe(topic: string, listener: () => void): () => void;
}

export interface StateRecord {
  value: string;
  /** 1 for a new record, one more on each write. */
  revision: number;
}

export interface WindowLimit {
  limit: number;
  windowMs: number;
  /** The proxy's clock, epoch ms. */
  now: number;
}

export interface ListBounds {
  maxItems: number;
  maxBytes: number;
  ttlMs: number;
}

/** The shared state could not be reached (or did not answer in time). The proxy answers 503 while it lasts. */
export class StateUnavailableError extends Error {
  override readonly name = 'StateUnavailableError';
}
