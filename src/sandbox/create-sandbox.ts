import { Hono, type Context } from 'hono';
import type { BelvoCreateLinkRequest, BelvoLinkSchema } from '../contract/belvo.js';
import { checkCurp } from '../curp/index.js';
import { BELVO_ERROR_MESSAGES, belvoError, newHexId } from './belvo-errors.js';
import type { AsBelvoSends } from './belvo-shapes.js';
import { requireSecretKeys } from './basic-auth.js';
import { abortableDelay } from '../internal/abortable-delay.js';
import {
  generateEmploymentRecords,
  generateOwner,
  institutionUserId,
  type SandboxEmploymentRecord,
  type SandboxOwner,
  type ValidCurp,
} from './generate-records.js';
import { readLinkRequest } from './link-request.js';
import { paginate } from './paginate.js';
import { IMSS_MESSAGES, scenarioFor, type Scenario } from './scenarios.js';
import { createWebhookCourier, type WebhookPayload, type WebhookStep } from './webhooks.js';

export interface BelvoSandboxOptions {
  /** The secret key ID and password the sandbox requires (HTTP Basic); anything else gets Belvo's 401. */
  secretId: string;
  secretPassword: string;
  /** Where the webhooks are POSTed (the proxy's `/webhooks/belvo`). */
  webhookUrl: string;
  /** The exact Authorization header value sent with each webhook. */
  webhookAuthorization: string;
  /** Multiplies every simulated delay: 1 = demo speed (success ≈ 2–4 s, slow ≈ 20 s), 0.01 in tests. Default 1. */
  timeScale?: number;
  /** Used to deliver webhooks (in-process wiring); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Results per page, default 10 (as Belvo's sandbox). A `page_size` query parameter overrides it. */
  pageSize?: number;
  /** Test knob: deliver every webhook twice (same webhook_id). */
  duplicateWebhooks?: boolean;
  /** Test knob: hold every `POST /api/links/` answer this long, in ms, not scaled (webhooks then come first). */
  linkResponseDelayMs?: number;
  /**
   * Test knob: hold every `GET /api/employment-records` answer this long, in ms, not scaled: a download that is
   * still under way when the proxy instance doing it stops.
   */
  recordsResponseDelayMs?: number;
  /**
   * How long the sandbox keeps a link and its data, in ms, not scaled: then it forgets them, as if the link had
   * been deleted (its pending webhooks included). The flaky scenario's memory of a CURP's first attempt is
   * forgotten after as long. Default 3 600 000 (1 h), so a long-running `npm start` does not keep every link (and
   * every CURP typed into the demo) for ever.
   */
  linkTtlMs?: number;
}

export interface BelvoSandbox {
  /** The Hono app, to mount or to serve. */
  app: Hono;
  /** Answers one request (the app's fetch handler). */
  fetch(request: Request): Promise<Response>;
  /**
   * Cancels every pending webhook, delayed answer, retry and expiry timer, so nothing keeps a process alive. The
   * sandbox keeps answering requests, but no longer forgets its links.
   */
  dispose(): void;
}

/** A link and the data Belvo has stored for it so far (filled in as each webhook is sent). */
interface StoredLink {
  link: SandboxLink;
  owners: SandboxOwner[];
  records: SandboxEmploymentRecord[];
  /** Cancels the link's expiry (it was deleted first). */
  expiry: AbortController;
}

/** Belvo retries a webhook the partner did not take; the pause before the first retry at demo speed. */
const WEBHOOK_RETRY_DELAY_MS = 1_000;
const WEBHOOK_ATTEMPTS = 3;
const WEBHOOK_ATTEMPT_TIMEOUT_MS = 5_000;
const DEFAULT_LINK_TTL_MS = 60 * 60_000;

/**
 * A stand-in for Belvo's API for IMSS employment records: the endpoints the proxy uses, Belvo's answers and
 * errors, and its webhooks, driven by the scripted CURPs of `scenarios.ts`. Web-standard only (Hono, fetch,
 * Web Crypto, setTimeout), so it runs in Node, edge runtimes and the browser. Keeps everything in memory and
 * logs nothing, so no CURP leaves it except in the answers Belvo itself would give.
 */
export function createBelvoSandbox(options: BelvoSandboxOptions): BelvoSandbox {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0 && Number.isFinite(timeScale)))
    throw new RangeError('timeScale must be a finite number ≥ 0');
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 10));
  const holdLinkAnswerMs = options.linkResponseDelayMs ?? 0;
  const holdRecordsAnswerMs = options.recordsResponseDelayMs ?? 0;
  const linkTtlMs = options.linkTtlMs ?? DEFAULT_LINK_TTL_MS;
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const links = new Map<string, StoredLink>();
  /** CURPs of the flaky scenario that already had their first, failing, attempt (for `linkTtlMs`). */
  const firstAttemptsSeen = new Set<string>();
  /** The "user" that owns the sandbox's links (Belvo's `created_by`). */
  const sandboxUserId = crypto.randomUUID();
  const lifetime = new AbortController();
  /** The expiry timers still running: of links, and of the flaky scenario's first attempts. */
  const pendingExpiries = new Set<AbortController>();
  const courier = createWebhookCourier({
    url: options.webhookUrl,
    authorization: options.webhookAuthorization,
    fetch: send,
    retryDelayMs: WEBHOOK_RETRY_DELAY_MS * timeScale,
    maxAttempts: WEBHOOK_ATTEMPTS,
    attemptTimeoutMs: WEBHOOK_ATTEMPT_TIMEOUT_MS,
    duplicate: options.duplicateWebhooks ?? false,
  });

  const app = new Hono({ strict: false });
  app.use('/api/*', requireSecretKeys(options.secretId, options.secretPassword));

  app.post('/api/links', async (c) => {
    const answer = await answerLinkCreation(c);
    if (holdLinkAnswerMs > 0) await abortableDelay(holdLinkAnswerMs, lifetime.signal);
    return answer;
  });

  app.get('/api/links/:id', (c) => {
    const stored = links.get(c.req.param('id'));
    return stored ? c.json(stored.link) : notFound(c);
  });

  app.delete('/api/links/:id', (c) => {
    const id = c.req.param('id');
    if (!links.has(id)) return notFound(c);
    forgetLink(id);
    return c.body(null, 204);
  });

  app.get('/api/employment-records', async (c) => {
    if (holdRecordsAnswerMs > 0) await abortableDelay(holdRecordsAnswerMs, lifetime.signal);
    return list(c, (stored) => stored.records);
  });
  app.get('/api/owners', (c) => list(c, (stored) => stored.owners));

  app.notFound((c) => notFound(c));
  app.onError((_error, c) => c.json([belvoError('unexpected_error', BELVO_ERROR_MESSAGES.unexpected)], 500));

  async function answerLinkCreation(c: Context): Promise<Response> {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json([belvoError('invalid', BELVO_ERROR_MESSAGES.invalidJson)], 400);
    }
    const reading = readLinkRequest(body);
    if (!reading.ok) return c.json(reading.errors, 400);

    // What IMSS says about the username, as Belvo relays it.
    const curp = checkCurp(reading.request.username);
    if (!curp.valid) {
      const message = curp.reason === 'length' ? IMSS_MESSAGES.curpLength : IMSS_MESSAGES.curpIncorrect;
      return c.json([belvoError('login_error', message)], 400);
    }

    const scenario = scenarioFor(curp.curp);
    if (scenario.unavailableOnFirstAttempt && !firstAttemptsSeen.has(curp.curp)) {
      firstAttemptsSeen.add(curp.curp);
      expireAfterTtl(() => firstAttemptsSeen.delete(curp.curp));
      return c.json([belvoError('service_unavailable', BELVO_ERROR_MESSAGES.serviceUnavailable)], 503);
    }
    if (scenario.refusal) {
      const { status, code, message } = scenario.refusal;
      return c.json([belvoError(code, message)], status);
    }

    const stored = registerLink(reading.request, curp);
    scheduleWebhooks(stored, curp, scenario);
    return c.json(stored.link, 201);
  }

  function registerLink(request: BelvoCreateLinkRequest, curp: ValidCurp): StoredLink {
    const link = newLink(request, institutionUserId(curp.curp), sandboxUserId);
    const stored: StoredLink = {
      link,
      owners: [],
      records: [],
      expiry: expireAfterTtl(() => forgetLink(link.id)),
    };
    links.set(link.id, stored);
    return stored;
  }

  /** Forgets a link and its data, and cancels its webhooks and its expiry. */
  function forgetLink(id: string): void {
    links.get(id)?.expiry.abort();
    courier.cancel(id);
    links.delete(id);
  }

  /**
   * Calls `onExpiry` after `linkTtlMs`, unless the returned controller aborts first, or dispose() is called.
   * Kept in a set rather than tied to `lifetime` by a listener each: a busy sandbox holds many at once.
   */
  function expireAfterTtl(onExpiry: () => void): AbortController {
    const expiry = new AbortController();
    pendingExpiries.add(expiry);
    void abortableDelay(linkTtlMs, expiry.signal).then((elapsed) => {
      pendingExpiries.delete(expiry);
      if (elapsed) onExpiry();
    });
    return expiry;
  }

  /** The OWNERS webhook, then the EMPLOYMENT_RECORDS one, each announcing data that becomes visible with it. */
  function scheduleWebhooks(stored: StoredLink, curp: ValidCurp, scenario: Scenario): void {
    if (scenario.webhooks === 'never') return;
    const { link } = stored;
    const context = { linkId: link.id, now: new Date(), newId: () => crypto.randomUUID() };
    const owner = generateOwner(curp, context);
    const records = generateEmploymentRecords(curp, scenario.history, context);
    /** One retrieval, one request id for all its webhooks. */
    const requestId = crypto.randomUUID();
    const webhook = (type: string, data: Record<string, unknown>): WebhookPayload => ({
      webhook_id: newHexId(),
      webhook_type: type,
      webhook_code: 'historical_update',
      process_type: 'historical_update',
      link_id: link.id,
      request_id: requestId,
      external_id: link.external_id,
      data,
    });

    const steps: WebhookStep[] = [];
    if (link.fetch_resources.includes('OWNERS')) {
      steps.push({
        atMs: scenario.webhooks.ownersAfterMs * timeScale,
        beforeSend: () => (stored.owners = [owner]),
        payload: webhook('OWNERS', { total_owners: 1 }),
      });
    }
    if (link.fetch_resources.includes('EMPLOYMENT_RECORDS')) {
      steps.push({
        atMs: scenario.webhooks.recordsAfterMs * timeScale,
        beforeSend: () => (stored.records = records),
        payload: webhook('EMPLOYMENT_RECORDS', { total_employment_record_profiles: records.length }),
      });
    }
    courier.schedule(link.id, steps);
  }

  /** A list filtered by `?link=`: an unknown link simply has no items, as in Belvo. */
  function list(c: Context, itemsOf: (stored: StoredLink) => readonly unknown[]): Response {
    const linkId = c.req.query('link');
    if (linkId === undefined || linkId.trim() === '') {
      return c.json([belvoError('required', BELVO_ERROR_MESSAGES.required, { field: 'link' })], 400);
    }
    const stored = links.get(linkId);
    const page = paginate(stored ? itemsOf(stored) : [], c.req.url, pageSize);
    return page ? c.json(page) : c.json([belvoError('not_found', BELVO_ERROR_MESSAGES.invalidPage)], 404);
  }

  return {
    app,
    fetch: async (request) => app.fetch(request),
    dispose() {
      lifetime.abort();
      for (const expiry of pendingExpiries) expiry.abort();
      courier.dispose();
    },
  };
}

/** A Belvo link as `POST /api/links/` returns it: the contract's fields, and the others Belvo sends. */
function newLink(request: BelvoCreateLinkRequest, institutionUserId: string, createdBy: string) {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    institution: request.institution,
    access_mode: request.access_mode,
    last_accessed_at: now,
    created_at: now,
    external_id: request.external_id ?? null,
    institution_user_id: institutionUserId,
    status: 'valid',
    created_by: createdBy,
    refresh_rate: request.access_mode === 'recurrent' ? '7d' : null,
    credentials_storage: '27d',
    fetch_resources: request.fetch_resources,
    stale_in: '365d',
  } satisfies AsBelvoSends<typeof BelvoLinkSchema>;
}

type SandboxLink = ReturnType<typeof newLink>;

function notFound(c: Context): Response {
  return c.json([belvoError('not_found', BELVO_ERROR_MESSAGES.notFound)], 404);
}
