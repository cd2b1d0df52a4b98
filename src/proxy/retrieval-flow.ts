import {
  IMSS_FETCH_RESOURCES,
  IMSS_INSTITUTION,
  type BelvoEmploymentRecord,
  type BelvoWebhook,
} from '../contract/belvo.js';
import type { LinkError } from '../contract/proxy-api.js';
import { summarizeEmployment } from '../summary/index.js';
import type { CurpAttempt } from './attempt-guard.js';
import type { BelvoClient } from './belvo-client.js';
import {
  linkMayExist,
  mapBelvoFailure,
  mapLinkErrorWebhook,
  mayHaveReachedImss,
  sessionTimeoutError,
} from './error-mapping.js';
import type { ProxyLogger } from './proxy-log.js';
import { newLogTag, newSessionHandle } from './random-ids.js';
import type { SessionChanges } from './session-changes.js';
import { progressOf, type Session, type SessionStore } from './session-store.js';
import type { WebhookInbox } from './webhook-inbox.js';

/**
 * Hands work that must outlive the current HTTP request to the runtime: an edge runtime's `waitUntil`, so the
 * instance is not frozen before the work is done, or plain fire-and-forget in Node. Whoever makes the Background
 * (create-proxy.ts) also catches and logs the task's failure, so a task passed to it needs no error handling.
 * Work started while handling a request is handed to that request's Background, background work included.
 */
export type Background = (task: Promise<unknown>) => void;

/**
 * How long past its deadline a session whose records are already being downloaded is given to finish. A
 * paginated download with retries can outlast the deadline (each page may take `timeoutMs`, and be tried three
 * times): throwing away a history already on its way would only make the person start over and spend another of
 * the CURP's daily IMSS logins.
 */
const DOWNLOAD_GRACE_MS = 60_000;

export interface RetrievalFlowOptions {
  belvo: BelvoClient;
  /** Keep the Belvo link of a successful retrieval instead of deleting it once the summary is made. */
  keepBelvoLinks: boolean;
  store: SessionStore;
  changes: SessionChanges;
  inbox: WebhookInbox;
  log: ProxyLogger;
  now: () => number;
  sessionTimeoutMs: number;
  sessionTtlMs: number;
}

/**
 * One person's retrieval, from the CURP to the summary:
 *
 *   open ─▶ pending/connecting ──(Belvo creates the link)──▶ pending/retrieving ──(EMPLOYMENT_RECORDS webhook,
 *   records downloaded and summarised)──▶ ready
 *
 * and `failed` from any pending step: Belvo refuses the link, a LINK webhook, a download that fails, or no
 * outcome before the session's deadline (a download under way gets DOWNLOAD_GRACE_MS more). Deadlines and expiries
 * are checked when a session is looked at (and by a sweep piggy-backing on requests), so an idle proxy holds no
 * timers.
 *
 * Only pending sessions change: a late or repeated webhook cannot undo an outcome.
 */
export class RetrievalFlow {
  readonly #o: RetrievalFlowOptions;
  /**
   * Per pending session, by handle: aborted when the session ends or is forgotten, to give up its Belvo calls
   * (retries included) that nobody will read the answer of.
   */
  readonly #calls = new Map<string, AbortController>();

  constructor(options: RetrievalFlowOptions) {
    this.#o = options;
  }

  /** Starts a session for a valid CURP. `connect` must follow (after the response). */
  open(curp: string): Session {
    const session: Session = {
      handle: newSessionHandle(),
      tag: newLogTag(),
      status: 'pending',
      step: 'connecting',
      curp,
      deadline: this.#o.now() + this.#o.sessionTimeoutMs,
      // What the 202 answer to POST /links implies.
      told: progressOf({ status: 'pending', step: 'connecting' }),
    };
    this.#o.store.add(session);
    this.#calls.set(session.handle, new AbortController());
    this.#o.log({ event: 'session_created', session: session.tag });
    return session;
  }

  /**
   * Asks Belvo for the link for `curp`, then applies any webhook that overtook the answer. `attempt` is the CURP's
   * daily IMSS login counted for it, settled by Belvo's answer.
   */
  async connect(
    session: Session,
    curp: string,
    externalId: string | undefined,
    attempt: CurpAttempt,
    background: Background,
  ): Promise<void> {
    const result = await this.#o.belvo.createLink(
      {
        institution: IMSS_INSTITUTION,
        username: curp,
        access_mode: 'single',
        fetch_resources: [...IMSS_FETCH_RESOURCES],
        // Already checked (link-request.ts): 3–100 characters, no personal data.
        ...(externalId === undefined ? {} : { external_id: externalId }),
      },
      this.#callOptions(session),
    );
    const current = this.#pending(session, background);
    if (!result.ok) {
      const error = mapBelvoFailure(result.failure);
      if (error.code === 'daily_limit') attempt.useUpWindow();
      else if (!mayHaveReachedImss(result.failure, error)) attempt.giveBack();
      if (linkMayExist(result.failure)) {
        this.#o.log({
          event: 'link_unconfirmed',
          session: session.tag,
          ...(externalId === undefined ? {} : { externalId }),
        });
      }
      if (current) this.#fail(current, error, background);
      return;
    }

    const linkId = result.value.id;
    if (!current) {
      // Withdrawn or timed out while Belvo was creating the link: nobody will read its data, so remove it.
      this.#o.inbox.takeParked(linkId);
      await this.#deleteLink(linkId);
      return;
    }
    this.#o.store.attachLink(current, linkId);
    current.step = 'retrieving';
    this.#o.log({ event: 'link_created', session: current.tag });
    this.#o.changes.notify(current.handle);

    for (const webhook of this.#o.inbox.takeParked(linkId)) await this.#apply(webhook, current, background);
  }

  /** A webhook Belvo sent (already authenticated). Safe to call with repeats and in any order. */
  async receiveWebhook(webhook: BelvoWebhook, background: Background): Promise<void> {
    const now = this.#o.now();
    if (!this.#o.inbox.firstDelivery(webhook.webhook_id, now)) {
      this.#logWebhook(webhook, 'duplicate');
      return;
    }
    const session = this.#o.store.findByLinkId(webhook.link_id);
    if (!session) {
      // Either the link-creation answer has not arrived yet, or the link is not (or no longer) ours.
      this.#o.inbox.park(webhook, now);
      this.#logWebhook(webhook, 'parked');
      return;
    }
    await this.#apply(webhook, session, background);
  }

  /**
   * The session as the browser may see it now, or undefined when unknown, deleted or expired. Not a plain read: what
   * is due is applied first — a pending session past its deadline (see timesOutAt) ends in `timeout` and its Belvo
   * link is deleted through `background`; a finished one past its TTL is forgotten.
   */
  current(handle: string, background: Background): Session | undefined {
    const session = this.#o.store.get(handle);
    if (!session) return undefined;
    const now = this.#o.now();
    if (session.expiresAt !== undefined && now >= session.expiresAt) {
      this.#forget(session);
      return undefined;
    }
    if (session.status === 'pending' && now >= this.timesOutAt(session))
      this.#fail(session, sessionTimeoutError(), background);
    return session;
  }

  /** When a pending session times out: its deadline, or DOWNLOAD_GRACE_MS later while its records download. */
  timesOutAt(session: Session): number {
    return session.deadline + (session.downloading ? DOWNLOAD_GRACE_MS : 0);
  }

  /** The person withdrew: forget the session at once, and delete the Belvo link if there is one. */
  withdraw(handle: string, background: Background): boolean {
    const session = this.current(handle, background);
    if (!session) return false;
    this.#forget(session);
    this.#o.log({ event: 'session_deleted', session: session.tag });
    // If the link is still being created, `connect` finds the session gone and deletes the link itself.
    this.#releaseLink(session, background);
    return true;
  }

  /** Times out overdue sessions and forgets expired ones and stale webhooks. */
  sweep(background: Background): void {
    for (const session of [...this.#o.store.all()]) this.current(session.handle, background);
    this.#o.inbox.prune(this.#o.now());
  }

  async #apply(webhook: BelvoWebhook, session: Session, background: Background): Promise<void> {
    if (!this.#pending(session, background)) {
      this.#logWebhook(webhook, 'ignored', session);
      return;
    }
    if (webhook.webhook_type === 'EMPLOYMENT_RECORDS' && webhook.webhook_code === 'historical_update') {
      const { curp, linkId } = session;
      // A second records webhook (another webhook_id) while the first one's download runs: that download will do.
      if (session.downloading || curp === undefined || linkId === undefined) {
        this.#logWebhook(webhook, 'duplicate', session);
        return;
      }
      this.#logWebhook(webhook, 'applied', session);
      await this.#download(session, curp, linkId, webhook, background);
    } else if (webhook.webhook_type === 'LINK') {
      this.#logWebhook(webhook, 'applied', session);
      this.#fail(session, mapLinkErrorWebhook(webhook.request_id), background);
    } else {
      // OWNERS and anything new: the summary is built from the employment records alone.
      this.#logWebhook(webhook, 'ignored', session);
    }
  }

  /** Downloads every employment-record profile of the link and turns them into the summary. */
  async #download(
    session: Session,
    curp: string,
    linkId: string,
    webhook: BelvoWebhook,
    background: Background,
  ): Promise<void> {
    session.downloading = true;
    try {
      let profiles: BelvoEmploymentRecord[] = [];
      // Belvo announces how many profiles it found; with none there is nothing to download.
      if (webhook.data['total_employment_record_profiles'] !== 0) {
        const result = await this.#o.belvo.listEmploymentRecords(linkId, this.#callOptions(session));
        if (!result.ok) {
          if (this.#stillPending(session)) this.#fail(session, mapBelvoFailure(result.failure), background);
          return;
        }
        profiles = result.value;
      }
      // The deadline no longer decides once the download has started (see DOWNLOAD_GRACE_MS): the session must only
      // still be there (not withdrawn) and pending (not timed out after its grace).
      if (this.#stillPending(session)) this.#succeed(session, curp, profiles, background);
    } finally {
      delete session.downloading;
    }
  }

  #succeed(session: Session, curp: string, profiles: BelvoEmploymentRecord[], background: Background): void {
    try {
      session.summary = summarizeEmployment(curp, profiles);
    } catch {
      this.#fail(session, mapBelvoFailure({ kind: 'invalid_response', status: 200 }), background);
      return;
    }
    session.status = 'ready';
    this.#finish(session, background);
    this.#o.log({ event: 'session_ready', session: session.tag, profiles: profiles.length });
  }

  #fail(session: Session, error: LinkError, background: Background): void {
    session.status = 'failed';
    session.error = error;
    this.#finish(session, background);
    this.#o.log({ event: 'session_failed', session: session.tag, code: error.code });
  }

  /**
   * Common to both outcomes: the CURP is no longer needed, Belvo calls still running for the session are given up,
   * and the session now lives only for its TTL. Its Belvo link is deleted, so that the person's records do not
   * stay in the partner's Belvo account once the summary is made (unless `keepBelvoLinks`), nor after a failure
   * or a timeout (Belvo may still be working on it, for nobody).
   */
  #finish(session: Session, background: Background): void {
    delete session.step;
    delete session.curp;
    this.#cancelCalls(session);
    if (session.status === 'failed' || !this.#o.keepBelvoLinks) this.#releaseLink(session, background);
    session.expiresAt = this.#o.now() + this.#o.sessionTtlMs;
    this.#o.changes.notify(session.handle);
  }

  #forget(session: Session): void {
    this.#o.store.delete(session.handle);
    // Work still running may hold the object a little longer: it must not hold the CURP too.
    delete session.curp;
    this.#cancelCalls(session);
    this.#o.changes.notify(session.handle);
  }

  #callOptions(session: Session): { signal?: AbortSignal } {
    const calls = this.#calls.get(session.handle);
    return calls ? { signal: calls.signal } : {};
  }

  #cancelCalls(session: Session): void {
    this.#calls.get(session.handle)?.abort();
    this.#calls.delete(session.handle);
  }

  /** The session, if it is still the stored one and still pending once what is due is applied (see current). */
  #pending(session: Session, background: Background): Session | undefined {
    return this.current(session.handle, background) === session && session.status === 'pending'
      ? session
      : undefined;
  }

  /** Whether the session is still the stored one (not withdrawn or expired) and still pending, whatever the time. */
  #stillPending(session: Session): boolean {
    return this.#o.store.get(session.handle) === session && session.status === 'pending';
  }

  async #deleteLink(linkId: string): Promise<void> {
    await this.#o.belvo.deleteLink(linkId);
  }

  /** Deletes the session's Belvo link, once (a timed-out session may also be withdrawn). */
  #releaseLink(session: Session, background: Background): void {
    if (!session.linkId || session.linkReleased) return;
    session.linkReleased = true;
    background(this.#deleteLink(session.linkId));
  }

  #logWebhook(webhook: BelvoWebhook, outcome: string, session?: Session): void {
    this.#o.log({
      event: 'webhook',
      webhookType: webhook.webhook_type,
      webhookCode: webhook.webhook_code,
      outcome,
      ...(session ? { session: session.tag } : {}),
    });
  }
}
