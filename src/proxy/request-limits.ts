import { newWindowTicket } from './random-ids.js';
import { stateKeys } from './session-store.js';
import type { StateKeys } from './state-keys.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * Limits on `POST /links`, in the shared state so that they hold across instances, each a sliding window
 * (ProxyState.takeFromWindow) under a keyed hash: the state never holds an applicant id or an address in the clear.
 * The per-CURP limits (the CURP's daily logins, an applicant's share of them, its distinct CURPs) are the attempt
 * guard's (attempt-guard.ts).
 */
export interface RequestLimits {
  /** Sessions one applicant may start per minute. Default 5. */
  applicantSessionsPerMinute: number;
  /** Distinct CURPs one applicant may try within the attempt window (24 h). Default 3. */
  applicantCurpsPerDay: number;
  /**
   * How many of a CURP's daily IMSS logins one applicant may spend. Default `attemptsPerCurp − 1` (2): the CURP's
   * owner, signed in as another applicant, always keeps one.
   */
  applicantAttemptsPerCurp: number;
  /** Sessions one client address may start per minute (see `clientAddress`). Default 30. */
  clientSessionsPerMinute: number;
  /** Belvo link creations per minute, every client and instance together: a ceiling on the Belvo bill. Default 60. */
  linkCreationsPerMinute: number;
}

export const DEFAULT_LIMITS = {
  applicantSessionsPerMinute: 5,
  applicantCurpsPerDay: 3,
  clientSessionsPerMinute: 30,
  linkCreationsPerMinute: 60,
} as const;

const MINUTE_MS = 60_000;

type MinuteLimits = Pick<
  RequestLimits,
  'applicantSessionsPerMinute' | 'clientSessionsPerMinute' | 'linkCreationsPerMinute'
>;

/** The limits that refuse a request, as the 429 answer and the log name them. */
export const REQUEST_LIMIT_NAMES = ['applicant', 'curp', 'client', 'service'] as const;

/** Which limit refused a request, for the 429 answer (`limit`) and its `Retry-After`. */
export interface LimitRefusal {
  limit: (typeof REQUEST_LIMIT_NAMES)[number];
  retryAfterSeconds: number;
}

export class RequestLimiter {
  readonly #state: ProxyState;
  readonly #keys: StateKeys;
  readonly #limits: MinuteLimits;
  readonly #now: () => number;

  constructor(options: { state: ProxyState; keys: StateKeys; limits: MinuteLimits; now: () => number }) {
    this.#state = options.state;
    this.#keys = options.keys;
    this.#limits = options.limits;
    this.#now = options.now;
  }

  /**
   * Counts a request to start a session against its client's and applicant's per-minute limits (every request
   * counts, refused or not: a flood is what they are for). The first limit reached, or undefined.
   */
  async admit(who: {
    owner: string | undefined;
    client: string | undefined;
  }): Promise<LimitRefusal | undefined> {
    if (who.client !== undefined) {
      const key = stateKeys.clientSessions(await this.#keys.hash(`client\u0000${who.client}`));
      if (!(await this.#take(key, this.#limits.clientSessionsPerMinute))) return perMinute('client');
    }
    if (who.owner !== undefined) {
      const key = stateKeys.applicantSessions(who.owner);
      if (!(await this.#take(key, this.#limits.applicantSessionsPerMinute))) return perMinute('applicant');
    }
    return undefined;
  }

  /** Takes one of this minute's link creations (all instances together); false when none is left. */
  async takeLinkCreation(): Promise<boolean> {
    return this.#take(stateKeys.linkCreations, this.#limits.linkCreationsPerMinute);
  }

  #take(key: string, limit: number): Promise<boolean> {
    const ticket = newWindowTicket();
    return this.#state.takeFromWindow(key, ticket, { limit, windowMs: MINUTE_MS, now: this.#now() });
  }
}

/**
 * A per-minute window frees its oldest place within a minute. The window slides and the state does not say when
 * its oldest place was taken, so Retry-After is the bound: the whole minute.
 */
function perMinute(limit: LimitRefusal['limit']): LimitRefusal {
  return { limit, retryAfterSeconds: MINUTE_MS / 1000 };
}
