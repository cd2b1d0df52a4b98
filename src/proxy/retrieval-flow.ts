import type { BelvoEmploymentRecord, BelvoWebhook } from '../contract/belvo.js';
import type { LinkError, LinkStatusResponse, SummaryConfirmation } from '../contract/proxy-api.js';
import type { EmploymentSummary } from '../contract/summary.js';
import { countSkippedRecords, summarizeEmployment } from '../summary/index.js';
import type { CurpAttempt } from './attempt-guard.js';
import type { BelvoClient } from './belvo-client.js';
import {
  linkMayExist,
  mapBelvoFailure,
  mapLinkErrorWebhook,
  mayHaveReachedImss,
  sessionTimeoutError,
} from './error-mapping.js';
import type { LinkSettings } from './link-settings.js';
import type { PendingSessions } from './pending-sessions.js';
import type { ProxyLogger } from './proxy-log.js';
import { newLeaseOwner, newLogTag, newSessionHandle } from './random-ids.js';
import type { SessionChanges } from './session-changes.js';
import {
  progressOf,
  stateKeys,
  timesOutAt,
  visibleStep,
  DOWNLOAD_GRACE_MS,
  type FinishedSession,
  type PendingSession,
  type SessionRecord,
  type Sessions,
  type SessionValue,
} from './session-store.js';
import type { StateKeys } from './state-keys.js';
import type { ProxyState } from './state/proxy-state.js';
import type { WebhookInbox } from './webhook-inbox.js';

/**
 * Hands work that must outlive the current HTTP request to the runtime: an edge runtime's `waitUntil`, so the
 * instance is not frozen before the work is done, or plain fire-and-forget in Node. Whoever makes the Background
 * also catches and logs the task's failure, so a task passed to it needs no error handling. Work started while
 * handling a request is handed to that request's Background: nothing made in one request (a timer, an
 * AbortController, a stream) is used by another, as workerd requires.
 */
export type Background = (task: Promise<unknown>) => void;

/**
 * A download's lease: renewed every LEASE_CHECK_MS while it runs; if its instance stops, the lease runs out and
 * the next poll or sweep (any instance) takes the download over, well within 15 s of the stop.
 */
const LEASE_MS = 5000;
const LEASE_CHECK_MS = 500;
/** Most sessions a sweep looks at per index: the rest wait for the next sweep. */
const SWEEP_BATCH = 100;

export interface RetrievalFlowOptions {
  belvo: BelvoClient;
  /** What every link asks Belvo for: the institution, single access, the resources, how little Belvo keeps. */
  linkSettings: LinkSettings;
  /** Keep the Belvo link of a successful retrieval instead of deleting it once the summary is made. */
  keepBelvoLinks: boolean;
  state: ProxyState;
  keys: StateKeys;
  sessions: Sessions;
  changes: SessionChanges;
  inbox: WebhookInbox;
  log: ProxyLogger;
  now: () => number;
  sessionTimeoutMs: number;
  sessionTtlMs: number;
  /**
   * When, after its link was created, a session still waiting for its records webhook has Belvo asked for the
   * records (ascending, in ms).
   */
  reconcileAfterMs: readonly number[];
  /** The sessions this process opened, bounded (see PendingSessions). */
  pending: PendingSessions;
  /** What a ready status gives the browser (see ImssProxyOptions.browserDelivery). */
  browserDelivery: BrowserDelivery;
  /** The partner's server-side delivery of each summary (see ImssProxyOptions.onSummary). */
  onSummary?: OnSummary;
  /** The CURP's IMSS logins left today, to this applicant (attempt-guard.ts), told with every failure. */
  attemptsLeft: (curp: string, owner: string | undefined) => Promise<number>;
}

/** What GET /links/{session} gives the browser once a session is ready. */
export type BrowserDelivery = 'full' | 'minimal' | 'none';

/** Who a summary is for, given to `onSummary`. */
export interface SummaryDelivery {
  /** The applicant id `authorize` returned; undefined when the proxy runs open. */
  applicant: string | undefined;
  /** The session's handle, as the browser has it (the `session` of `imss-success`). */
  session: string;
  /** The request's `externalId`, if it had one. */
  externalId: string | undefined;
}

export type OnSummary = (summary: EmploymentSummary, delivery: SummaryDelivery) => void | Promise<void>;

/** Who opens a session: the applicant (its id and keyed hash), or nobody when the proxy runs open. */
export interface SessionOwner {
  applicant: string | undefined;
  owner: string | undefined;
}

type Outcome =
  { status: 'ready'; summary: string | undefined; madeAt: number } | { status: 'failed'; error: LinkError };

/**
 * One person's retrieval, from the CURP to the summary (see session-store.ts for the states):
 *
 *   open ─▶ connecting ──(Belvo creates the link)──▶ retrieving ──(EMPLOYMENT_RECORDS webhook)──▶ downloading
 *   ──(records downloaded and summarised, under a lease)──▶ ready
 *
 * and `failed` from any pending step: Belvo refuses the link, a LINK webhook, a download that fails, or no outcome
 * before the session's deadline (a download under way gets DOWNLOAD_GRACE_MS more). Every change is a
 * compare-and-set on the session's value, so that two instances never both apply a webhook, both start a download
 * or both finish a session; the one whose change was written does what follows from it (deleting the link, waking
 * the polls). Deadlines are data: the transitions due at a time are made explicitly, by `settleDue` (a poll, a
 * webhook) and `sweep` (on the back of requests), so an idle proxy holds no timers.
 *
 * Belvo's webhooks can be lost. A session still `retrieving` at one of `reconcileAfterMs` after its link was created
 * has Belvo asked whether it holds the link's records (a reconciliation); if it does, the download starts as if the
 * webhook had come. Each check is claimed by one compare-and-set of the session's `checks`, under a lease, so one
 * instance makes it; a check whose instance stopped is not made again, the next one is.
 */
export class RetrievalFlow {
  readonly #o: RetrievalFlowOptions;

  constructor(options: RetrievalFlowOptions) {
    this.#o = options;
  }

  /**
   * Starts a session for a valid CURP and hands the link creation to `background`; returns its handle. `attempt` is
   * the CURP's daily IMSS login counted for it, settled by Belvo's answer.
   */
  async open(
    curp: string,
    externalId: string | undefined,
    attempt: CurpAttempt,
    who: SessionOwner,
    background: Background,
  ): Promise<string> {
    const { keys, onSummary } = this.#o;
    const handle = newSessionHandle();
    const tag = newLogTag();
    const delivery = { applicant: who.applicant, externalId };
    const value: PendingSession = {
      status: 'pending',
      step: 'connecting',
      tag,
      deadline: this.#o.now() + this.#o.sessionTimeoutMs,
      curp: await keys.seal(curp, handle),
      // What the 202 answer to POST /links implies.
      told: 'pending/connecting',
      ...(who.owner === undefined ? {} : { owner: who.owner }),
      ...(onSummary ? { delivery: await keys.seal(JSON.stringify(delivery), handle) } : {}),
    };
    await this.#o.sessions.create(handle, value);
    await this.#o.state.schedule(stateKeys.deadlines, handle, timesOutAt(value));
    // The reserved place is this session's from here (the caller releases it if anything above threw), and before
    // its work starts, which may end it.
    this.#o.pending.opened(handle);
    this.#o.log({ event: 'session_created', session: tag });
    background(this.#connect(handle, value, curp, externalId, attempt, background));
    return handle;
  }

  /** The session, or undefined when unknown, deleted or expired. A plain read. */
  read(handle: string): Promise<SessionRecord | undefined> {
    return this.#o.sessions.read(handle);
  }

  /**
   * Makes the transitions that are due for a session: a pending session past its deadline (timesOutAt) ends in
   * `timeout`; a download whose lease ran out (its instance stopped) is taken over. Returns the session as it is now.
   */
  async settleDue(record: SessionRecord, background: Background): Promise<SessionRecord | undefined> {
    const { value } = record;
    if (value.status !== 'pending') return record;
    if (this.#o.now() >= timesOutAt(value)) {
      await this.#finish(
        record.handle,
        () => true,
        { status: 'failed', error: sessionTimeoutError() },
        background,
      );
      return this.read(record.handle);
    }
    if (value.step === 'downloading') background(this.#resumeDownload(record.handle, background));
    if (value.step === 'retrieving' && this.#isReconciliationDue(value)) {
      background(this.#reconcile(record.handle, background));
    }
    return record;
  }

  /**
   * When Belvo is next asked for a waiting session's records (epoch ms), so that a held poll reads the session again
   * then; undefined when it is not waiting for them or every check was made.
   */
  reconciliationDueAt(value: SessionValue): number | undefined {
    if (value.status !== 'pending' || value.step !== 'retrieving') return undefined;
    const after = this.#o.reconcileAfterMs[value.checks];
    return after === undefined ? undefined : value.linkedAt + after;
  }

  /** What the browser is told about a session (see BrowserDelivery). */
  async statusOf(record: SessionRecord): Promise<LinkStatusResponse> {
    const { value } = record;
    const step = visibleStep(value);
    const ready = value.status === 'ready' ? value : undefined;
    const confirmation: SummaryConfirmation | undefined =
      ready && this.#o.browserDelivery === 'minimal'
        ? { deliveredTo: 'server', madeAt: new Date(ready.madeAt).toISOString() }
        : undefined;
    return {
      status: value.status,
      ...(step ? { step } : {}),
      ...(ready?.summary !== undefined
        ? { summary: JSON.parse(await this.#o.keys.open(ready.summary, record.handle)) as EmploymentSummary }
        : {}),
      ...(confirmation ? { confirmation } : {}),
      ...(value.status === 'failed' ? { error: value.error } : {}),
    };
  }

  /** Records that the browser was told the session's current progress (best effort: a concurrent change wins). */
  async markTold(record: SessionRecord): Promise<void> {
    const progress = progressOf(record.value);
    if (record.value.told === progress) return;
    await this.#o.sessions.replace(record, { ...record.value, told: progress });
  }

  /**
   * The person withdrew: forget the session at once, and delete the Belvo link if there is one. False when there is
   * no such session for this `owner` (the applicant's keyed hash, undefined when running open).
   */
  async withdraw(handle: string, owner: string | undefined, background: Background): Promise<boolean> {
    const { before, after } = await this.#o.sessions.update(handle, (value) =>
      value.owner === owner ? null : undefined,
    );
    if (!before || !after) return false;
    this.#o.pending.ended(handle);
    this.#o.log({ event: 'session_deleted', session: before.value.tag });
    await this.#unschedule(handle);
    // If the link is still being created, the link creation finds the session gone and deletes the link itself.
    const linkId = 'linkId' in before.value ? before.value.linkId : undefined;
    if (linkId !== undefined) background(this.#o.belvo.deleteLink(linkId));
    await this.#o.changes.notify(handle);
    return true;
  }

  /** A webhook Belvo sent (already authenticated). Safe with repeats, in any order, on any instance. */
  async receiveWebhook(webhook: BelvoWebhook, background: Background): Promise<void> {
    if (!(await this.#o.inbox.firstDelivery(webhook.webhook_id))) {
      this.#logWebhook(webhook, 'duplicate');
      return;
    }
    const handle = await this.#o.sessions.findByLink(webhook.link_id);
    if (handle === undefined) {
      // Either the link-creation answer has not arrived yet, or the link is not (or no longer) ours.
      await this.#park(webhook, background);
      return;
    }
    await this.#apply(webhook, handle, background);
  }

  /** Times out overdue sessions and takes over downloads whose instance stopped. */
  async sweep(background: Background): Promise<void> {
    const { state } = this.#o;
    const overdue = await state.due(stateKeys.deadlines, this.#o.now(), SWEEP_BATCH);
    const downloading = await state.due(stateKeys.downloads, Infinity, SWEEP_BATCH);
    const reconciling = await state.due(stateKeys.reconciliations, this.#o.now(), SWEEP_BATCH);
    for (const handle of new Set([...overdue, ...downloading, ...reconciling])) {
      const record = await this.read(handle);
      if (!record || record.value.status !== 'pending') await this.#unschedule(handle);
      else await this.settleDue(record, background);
    }
  }

  async #connect(
    handle: string,
    { tag, deadline }: PendingSession,
    curp: string,
    externalId: string | undefined,
    attempt: CurpAttempt,
    background: Background,
  ): Promise<void> {
    const result = await this.#o.belvo.createLink(
      {
        ...this.#o.linkSettings,
        username: curp,
        // Already checked (link-request.ts): 3–100 characters, no personal data.
        ...(externalId === undefined ? {} : { external_id: externalId }),
      },
      // Belvo's 429s are waited out only while the session can still end well.
      { deadline },
    );
    if (!result.ok) {
      const error = mapBelvoFailure(result.failure);
      if (error.code === 'daily_limit') await attempt.useUpWindow();
      else if (!mayHaveReachedImss(result.failure, error)) await attempt.giveBack();
      if (linkMayExist(result.failure)) {
        this.#o.log({
          event: 'link_unconfirmed',
          session: tag,
          ...(externalId === undefined ? {} : { externalId }),
        });
      }
      await this.#finish(handle, () => true, { status: 'failed', error }, background);
      return;
    }

    const linkId = result.value.id;
    // The index first: a webhook that finds the link before the session names it is parked, then taken below.
    await this.#o.sessions.attachLink(linkId, handle, this.#o.sessionTimeoutMs + DOWNLOAD_GRACE_MS);
    const now = this.#o.now();
    const { after } = await this.#o.sessions.update(handle, (value) =>
      value.status === 'pending' && value.step === 'connecting' && now < timesOutAt(value)
        ? { ...value, step: 'retrieving', linkId, linkedAt: now, checks: 0 }
        : undefined,
    );
    if (!after) {
      // Withdrawn, failed or timed out while Belvo was creating the link: nobody will read its data, so remove it.
      const record = await this.read(handle);
      if (record) await this.settleDue(record, background);
      await this.#o.inbox.takeParked(linkId);
      await this.#o.belvo.deleteLink(linkId);
      return;
    }
    this.#o.log({ event: 'link_created', session: tag });
    await this.#scheduleReconciliation(after);
    await this.#o.changes.notify(handle);
    for (const webhook of await this.#o.inbox.takeParked(linkId))
      await this.#apply(webhook, handle, background);
  }

  /** Parks a webhook until its link is known; takes it back at once if the link became known meanwhile. */
  async #park(webhook: BelvoWebhook, background: Background): Promise<void> {
    await this.#o.inbox.park(webhook);
    this.#logWebhook(webhook, 'parked');
    const handle = await this.#o.sessions.findByLink(webhook.link_id);
    const record = handle === undefined ? undefined : await this.read(handle);
    if (!record || (record.value.status === 'pending' && record.value.step === 'connecting')) return;
    for (const parked of await this.#o.inbox.takeParked(webhook.link_id)) {
      await this.#apply(parked, record.handle, background);
    }
  }

  async #apply(webhook: BelvoWebhook, handle: string, background: Background): Promise<void> {
    const found = await this.read(handle);
    const record = found && (await this.settleDue(found, background));
    if (!record) {
      await this.#park(webhook, background); // a session forgotten: the webhook goes stale, parked
      return;
    }
    if (record.value.status === 'pending' && record.value.step === 'connecting') {
      await this.#park(webhook, background); // its link creation's answer is being recorded
      return;
    }
    if (record.value.status !== 'pending') {
      this.#logWebhook(webhook, 'ignored', record.value);
      return;
    }
    if (webhook.webhook_type === 'EMPLOYMENT_RECORDS' && webhook.webhook_code === 'historical_update') {
      const announced = webhook.data['total_employment_record_profiles'];
      const started = await this.#startDownload(
        handle,
        typeof announced === 'number' ? announced : null,
        background,
      );
      if (started.ok) this.#logWebhook(webhook, 'applied', started.record.value);
      else {
        // Another instance is starting its download, or a second records webhook (another webhook_id) came while the
        // first one's download runs (a reconciliation's included): that download will do.
        const downloading =
          started.before?.value.status === 'pending' && started.before.value.step === 'downloading';
        const outcome = started.busy || downloading ? 'duplicate' : 'ignored';
        this.#logWebhook(webhook, outcome, started.before?.value ?? record.value);
      }
    } else if (webhook.webhook_type === 'LINK') {
      this.#logWebhook(webhook, 'applied', record.value);
      await this.#finish(
        handle,
        () => true,
        { status: 'failed', error: mapLinkErrorWebhook(webhook.request_id) },
        background,
      );
    } else {
      // OWNERS and anything new: the summary is built from the employment records alone.
      this.#logWebhook(webhook, 'ignored', record.value);
    }
  }

  /**
   * retrieving → downloading, and the download handed to `background`: the records are at Belvo (`profiles` of them,
   * null: not said). The download's lease is taken first, so that no poll takes the download over before it starts.
   * Not started (`ok: false`) when another instance holds the lease (`busy`) or the session is no longer retrieving.
   */
  async #startDownload(
    handle: string,
    profiles: number | null,
    background: Background,
  ): Promise<
    { ok: true; record: SessionRecord } | { ok: false; busy: boolean; before?: SessionRecord | undefined }
  > {
    const { state, sessions } = this.#o;
    const owner = newLeaseOwner();
    if (!(await state.holdLease(stateKeys.lease(handle), owner, LEASE_MS))) return { ok: false, busy: true };
    const now = this.#o.now();
    const { before, after } = await sessions.update(handle, (value) =>
      value.status === 'pending' && value.step === 'retrieving' && now < timesOutAt(value)
        ? { ...value, step: 'downloading', profiles }
        : undefined,
    );
    if (!after) {
      await state.releaseLease(stateKeys.lease(handle), owner);
      return { ok: false, busy: false, before };
    }
    await state.unschedule(stateKeys.reconciliations, handle);
    await state.schedule(stateKeys.deadlines, handle, timesOutAt(after.value as PendingSession));
    await state.schedule(stateKeys.downloads, handle, 0);
    background(this.#download(handle, owner, background));
    return { ok: true, record: after };
  }

  #isReconciliationDue(value: PendingSession): boolean {
    const dueAt = this.reconciliationDueAt(value);
    return dueAt !== undefined && this.#o.now() >= dueAt;
  }

  /** Puts a waiting session in the reconciliations index at its next check, or out of it when none is left. */
  async #scheduleReconciliation(record: SessionRecord): Promise<void> {
    const dueAt = this.reconciliationDueAt(record.value);
    if (dueAt === undefined) await this.#o.state.unschedule(stateKeys.reconciliations, record.handle);
    else await this.#o.state.schedule(stateKeys.reconciliations, record.handle, dueAt);
  }

  /**
   * A reconciliation: the records webhook is late, so Belvo is asked whether it holds the link's records; if it
   * does, the download starts. The lease keeps a second instance from asking at the same time; the session's
   * `checks`, moved on before asking, makes each check once.
   */
  async #reconcile(handle: string, background: Background): Promise<void> {
    const { state, sessions, belvo, log } = this.#o;
    const lease = stateKeys.reconcileLease(handle);
    const owner = newLeaseOwner();
    if (!(await state.holdLease(lease, owner, LEASE_MS))) return;
    try {
      const now = this.#o.now();
      const { after } = await sessions.update(handle, (value) =>
        value.status === 'pending' &&
        value.step === 'retrieving' &&
        this.#isReconciliationDue(value) &&
        now < timesOutAt(value)
          ? { ...value, checks: value.checks + 1 }
          : undefined,
      );
      if (after?.value.status !== 'pending' || after.value.step !== 'retrieving') return;
      const { linkId, tag, checks, deadline } = after.value;
      await this.#scheduleReconciliation(after);
      const result = await belvo.countEmploymentRecords(linkId, { deadline });
      const found = result.ok && result.value > 0;
      log({
        event: 'reconciliation',
        session: tag,
        attempt: checks,
        outcome: !result.ok ? 'failed' : found ? 'found' : 'not_found',
      });
      // None yet (or Belvo did not answer): the webhook may still come, or the next check find them.
      if (result.ok && found) await this.#startDownload(handle, result.value, background);
    } finally {
      await state.releaseLease(lease, owner).catch(() => {});
    }
  }

  /** Takes over a download whose lease ran out (its instance stopped), if it did. */
  async #resumeDownload(handle: string, background: Background): Promise<void> {
    const owner = newLeaseOwner();
    if (!(await this.#o.state.holdLease(stateKeys.lease(handle), owner, LEASE_MS))) return;
    const record = await this.read(handle);
    if (record?.value.status !== 'pending' || record.value.step !== 'downloading') {
      await this.#o.state.releaseLease(stateKeys.lease(handle), owner);
      return;
    }
    this.#o.log({ event: 'download_resumed', session: record.value.tag });
    await this.#download(handle, owner, background);
  }

  /**
   * Downloads every employment-record profile of the link and turns them into the summary, while `owner` holds the
   * session's lease. The lease is renewed every LEASE_CHECK_MS, and the session read again: once it is no longer
   * downloading (withdrawn, timed out) or the lease is lost, the Belvo calls are given up.
   */
  async #download(handle: string, owner: string, background: Background): Promise<void> {
    const { state, sessions, keys, belvo, log } = this.#o;
    const lease = stateKeys.lease(handle);
    const isDownloading = (value: SessionValue) => value.status === 'pending' && value.step === 'downloading';
    const giveUp = new AbortController();
    const check = async () => {
      try {
        const held = await state.holdLease(lease, owner, LEASE_MS);
        const record = await sessions.read(handle);
        if (!held || !record || !isDownloading(record.value)) giveUp.abort();
      } catch {
        // The state is unreachable for now: carry on; the lease tells whether another instance took over.
      }
    };
    const checking = setInterval(() => void check(), LEASE_CHECK_MS);
    try {
      const record = await sessions.read(handle);
      if (!record || record.value.status !== 'pending' || record.value.step !== 'downloading') return;
      const { linkId, profiles: announced, tag } = record.value;
      const curp = await keys.open(record.value.curp, handle);
      let profiles: BelvoEmploymentRecord[] = [];
      // Belvo announces how many profiles it found; with none there is nothing to download.
      if (announced !== 0) {
        const result = await belvo.listEmploymentRecords(linkId, {
          signal: giveUp.signal,
          deadline: timesOutAt(record.value),
        });
        if (!result.ok) {
          if (result.failure.kind === 'cancelled' || giveUp.signal.aborted) {
            log({ event: 'download_cancelled', session: tag });
            return;
          }
          const error = mapBelvoFailure(result.failure);
          await this.#finish(handle, isDownloading, { status: 'failed', error }, background);
          return;
        }
        profiles = result.value;
      }
      let summary: EmploymentSummary;
      try {
        summary = summarizeEmployment(curp, profiles);
      } catch {
        const error = mapBelvoFailure({ kind: 'invalid_response', status: 200 });
        await this.#finish(handle, isDownloading, { status: 'failed', error }, background);
        return;
      }
      if (!(await this.#deliver(summary, handle, record.value))) {
        const error: LinkError = {
          code: 'service_error',
          message: "The partner's backend did not take the summary.",
          retryable: true,
        };
        await this.#finish(handle, isDownloading, { status: 'failed', error }, background);
        return;
      }
      const sealed =
        this.#o.browserDelivery === 'full' ? await keys.seal(JSON.stringify(summary), handle) : undefined;
      const ready: Outcome = { status: 'ready', summary: sealed, madeAt: this.#o.now() };
      // The deadline no longer decides once the download has started (see DOWNLOAD_GRACE_MS): the session must only
      // still be there (not withdrawn) and downloading (not timed out after its grace).
      if (await this.#finish(handle, isDownloading, ready, background)) {
        log({
          event: 'session_ready',
          session: tag,
          profiles: profiles.length,
          skippedRecords: countSkippedRecords(profiles),
        });
      } else {
        log({ event: 'download_cancelled', session: tag });
      }
    } finally {
      clearInterval(checking);
      await state.releaseLease(lease, owner).catch(() => {});
    }
  }

  /**
   * Hands the summary to the partner's `onSummary`, before the session says `ready`: a summary the partner's
   * backend did not take is a failure the person sees (service_error, retryable), not a silent loss. At least
   * once: if this instance stops between the delivery and the session's change, the download is taken over and
   * the summary delivered again, with the same `session`.
   */
  async #deliver(summary: EmploymentSummary, handle: string, value: PendingSession): Promise<boolean> {
    const { onSummary, keys, log } = this.#o;
    if (!onSummary || value.delivery === undefined) return true;
    try {
      const { applicant, externalId } = JSON.parse(await keys.open(value.delivery, handle)) as Omit<
        SummaryDelivery,
        'session'
      >;
      await onSummary(summary, { applicant, session: handle, externalId });
      return true;
    } catch (error) {
      log({ event: 'summary_not_delivered', session: value.tag, code: (error as Error)?.name ?? 'Error' });
      return false;
    }
  }

  /**
   * Ends a pending session (if `when` still holds for its value) with `outcome`. Common to both outcomes: the CURP
   * is dropped, the session now lives only for its TTL, its polls are woken, and its Belvo link is deleted, so that
   * the person's records do not stay in the partner's Belvo account once the summary is made (unless
   * `keepBelvoLinks`), nor after a failure or a timeout (Belvo may still be working on it, for nobody).
   * True when this call made the change.
   */
  async #finish(
    handle: string,
    when: (value: PendingSession) => boolean,
    outcome: Outcome,
    background: Background,
  ): Promise<boolean> {
    const expiresAt = this.#o.now() + this.#o.sessionTtlMs;
    const keepLink = outcome.status === 'ready' && this.#o.keepBelvoLinks;
    if (outcome.status === 'failed') outcome = await this.#withAttemptsLeft(handle, outcome);
    const { before, after } = await this.#o.sessions.update(handle, (value) => {
      if (value.status !== 'pending' || !when(value)) return undefined;
      const linkId = 'linkId' in value ? value.linkId : undefined;
      const finished: FinishedSession = {
        tag: value.tag,
        told: value.told,
        ...(value.owner === undefined ? {} : { owner: value.owner }),
        expiresAt,
        ...(keepLink && linkId !== undefined ? { linkId } : {}),
        ...outcome,
      };
      return finished;
    });
    if (!before || !after) return false;
    this.#o.pending.ended(handle);
    await this.#unschedule(handle);
    const linkId = 'linkId' in before.value ? before.value.linkId : undefined;
    if (linkId !== undefined && !keepLink) background(this.#o.belvo.deleteLink(linkId));
    await this.#o.changes.notify(handle);
    if (outcome.status === 'failed') {
      this.#o.log({ event: 'session_failed', session: before.value.tag, code: outcome.error.code });
    }
    return true;
  }

  /** The failure with how many of the CURP's IMSS logins are left today (to its applicant), if it can be known. */
  async #withAttemptsLeft(
    handle: string,
    outcome: Extract<Outcome, { status: 'failed' }>,
  ): Promise<Extract<Outcome, { status: 'failed' }>> {
    const record = await this.read(handle);
    if (record?.value.status !== 'pending') return outcome;
    const curp = await this.#o.keys.open(record.value.curp, handle);
    const attemptsLeft = await this.#o.attemptsLeft(curp, record.value.owner);
    return { status: 'failed', error: { ...outcome.error, attemptsLeft } };
  }

  async #unschedule(handle: string): Promise<void> {
    await this.#o.state.unschedule(stateKeys.deadlines, handle);
    await this.#o.state.unschedule(stateKeys.downloads, handle);
    await this.#o.state.unschedule(stateKeys.reconciliations, handle);
  }

  #logWebhook(webhook: BelvoWebhook, outcome: string, value?: SessionValue): void {
    this.#o.log({
      event: 'webhook',
      webhookType: webhook.webhook_type,
      webhookCode: webhook.webhook_code,
      outcome,
      ...(value ? { session: value.tag } : {}),
    });
  }
}
