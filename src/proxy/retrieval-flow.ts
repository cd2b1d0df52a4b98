import {
  IMSS_FETCH_RESOURCES,
  IMSS_INSTITUTION,
  type BelvoEmploymentRecord,
  type BelvoWebhook,
} from '../contract/belvo.js';
import type { LinkError } from '../contract/proxy-api.js';
import { summarizeEmployment } from '../summary/index.js';
import type { BelvoClient } from './belvo-client.js';
import { mapBelvoFailure, mapLinkErrorWebhook, sessionTimeoutError } from './error-mapping.js';
import type { ProxyLogger } from './proxy-log.js';
import { newLogTag, newSessionHandle } from './random-ids.js';
import type { SessionChanges } from './session-changes.js';
import { progressOf, type Session, type SessionStore } from './session-store.js';
import type { WebhookInbox } from './webhook-inbox.js';

/**
 * Hands work that must outlive the current HTTP request to the runtime (an edge runtime's `waitUntil`, or plain
 * fire-and-forget in Node). The task's errors are already handled by whoever passes it.
 */
export type Background = (task: Promise<unknown>) => void;

export interface RetrievalFlowOptions {
  belvo: BelvoClient;
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
 * outcome before the session's deadline. Deadlines and expiries are checked when a session is looked at (and by
 * a sweep piggy-backing on requests), so an idle proxy holds no timers.
 *
 * Only pending sessions change: a late or repeated webhook cannot undo an outcome.
 */
export class RetrievalFlow {
  readonly #o: RetrievalFlowOptions;

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
      downloading: false,
      deadline: this.#o.now() + this.#o.sessionTimeoutMs,
      // What the 202 answer to POST /links implies.
      told: progressOf({ status: 'pending', step: 'connecting' }),
    };
    this.#o.store.add(session);
    this.#o.log({ event: 'session_created', session: session.tag });
    return session;
  }

  /** Asks Belvo for the link, then applies any webhook that overtook the answer. */
  async connect(session: Session, externalId: string | undefined): Promise<void> {
    const result = await this.#o.belvo.createLink({
      institution: IMSS_INSTITUTION,
      username: session.curp ?? '',
      access_mode: 'single',
      fetch_resources: [...IMSS_FETCH_RESOURCES],
      // Already checked (link-request.ts): 3–100 characters, no personal data.
      ...(externalId === undefined ? {} : { external_id: externalId }),
    });
    const current = this.#pending(session);
    if (!result.ok) {
      if (current) this.#fail(current, mapBelvoFailure(result.failure));
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

    for (const webhook of this.#o.inbox.takeParked(linkId)) await this.#apply(webhook, current);
  }

  /** A webhook Belvo sent (already authenticated). Safe to call with repeats and in any order. */
  async receiveWebhook(webhook: BelvoWebhook): Promise<void> {
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
    await this.#apply(webhook, session);
  }

  /** The session as the browser may see it now, or undefined when unknown, deleted or expired. */
  read(handle: string, background: Background): Session | undefined {
    const session = this.#o.store.get(handle);
    if (!session) return undefined;
    const now = this.#o.now();
    if (session.expiresAt !== undefined && now >= session.expiresAt) {
      this.#forget(session);
      return undefined;
    }
    if (session.status === 'pending' && now >= session.deadline) this.#timeOut(session, background);
    return session;
  }

  /** The person withdrew: forget the session at once, and delete the Belvo link if there is one. */
  withdraw(handle: string, background: Background): boolean {
    const session = this.read(handle, background);
    if (!session) return false;
    this.#forget(session);
    this.#o.log({ event: 'session_deleted', session: session.tag });
    // If the link is still being created, `connect` finds the session gone and deletes the link itself.
    this.#releaseLink(session, background);
    return true;
  }

  /** Times out overdue sessions and forgets expired ones and stale webhooks. */
  sweep(background: Background): void {
    for (const session of [...this.#o.store.all()]) this.read(session.handle, background);
    this.#o.inbox.prune(this.#o.now());
  }

  async #apply(webhook: BelvoWebhook, session: Session): Promise<void> {
    if (!this.#pending(session)) {
      this.#logWebhook(webhook, 'ignored', session);
      return;
    }
    if (webhook.webhook_type === 'EMPLOYMENT_RECORDS' && webhook.webhook_code === 'historical_update') {
      this.#logWebhook(webhook, 'applied', session);
      await this.#download(session, webhook);
    } else if (webhook.webhook_type === 'LINK') {
      this.#logWebhook(webhook, 'applied', session);
      this.#fail(session, mapLinkErrorWebhook(webhook.request_id));
    } else {
      // OWNERS and anything new: the summary is built from the employment records alone.
      this.#logWebhook(webhook, 'ignored', session);
    }
  }

  /** Downloads every employment-record profile of the link and turns them into the summary. */
  async #download(session: Session, webhook: BelvoWebhook): Promise<void> {
    if (session.downloading || !session.linkId || session.curp === undefined) return;
    session.downloading = true;
    try {
      let profiles: BelvoEmploymentRecord[] = [];
      // Belvo announces how many profiles it found; with none there is nothing to download.
      if (webhook.data['total_employment_record_profiles'] !== 0) {
        const result = await this.#o.belvo.listEmploymentRecords(session.linkId);
        if (!result.ok) {
          if (this.#pending(session)) this.#fail(session, mapBelvoFailure(result.failure));
          return;
        }
        profiles = result.value;
      }
      if (!this.#pending(session)) return;
      this.#succeed(session, profiles);
    } finally {
      session.downloading = false;
    }
  }

  #succeed(session: Session, profiles: BelvoEmploymentRecord[]): void {
    try {
      session.summary = summarizeEmployment(session.curp ?? '', profiles);
    } catch {
      this.#fail(session, mapBelvoFailure({ kind: 'invalid_response', status: 200 }));
      return;
    }
    session.status = 'ready';
    this.#finish(session);
    this.#o.log({ event: 'session_ready', session: session.tag, profiles: profiles.length });
  }

  #fail(session: Session, error: LinkError): void {
    session.status = 'failed';
    session.error = error;
    this.#finish(session);
    this.#o.log({ event: 'session_failed', session: session.tag, code: error.code });
  }

  #timeOut(session: Session, background: Background): void {
    this.#fail(session, sessionTimeoutError());
    // Belvo may still be working on the link: nobody will read its data, so remove it.
    this.#releaseLink(session, background);
  }

  /** Common to both outcomes: the CURP is no longer needed, and the session now lives only for its TTL. */
  #finish(session: Session): void {
    delete session.step;
    delete session.curp;
    session.expiresAt = this.#o.now() + this.#o.sessionTtlMs;
    this.#o.changes.notify(session.handle);
  }

  #forget(session: Session): void {
    this.#o.store.delete(session.handle);
    this.#o.changes.notify(session.handle);
  }

  /** The session, if it is still the stored one and still pending (not withdrawn, expired or timed out). */
  #pending(session: Session): Session | undefined {
    if (this.#o.store.get(session.handle) !== session || session.status !== 'pending') return undefined;
    if (this.#o.now() >= session.deadline) {
      // Already inside background work here: the link deletion can simply run alongside.
      this.#timeOut(session, (task) => void task.catch(() => {}));
      return undefined;
    }
    return session;
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
