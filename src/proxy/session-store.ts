import type { LinkError, ProgressStep } from '../contract/proxy-api.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * A session is a value: plain JSON in the shared state, read whole, changed whole by one compare-and-set on its
 * revision (`SessionRecord`). Nobody holds one across an `await` as if it were the truth: a change is
 * "read, decide, write if still the same revision, else read again" (Sessions.update).
 *
 *   pending/connecting ──link created──▶ pending/retrieving ──records webhook──▶ pending/downloading ──▶ ready
 *            │                       │   ▲    └──or reconciliation finds records──┘         │
 *            │                       └───┘ reconciliation: checks + 1                          │
 *            └───────────────┴──────────────────┴── refusal, LINK webhook, failed download, timeout ──▶ failed
 *
 * The browser sees `downloading` as `retrieving` (progressOf). Personal data is only ever kept sealed (see
 * state-keys.ts): `curp` while pending, `summary` once ready.
 */
export type SessionValue = PendingSession | FinishedSession;

interface SessionBase {
  /** Short random name for log lines, unrelated to the handle. */
  tag: string;
  /**
   * The progress (see progressOf) the browser was last told. A long poll answers at once when the session has moved
   * on since, so a step reached between two polls (e.g. before the first one arrives) is never skipped.
   */
  told: string;
  /** The applicant's keyed hash (see applicants.ts): only this applicant finds the session. None when running open. */
  owner?: string;
}

export type PendingSession = SessionBase & {
  status: 'pending';
  /** Epoch ms (the proxy's clock) after which the session ends in `timeout` (see timesOutAt). */
  deadline: number;
  /** The CURP, sealed: needed to make the summary, dropped as soon as the session finishes. */
  curp: string;
  /** With `onSummary`: the applicant's id and the request's externalId (SummaryDelivery), sealed, until it finishes. */
  delivery?: string;
} & (
    | { step: 'connecting' }
    /**
     * Belvo's link id, never sent to the browser. `linkedAt`: when the link was created (the proxy's clock);
     * `checks`: how many times the proxy has asked Belvo for the records because their webhook was late (see
     * RetrievalFlow's reconciliation).
     */
    | { step: 'retrieving'; linkId: string; linkedAt: number; checks: number }
    /**
     * The records webhook came: the download runs under a lease (leaseKey), taken over by another instance if the
     * one running it stops. `profiles` is how many profiles Belvo announced (null: not said).
     */
    | { step: 'downloading'; linkId: string; profiles: number | null }
  );

export type FinishedSession = SessionBase & {
  /** Epoch ms after which the session is forgotten (reads find nothing). */
  expiresAt: number;
  /** Only when the Belvo link was kept (`keepBelvoLinks`): DELETE deletes it then. */
  linkId?: string;
} & (
    | {
        status: 'ready';
        /** Sealed; only with `browserDelivery: 'full'` (otherwise the summary went to `onSummary` only). */
        summary?: string;
        /** When the summary was made, epoch ms. */
        madeAt: number;
      }
    | { status: 'failed'; error: LinkError }
  );

/** A session as read: its value and the revision a change must name. */
export interface SessionRecord {
  handle: string;
  revision: number;
  value: SessionValue;
}

/** A session's status and visible step in one comparable value. */
export function progressOf(value: SessionValue): string {
  return `${value.status}/${visibleStep(value) ?? ''}`;
}

export function visibleStep(value: SessionValue): ProgressStep | undefined {
  if (value.status !== 'pending') return undefined;
  return value.step === 'connecting' ? 'connecting' : 'retrieving';
}

/** How long past its deadline a session whose records are being downloaded is given to finish (see timesOutAt). */
export const DOWNLOAD_GRACE_MS = 60_000;

/**
 * When a pending session times out: its deadline, or DOWNLOAD_GRACE_MS later while its records download. A
 * paginated download with retries can outlast the deadline, and throwing away a history already on its way would
 * only make the person start over and spend another of the CURP's daily IMSS logins.
 */
export function timesOutAt(value: PendingSession): number {
  return value.deadline + (value.step === 'downloading' ? DOWNLOAD_GRACE_MS : 0);
}

/** Keys in the shared state. None holds personal data: handles and link ids are random, CURPs only hashed. */
export const stateKeys = {
  session: (handle: string) => `session:${handle}`,
  link: (linkId: string) => `link:${linkId}`,
  lease: (handle: string) => `lease:${handle}`,
  /** Held while one instance asks Belvo for a session's records (a reconciliation). */
  reconcileLease: (handle: string) => `reconcile:${handle}`,
  /** Time index of pending sessions by timesOutAt, for the sweep. */
  deadlines: 'deadlines',
  /** Time index of sessions whose records are downloading, for the sweep to take over orphaned downloads. */
  downloads: 'downloads',
  /** Time index of sessions waiting for their records webhook, by when Belvo is next asked for the records. */
  reconciliations: 'reconciliations',
  webhook: (webhookId: string) => `webhook:${webhookId}`,
  parked: (linkId: string) => `parked:${linkId}`,
  attempts: (curpHash: string) => `attempts:${curpHash}`,
  /** An applicant's attempts on one CURP (keyed hash of both), and the distinct CURPs it tried (by its hash). */
  applicantCurp: (hash: string) => `applicant-curp:${hash}`,
  applicantCurps: (ownerHash: string) => `applicant-curps:${ownerHash}`,
  /** Request limits: sessions per applicant and per client address (keyed hashes), link creations (one window). */
  applicantSessions: (ownerHash: string) => `limit-applicant:${ownerHash}`,
  clientSessions: (addressHash: string) => `limit-client:${addressHash}`,
  linkCreations: 'limit-links',
  attemptId: (hash: string) => `attempt-id:${hash}`,
} as const;

/** The real-time TTL added to a session's own lifetime in the store: a backstop, not the expiry (that is data). */
const STORE_TTL_MARGIN_MS = 60_000;

/** Sessions in the shared state: plain reads, and changes by compare-and-set. */
export class Sessions {
  readonly #state: ProxyState;
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(state: ProxyState, now: () => number, sessionTtlMs: number) {
    this.#state = state;
    this.#now = now;
    this.#ttlMs = sessionTtlMs;
  }

  /** The session, or undefined when it never existed, was deleted, or expired. Changes nothing. */
  async read(handle: string): Promise<SessionRecord | undefined> {
    const record = await this.#state.get(stateKeys.session(handle));
    if (!record) return undefined;
    const value = JSON.parse(record.value) as SessionValue;
    if (value.status !== 'pending' && this.#now() >= value.expiresAt) return undefined;
    return { handle, revision: record.revision, value };
  }

  async create(handle: string, value: PendingSession): Promise<void> {
    const revision = await this.#state.compareAndSet(
      stateKeys.session(handle),
      0,
      JSON.stringify(value),
      this.#storeTtl(value),
    );
    if (revision === undefined) throw new Error('A session handle was drawn twice.');
  }

  /**
   * Replaces the value if the session is still at the revision read (`null` deletes it). The new record, or
   * undefined when it changed meanwhile (read again and decide again).
   */
  async replace(record: SessionRecord, next: SessionValue | null): Promise<SessionRecord | undefined> {
    const key = stateKeys.session(record.handle);
    const revision = await this.#state.compareAndSet(
      key,
      record.revision,
      next === null ? null : JSON.stringify(next),
      next === null ? undefined : this.#storeTtl(next),
    );
    if (revision === undefined) return undefined;
    return next === null ? { ...record, revision: 0 } : { handle: record.handle, revision, value: next };
  }

  /**
   * Applies `change` atomically: reads the session, asks `change` for the next value (undefined: no change), writes
   * it if nobody changed the session meanwhile, and tries again otherwise. `before` is what `change` was given;
   * `after` is undefined when nothing was written (no session, or `change` said no).
   */
  async update(
    handle: string,
    change: (value: SessionValue) => SessionValue | null | undefined,
  ): Promise<{ before: SessionRecord | undefined; after: SessionRecord | undefined }> {
    for (;;) {
      const before = await this.read(handle);
      if (!before) return { before, after: undefined };
      const next = change(before.value);
      if (next === undefined) return { before, after: undefined };
      const after = await this.replace(before, next);
      if (after) return { before, after };
    }
  }

  /** Records which session a Belvo link belongs to, for the webhooks; as long-lived as a session. */
  async attachLink(linkId: string, handle: string, lifetimeMs: number): Promise<void> {
    await this.#state.compareAndSet(
      stateKeys.link(linkId),
      0,
      handle,
      lifetimeMs + this.#ttlMs + STORE_TTL_MARGIN_MS,
    );
  }

  async findByLink(linkId: string): Promise<string | undefined> {
    return (await this.#state.get(stateKeys.link(linkId)))?.value;
  }

  #storeTtl(value: SessionValue): number {
    const until =
      value.status === 'pending' ? timesOutAt(value) + DOWNLOAD_GRACE_MS + this.#ttlMs : value.expiresAt;
    return Math.max(1000, until - this.#now()) + STORE_TTL_MARGIN_MS;
  }
}
