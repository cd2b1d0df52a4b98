/**
 * Counts IMSS login attempts per CURP, so the proxy refuses a fourth attempt in 24 hours itself instead of
 * spending Belvo calls on a login IMSS will refuse (IMSS allows a CURP three logins a day).
 *
 * CURPs are never kept: each is replaced by its HMAC-SHA256 under a key (random per process unless configured),
 * so the table cannot be read back into CURPs, nor matched against a list of CURPs without the key.
 * In memory: one process only, like the session store.
 */
export interface AttemptGuardOptions {
  /** Attempts allowed per CURP within the window. */
  limit: number;
  windowMs: number;
  /** HMAC key. Set it (a long random secret) when several processes must agree; default: random per process. */
  key?: string;
  now: () => number;
}

/** One counted attempt, to be settled once Belvo has answered its link creation. */
export interface CurpAttempt {
  /** Gives this attempt back: it never reached IMSS (see mayHaveReachedImss). */
  giveBack(): void;
  /** Uses up the CURP's attempts for the window: IMSS itself said they are used up (403 `forbidden_by_host`). */
  useUpWindow(): void;
}

export interface AttemptGuard {
  /** Counts an attempt for this CURP, or returns undefined (and counts nothing) when none is left. */
  tryAcquire(curp: string): Promise<CurpAttempt | undefined>;
  /** Forgets attempts older than the window. */
  prune(): void;
  /**
   * The keyed hash (hex HMAC-SHA256) of a text, under the same key as the CURPs: for other tables that must not
   * hold a CURP either (see attempt-sessions.ts).
   */
  fingerprint(text: string): Promise<string>;
}

export function createAttemptGuard(options: AttemptGuardOptions): AttemptGuard {
  /** When each counted attempt was made, per CURP fingerprint. */
  const attempts = new Map<string, number[]>();
  /**
   * Until when IMSS refuses each CURP, per fingerprint: kept apart from the counts, so that giving back another
   * attempt of the same CURP cannot lift IMSS's own limit.
   */
  const usedUpUntil = new Map<string, number>();
  // Made on first use, not at creation: Cloudflare Workers refuse random values outside a request, and a
  // partner may well create the proxy at the top of a module.
  let hmacKey: Promise<CryptoKey> | undefined;
  const keyOnce = () =>
    (hmacKey ??= crypto.subtle.importKey(
      'raw',
      options.key ? new TextEncoder().encode(options.key) : crypto.getRandomValues(new Uint8Array(32)),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    ));

  async function fingerprint(text: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await keyOnce(), new TextEncoder().encode(text));
    let hex = '';
    for (const byte of new Uint8Array(mac)) hex += byte.toString(16).padStart(2, '0');
    return hex;
  }

  const recent = (times: number[], now: number) => times.filter((time) => now - time < options.windowMs);

  return {
    async tryAcquire(curp) {
      const id = await fingerprint(curp);
      const now = options.now();
      const times = recent(attempts.get(id) ?? [], now);
      attempts.set(id, times);
      if (times.length >= options.limit || now < (usedUpUntil.get(id) ?? -Infinity)) return undefined;
      times.push(now);
      return {
        giveBack() {
          // This attempt's own entry (any of the same time is the same), wherever later attempts put theirs.
          const kept = attempts.get(id);
          const index = kept?.indexOf(now) ?? -1;
          if (index >= 0) kept!.splice(index, 1);
        },
        useUpWindow() {
          usedUpUntil.set(id, options.now() + options.windowMs);
        },
      };
    },
    prune() {
      const now = options.now();
      for (const [id, times] of attempts) {
        const kept = recent(times, now);
        if (kept.length === 0) attempts.delete(id);
        else attempts.set(id, kept);
      }
      for (const [id, until] of usedUpUntil) if (now >= until) usedUpUntil.delete(id);
    },
    fingerprint,
  };
}
