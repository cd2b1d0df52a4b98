/**
 * Wakes the long polls waiting on a session when its status or step changes (or it is forgotten).
 * In memory, like the session store: one process only.
 */
export class SessionChanges {
  readonly #waiters = new Map<string, Set<() => void>>();

  /** Calls `listener` once, at the next change of the session; returns a function that cancels it. */
  subscribe(handle: string, listener: () => void): () => void {
    let listeners = this.#waiters.get(handle);
    if (!listeners) this.#waiters.set(handle, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#waiters.get(handle) === listeners) this.#waiters.delete(handle);
    };
  }

  /**
   * How many waits are pending on a session.
   * @internal exported for tests
   */
  listenerCount(handle: string): number {
    return this.#waiters.get(handle)?.size ?? 0;
  }

  notify(handle: string): void {
    const listeners = this.#waiters.get(handle);
    if (!listeners) return;
    this.#waiters.delete(handle);
    for (const listener of listeners) listener();
  }
}

/** How a wait ended. */
export type WaitOutcome = 'changed' | 'elapsed' | 'aborted';

/**
 * Waits for the next change of a session, at most `ms` milliseconds, or until `signal` aborts (the client went
 * away). Leaves no timer or listener behind, whichever comes first.
 */
export function waitForChange(
  changes: SessionChanges,
  handle: string,
  ms: number,
  signal?: AbortSignal,
): Promise<WaitOutcome> {
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const finish = (outcome: WaitOutcome) => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('elapsed'), Math.max(0, ms));
    const unsubscribe = changes.subscribe(handle, () => finish('changed'));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
