import { newWindowTicket } from './random-ids.js';
import { stateKeys } from './session-store.js';
import type { StateKeys } from './state-keys.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * Counts IMSS login attempts per CURP in the shared state, so that the proxy refuses a fourth attempt in 24 hours
 * itself (on whichever instance it arrives) instead of spending Belvo calls on a login IMSS will refuse (IMSS
 * allows a CURP three logins a day). A sliding window (ProxyState.takeFromWindow) under the CURP's keyed hash: the
 * state never holds the CURP.
 *
 * With an applicant (the partner's `authorize`), two more windows, in the same day: how many of the CURP's logins
 * this applicant may spend (`perApplicant`, by default all but one, so that the CURP's owner, signed in as another
 * applicant, always keeps one), and how many distinct CURPs the applicant may try (`curpsPerApplicant`).
 */
export interface AttemptGuardOptions {
  state: ProxyState;
  keys: StateKeys;
  /** Attempts allowed per CURP within the window. */
  limit: number;
  windowMs: number;
  /** Per applicant: its share of a CURP's attempts and how many distinct CURPs it may try; undefined: no limit. */
  perApplicant?: { attemptsPerCurp: number; curpsPerWindow: number };
  now: () => number;
}

/** One counted attempt, to be settled once Belvo has answered its link creation. */
export interface CurpAttempt {
  /** Gives this attempt back: it never reached IMSS (see mayHaveReachedImss). */
  giveBack(): Promise<void>;
  /** Uses up the CURP's attempts for the window: IMSS itself said they are used up (403 `forbidden_by_host`). */
  useUpWindow(): Promise<void>;
}

export type AttemptRefusal =
  /** The CURP has no attempt left today, whoever asks. */
  | 'daily_limit'
  /** This applicant spent its share of the CURP's attempts. */
  | 'curp_share'
  /** This applicant tried as many distinct CURPs as it may today. */
  | 'curps_per_applicant';

export interface AttemptGuard {
  /**
   * Counts an attempt for this CURP (and applicant, a keyed hash, when there is one), or says why not (and counts
   * nothing).
   */
  tryAcquire(
    curp: string,
    owner: string | undefined,
  ): Promise<{ ok: true; attempt: CurpAttempt } | { ok: false; refusal: AttemptRefusal }>;
  /** How many attempts are left today for this CURP, and to this applicant when there is one. */
  attemptsLeft(curp: string, owner: string | undefined): Promise<number>;
  /** The longest a refusal lasts: the window, in ms. */
  readonly windowMs: number;
}

export function createAttemptGuard(options: AttemptGuardOptions): AttemptGuard {
  const { state, keys, limit, windowMs, perApplicant, now } = options;
  const curpKey = async (curp: string) => stateKeys.attempts(await keys.hash(curp));
  const shareKey = async (curp: string, owner: string) =>
    stateKeys.applicantCurp(await keys.hash(`${owner}\u0000${curp}`));
  /** Takes a place, or undefined; its giveBack. */
  const take = async (key: string, places: number) => {
    const ticket = newWindowTicket();
    if (!(await state.takeFromWindow(key, ticket, { limit: places, windowMs, now: now() }))) return undefined;
    return () => state.giveBack(key, ticket);
  };

  return {
    windowMs,
    async tryAcquire(curp, owner) {
      const key = await curpKey(curp);
      const givenBack: Array<() => Promise<void>> = [];
      const undo = () => Promise.all(givenBack.map((giveBack) => giveBack()));
      if (owner !== undefined && perApplicant) {
        const share = await shareKey(curp, owner);
        const window = { limit: perApplicant.attemptsPerCurp, windowMs, now: now() };
        // A CURP this applicant has not tried today counts against its distinct CURPs.
        if ((await state.placesLeft(share, window)) === perApplicant.attemptsPerCurp) {
          const distinct = await take(stateKeys.applicantCurps(owner), perApplicant.curpsPerWindow);
          if (!distinct) return { ok: false, refusal: 'curps_per_applicant' };
          givenBack.push(distinct);
        }
        const shared = await take(share, perApplicant.attemptsPerCurp);
        if (!shared) {
          await undo();
          const curpLeft = await state.placesLeft(key, { limit, windowMs, now: now() });
          return { ok: false, refusal: curpLeft === 0 ? 'daily_limit' : 'curp_share' };
        }
        givenBack.push(shared);
      }
      const own = await take(key, limit);
      if (!own) {
        await undo();
        return { ok: false, refusal: 'daily_limit' };
      }
      return {
        ok: true,
        attempt: {
          // This attempt's own places, wherever later attempts put theirs; and IMSS's own limit is kept apart
          // (closeWindow), so giving an attempt back can never lift it.
          giveBack: async () => {
            await own();
            await undo();
          },
          useUpWindow: () => state.closeWindow(key, now() + windowMs, windowMs),
        },
      };
    },
    async attemptsLeft(curp, owner) {
      const window = { limit, windowMs, now: now() };
      const left = await state.placesLeft(await curpKey(curp), window);
      if (owner === undefined || !perApplicant) return left;
      const share = { ...window, limit: perApplicant.attemptsPerCurp };
      return Math.min(left, await state.placesLeft(await shareKey(curp, owner), share));
    },
  };
}
