import type { ProxyState } from './state/proxy-state.js';

/**
 * Wakes the long polls waiting on a session, on any instance, when its status or step changes (or it is
 * forgotten): a message on the session's topic in the shared state. Messages are at most once, so a woken poll
 * always reads the state again, and one that was never woken reads it when its wait ends.
 */
export class SessionChanges {
  readonly #state: ProxyState;

  constructor(state: ProxyState) {
    this.#state = state;
  }

  notify(handle: string): Promise<void> {
    return this.#state.publish(`session:${handle}`);
  }

  /**
   * Starts listening for the next change of a session. Subscribe first, then read the state, then `wait`: a change
   * made between the read and the wait is not missed.
   */
  listen(handle: string): ChangeListener {
    let changed = false;
    let wake: (() => void) | undefined;
    const unsubscribe = this.#state.subscribe(`session:${handle}`, () => {
      changed = true;
      wake?.();
    });
    return {
      wait: (ms, signal) =>
        waitForChange(
          () => changed,
          (resolve) => (wake = resolve),
          ms,
          signal,
        ),
      stop: unsubscribe,
    };
  }
}

export interface ChangeListener {
  /** Resolves at the first change since `listen` (at once if there was one), after `ms`, or when `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<WaitOutcome>;
  /** Stops listening. Call it however the wait ended. */
  stop(): void;
}

/** How a wait ended. */
export type WaitOutcome = 'changed' | 'elapsed' | 'aborted';

/** Leaves no timer or abort listener behind, whichever comes first. */
function waitForChange(
  hasChanged: () => boolean,
  onChange: (resolve: () => void) => void,
  ms: number,
  signal?: AbortSignal,
): Promise<WaitOutcome> {
  if (hasChanged()) return Promise.resolve('changed');
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const finish = (outcome: WaitOutcome) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      onChange(() => {});
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('elapsed'), Math.max(0, ms));
    onChange(() => finish('changed'));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
