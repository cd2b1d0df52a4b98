import { base64url } from '../internal/base64.js';
import { stateKeys } from './session-store.js';
import type { StateKeys } from './state-keys.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * Counts IMSS login attempts per CURP in the shared state, so that the proxy refuses a fourth attempt in 24 hours
 * itself (on whichever instance it arrives) instead of spending Belvo calls on a login IMSS will refuse (IMSS
 * allows a CURP three logins a day). A sliding window (ProxyState.takeFromWindow) under the CURP's keyed hash: the
 * state never holds the CURP.
 */
export interface AttemptGuardOptions {
  state: ProxyState;
  keys: StateKeys;
  /** Attempts allowed per CURP within the window. */
  limit: number;
  windowMs: number;
  now: () => number;
}

/** One counted attempt, to be settled once Belvo has answered its link creation. */
export interface CurpAttempt {
  /** Gives this attempt back: it never reached IMSS (see mayHaveReachedImss). */
  giveBack(): Promise<void>;
  /** Uses up the CURP's attempts for the window: IMSS itself said they are used up (403 `forbidden_by_host`). */
  useUpWindow(): Promise<void>;
}

export interface AttemptGuard {
  /** Counts an attempt for this CURP, or returns undefined (and counts nothing) when none is left. */
  tryAcquire(curp: string): Promise<CurpAttempt | undefined>;
}

export function createAttemptGuard(options: AttemptGuardOptions): AttemptGuard {
  const { state, keys, limit, windowMs, now } = options;
  return {
    async tryAcquire(curp) {
      const key = stateKeys.attempts(await keys.hash(curp));
      const ticket = base64url(crypto.getRandomValues(new Uint8Array(9)));
      if (!(await state.takeFromWindow(key, ticket, { limit, windowMs, now: now() }))) return undefined;
      return {
        // This attempt's own place, wherever later attempts put theirs; and IMSS's own limit is kept apart
        // (closeWindow), so giving an attempt back can never lift it.
        giveBack: () => state.giveBack(key, ticket),
        useUpWindow: () => state.closeWindow(key, now() + windowMs, windowMs),
      };
    },
  };
}
