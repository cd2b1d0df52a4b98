import { MAX_WAIT_SECONDS, type LinkStatusResponse } from '../contract/proxy-api.js';
import type { AttemptGuard } from './attempt-guard.js';
import type { AttemptSessions } from './attempt-sessions.js';
import type { PendingSessions } from './pending-sessions.js';
import type { ProxyLogger } from './proxy-log.js';
import type { LimitRefusal, RequestLimiter } from './request-limits.js';
import type { Background, RetrievalFlow, SessionOwner } from './retrieval-flow.js';
import type { SessionChanges } from './session-changes.js';
import { progressOf, timesOutAt, type SessionRecord } from './session-store.js';
import type { StateKeys } from './state-keys.js';

/**
 * What the browser asks of the proxy (POST, GET and DELETE /links), as functions of plain values: the routes
 * (links-routes.ts) only read the request and write the answer.
 */
export interface LinkUseCasesOptions {
  flow: RetrievalFlow;
  attempts: AttemptGuard;
  attemptSessions: AttemptSessions;
  /** Undefined: request limits off. */
  limiter: RequestLimiter | undefined;
  pending: PendingSessions;
  changes: SessionChanges;
  keys: StateKeys;
  log: ProxyLogger;
  now: () => number;
  /** Ends every held poll at once (the server is shutting down). */
  stopping?: AbortSignal;
}

/**
 * A held poll of a session whose records are downloading reads it again at least this often, so that a download
 * whose instance stopped is taken over (see RetrievalFlow.settleDue) even if nothing else happens.
 */
const DOWNLOAD_RECHECK_MS = 2000;
/**
 * A held poll of a session waiting for its records webhook reads it again when Belvo is next to be asked for the
 * records (see RetrievalFlow.reconciliationDueAt), and at most this often while that check is being made.
 */
const RECONCILE_RECHECK_MS = 250;

export class LinkUseCases {
  readonly #o: LinkUseCasesOptions;

  constructor(options: LinkUseCasesOptions) {
    this.#o = options;
  }

  /**
   * Starts a retrieval for an applicant (`who`; its `client` address, if known): the session handle (`reused` when
   * it repeats an earlier request with the same attemptId and CURP), or why not. The checks, cheapest first: the
   * client's and the applicant's requests per minute (every request counts), the pending sessions of this process,
   * then, for a new session only, the CURP's attempts (and the applicant's share of them, and its distinct CURPs),
   * and last the link creations per minute (given back with the attempt if refused, since nothing reached IMSS).
   */
  async start(
    request: { curp: string; externalId: string | undefined; attemptId: string | undefined },
    who: SessionOwner & { client: string | undefined },
    background: Background,
  ): Promise<StartResult> {
    const { limiter, pending, log } = this.#o;
    const limited = await limiter?.admit(who);
    if (limited) return this.#limited(limited);
    if (!pending.reserve()) {
      log({ event: 'overloaded', status: 503 });
      return { ok: false, refusal: 'overloaded' };
    }
    let openedNew = false;
    try {
      return await this.#start(request, who, background, () => (openedNew = true));
    } finally {
      if (!openedNew) pending.release();
    }
  }

  async #start(
    request: { curp: string; externalId: string | undefined; attemptId: string | undefined },
    who: SessionOwner & { client: string | undefined },
    background: Background,
    openedNew: () => void,
  ): Promise<StartResult> {
    const { curp, externalId, attemptId } = request;
    const { flow, attempts, attemptSessions, limiter, keys, log } = this.#o;
    let refused: Exclude<StartResult, { ok: true }> | undefined;
    /** Spends one of the CURP's attempts on a new session; undefined (and `refused` says why) when it may not. */
    const openSession = async (): Promise<string | undefined> => {
      const acquired = await attempts.tryAcquire(curp, who.owner);
      if (!acquired.ok) {
        refused =
          acquired.refusal === 'daily_limit'
            ? { ok: false, refusal: 'daily_limit' }
            : this.#limited({
                limit: acquired.refusal === 'curp_share' ? 'curp' : 'applicant',
                retryAfterSeconds: Math.ceil(attempts.windowMs / 1000),
              });
        return undefined;
      }
      if (limiter && !(await limiter.takeLinkCreation())) {
        await acquired.attempt.giveBack();
        refused = this.#limited({ limit: 'service', retryAfterSeconds: 60 });
        return undefined;
      }
      const handle = await flow.open(curp, externalId, acquired.attempt, who, background);
      openedNew(); // flow.open took the reserved place (PendingSessions.opened)
      return handle;
    };
    let opened: { handle: string; reused: boolean } | undefined;
    if (attemptId === undefined) {
      const handle = await openSession();
      opened = handle === undefined ? undefined : { handle, reused: false };
    } else {
      // A repeat of an earlier request is answered before the attempt guard: it spends no attempt.
      // The CURP and the applicant are part of the key: the same attemptId with another CURP, or from another
      // applicant, is another request.
      const hash = await keys.hash(`${curp}\u0000${attemptId}\u0000${who.owner ?? ''}`);
      const isLive = async (handle: string) => (await flow.read(handle)) !== undefined;
      opened = await attemptSessions.reuseOrOpen(hash, isLive, openSession);
    }
    if (!opened) {
      if (refused?.refusal === 'daily_limit') log({ event: 'attempt_limited', status: 429 });
      return refused ?? { ok: false, refusal: 'daily_limit' };
    }
    if (opened.reused) {
      const tag = (await flow.read(opened.handle))?.value.tag;
      log({ event: 'attempt_repeated', ...(tag === undefined ? {} : { session: tag }) });
    }
    return { ok: true, ...opened };
  }

  /** A 429 refusal by a request limit, logged. */
  #limited(refusal: LimitRefusal): Exclude<StartResult, { ok: true }> {
    this.#o.log({ event: 'request_limited', status: 429, code: refusal.limit });
    return { ok: false, refusal: 'rate_limited', ...refusal };
  }

  /** The session, if it exists and belongs to `owner` (the applicant's keyed hash; undefined when running open). */
  async #find(handle: string, owner: string | undefined): Promise<SessionRecord | undefined> {
    const found = await this.#o.flow.read(handle);
    return found && found.value.owner === owner ? found : undefined;
  }

  /**
   * The session's status, or undefined when there is no such session. With `waitMs`, and nothing new since the
   * browser's last answer, held until the status or step changes, the wait is over, the session times out, or the
   * client goes away (`signal`, read only then: building it costs a full Request in Node).
   */
  async status(
    handle: string,
    owner: string | undefined,
    waitMs: number,
    signal: () => AbortSignal,
    background: Background,
  ): Promise<LinkStatusResponse | undefined> {
    const { flow, changes, now } = this.#o;
    // Listening before each read: a change between the read and the wait is not missed. One read per wake-up.
    let listener = waitMs > 0 ? changes.listen(handle) : undefined;
    try {
      const found = await this.#find(handle, owner);
      let record = found && (await flow.settleDue(found, background));
      if (!record) return undefined;
      if (listener && record.value.status === 'pending' && progressOf(record.value) === record.value.told) {
        const before = progressOf(record.value);
        const until = Math.min(now() + waitMs, timesOutAt(record.value));
        for (;;) {
          const reconcileAt = flow.reconciliationDueAt(record.value);
          const slice =
            record.value.status === 'pending' && record.value.step === 'downloading'
              ? DOWNLOAD_RECHECK_MS
              : reconcileAt === undefined
                ? Infinity
                : Math.max(RECONCILE_RECHECK_MS, reconcileAt - now());
          // +1 ms: a timer firing on the very millisecond of the deadline must find it passed.
          const outcome = await listener.wait(Math.min(until - now() + 1, slice), this.#waitSignal(signal()));
          listener.stop();
          listener = changes.listen(handle);
          const after = await flow.read(handle);
          record = after && (await flow.settleDue(after, background));
          if (!record) return undefined;
          if (
            outcome === 'aborted' ||
            this.#o.stopping?.aborted ||
            progressOf(record.value) !== before ||
            now() >= until
          )
            break;
        }
      }
      // Only an answer that reaches the browser counts as told: to a client that went away, a step it never saw
      // must be reported again on its next poll, not waited past.
      if (progressOf(record.value) !== record.value.told && !signal().aborted) await flow.markTold(record);
      return flow.statusOf(record satisfies SessionRecord);
    } finally {
      listener?.stop();
    }
  }

  /** What ends a held poll: its client going away, or the server stopping. */
  #waitSignal(request: AbortSignal): AbortSignal {
    return this.#o.stopping ? AbortSignal.any([request, this.#o.stopping]) : request;
  }

  withdraw(handle: string, owner: string | undefined, background: Background): Promise<boolean> {
    return this.#o.flow.withdraw(handle, owner, background);
  }
}

export type StartResult =
  | { ok: true; handle: string; reused: boolean }
  | { ok: false; refusal: 'daily_limit' }
  | { ok: false; refusal: 'overloaded' }
  | ({ ok: false; refusal: 'rate_limited' } & LimitRefusal);

/**
 * The `wait` query parameter in seconds, clamped to MAX_WAIT_SECONDS; 0 when absent, undefined when invalid.
 * @internal exported for tests
 */
export function parseWaitSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Math.min(Number(value), MAX_WAIT_SECONDS);
}
