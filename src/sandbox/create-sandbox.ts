import { Hono, type Context } from 'hono';
import { IMSS_INSTITUTION, type BelvoLinkSchema } from '../contract/belvo.js';
import { checkCurp } from '../curp/index.js';
import { BELVO_ERROR_MESSAGES, belvoError, newHexId, throttledMessage } from './belvo-errors.js';
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
import { readLinkRequest, type SandboxLinkRequest } from './link-request.js';
import { paginate } from './paginate.js';
import { weeksReportPdf } from './report-pdf.js';
import { readRetrievalRequest, UUID } from './retrieval-request.js';
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
  /**
   * Multiplies every simulated delay: 1 = demo speed (success ≈ 2–4 s, slow ≈ 20 s), 0.01 in tests. Default 1.
   * A 429's `Retry-After` is scaled too, rounded up to whole seconds.
   */
  timeScale?: number;
  /**
   * The institution names the sandbox's IMSS answers to, default `['imss_mx_employment']`; any other gets Belvo's
   * 400 `invalid`. Belvo's own sandbox names its IMSS `planet_mx_employment` (unconfirmed), so a client that is
   * configured for it can be pointed at this sandbox too.
   */
  institutions?: readonly string[];
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
   * been deleted (its pending webhooks included). The flaky and throttled scenarios' memory of a CURP's first
   * attempts is forgotten after as long. Default 3 600 000 (1 h), so a long-running `npm start` does not keep every
   * link (and every CURP typed into the demo) for ever.
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

/** A link, the person and scenario behind it, and the data Belvo has stored for it so far. */
interface StoredLink {
  link: SandboxLink;
  curp: ValidCurp;
  scenario: Scenario;
  owners: SandboxOwner[];
  records: SandboxEmploymentRecord[];
  /** Cancels the link's expiry (it was deleted first). */
  expiry: AbortController;
}

/** The two resources a link's data is made of, by their endpoint's name. */
type Resource = 'employment-records' | 'owners';

/** Belvo retries a webhook the partner did not take; the pause before the first retry at demo speed. */
const WEBHOOK_RETRY_DELAY_MS = 1_000;
const WEBHOOK_ATTEMPTS = 3;
const WEBHOOK_ATTEMPT_TIMEOUT_MS = 5_000;
const DEFAULT_LINK_TTL_MS = 60 * 60_000;
/** The header that makes a retrieval asynchronous: answered 202, the data announced by a webhook. */
const REQUEST_MODE_HEADER = 'x-belvo-request-mode';
/** `GET /api/links/` filters, each an exact match on the link's field of the same name. */
const LINK_FILTERS = [
  'id',
  'institution',
  'access_mode',
  'status',
  'external_id',
  'institution_user_id',
] as const;

/**
 * A stand-in for Belvo's API for IMSS employment records: every endpoint Belvo's SDK calls for links, employment
 * records and owners, with Belvo's answers, status codes and error arrays, and its webhooks, driven by the scripted
 * CURPs of `scenarios.ts`. Web-standard only (Hono, fetch, Web Crypto, setTimeout), so it runs in Node, edge
 * runtimes and the browser. Keeps everything in memory and logs nothing, so no CURP leaves it except in the
 * answers Belvo itself would give.
 *
 * Endpoints (a trailing slash or none): `GET /api/` (the API root, which the SDK's `connect()` asks for);
 * `GET|POST /api/links/`, `GET|PATCH|DELETE /api/links/{id}/`; `GET|POST /api/employment-records/`,
 * `GET|DELETE /api/employment-records/{id}/`; `GET|POST /api/owners/`, `GET|DELETE /api/owners/{id}/`.
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
  const institutions = options.institutions ?? [IMSS_INSTITUTION];

  const links = new Map<string, StoredLink>();
  /** Link requests so far per CURP, for the scenarios whose first ones fail (forgotten after `linkTtlMs`). */
  const earlyTries = new Map<string, number>();
  /** The "user" that owns the sandbox's links (Belvo's `created_by`). */
  const sandboxUserId = crypto.randomUUID();
  const lifetime = new AbortController();
  /** The expiry timers still running: of links, and of the early tries' counts. */
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

  app.get('/api', (c) => c.json(apiRoot(c.req.url)));

  app.get('/api/links', (c) => {
    const filters = LINK_FILTERS.flatMap((field) => {
      const value = c.req.query(field);
      return value === undefined || value === '' ? [] : [[field, value] as const];
    });
    const matching = [...links.values()]
      .map((stored) => stored.link)
      .filter((link) => filters.every(([field, value]) => String(link[field]) === value));
    return page(c, matching);
  });
  app.post('/api/links', async (c) => {
    const answer = await answerLinkCreation(c);
    if (holdLinkAnswerMs > 0) await abortableDelay(holdLinkAnswerMs, lifetime.signal);
    return answer;
  });
  app.get('/api/links/:id', (c) => {
    const stored = links.get(c.req.param('id'));
    return stored ? c.json(stored.link) : notFound(c);
  });
  app.patch('/api/links/:id', (c) => changeAccessMode(c));
  app.delete('/api/links/:id', (c) => {
    const id = c.req.param('id');
    if (!links.has(id)) return notFound(c);
    forgetLink(id);
    return c.body(null, 204);
  });

  for (const resource of ['employment-records', 'owners'] as const) {
    app.get(`/api/${resource}`, async (c) => {
      if (resource === 'employment-records' && holdRecordsAnswerMs > 0) {
        await abortableDelay(holdRecordsAnswerMs, lifetime.signal);
      }
      return listData(c, resource);
    });
    app.post(`/api/${resource}`, (c) => retrieve(c, resource));
    app.get(`/api/${resource}/:id`, (c) => {
      const found = findItem(resource, c.req.param('id'));
      return found ? c.json(found.item) : notFound(c);
    });
    app.delete(`/api/${resource}/:id`, (c) => {
      const found = findItem(resource, c.req.param('id'));
      if (!found) return notFound(c);
      found.remove();
      return c.body(null, 204);
    });
  }

  app.notFound((c) => notFound(c));
  app.onError((_error, c) => c.json([belvoError('unexpected_error', BELVO_ERROR_MESSAGES.unexpected)], 500));

  async function answerLinkCreation(c: Context): Promise<Response> {
    const body = await readJson(c);
    if (body === NOT_JSON) return c.json([belvoError('invalid', BELVO_ERROR_MESSAGES.invalidJson)], 400);
    const reading = readLinkRequest(body, institutions);
    if (!reading.ok) return c.json(reading.errors, 400);

    // What IMSS says about the username, as Belvo relays it.
    const curp = checkCurp(reading.request.username);
    if (!curp.valid) {
      const message = curp.reason === 'length' ? IMSS_MESSAGES.curpLength : IMSS_MESSAGES.curpIncorrect;
      return c.json([belvoError('login_error', message)], 400);
    }

    const scenario = scenarioFor(curp.curp);
    const { unavailableOnFirstAttempt, throttled } = scenario;
    if (unavailableOnFirstAttempt || throttled) {
      const tries = countTry(curp.curp);
      if (unavailableOnFirstAttempt && tries === 1) {
        return c.json([belvoError('service_unavailable', BELVO_ERROR_MESSAGES.serviceUnavailable)], 503);
      }
      if (throttled && tries <= throttled.tries) {
        const seconds = Math.ceil(throttled.retryAfterSeconds * timeScale);
        c.header('Retry-After', String(seconds));
        return c.json([belvoError('throttled', throttledMessage(seconds))], 429);
      }
    }
    if (scenario.refusal) {
      const { status, code, message } = scenario.refusal;
      return c.json([belvoError(code, message)], status);
    }

    const stored = registerLink(reading.request, curp, scenario);
    scheduleFirstRetrieval(stored);
    return c.json(stored.link, 201);
  }

  /** This link request's number among the CURP's since the sandbox started or last forgot them (1 = first). */
  function countTry(curp: string): number {
    const tries = (earlyTries.get(curp) ?? 0) + 1;
    if (tries === 1) expireAfterTtl(() => earlyTries.delete(curp));
    earlyTries.set(curp, tries);
    return tries;
  }

  function registerLink(request: SandboxLinkRequest, curp: ValidCurp, scenario: Scenario): StoredLink {
    const link = newLink(request, institutionUserId(curp.curp), sandboxUserId);
    const stored: StoredLink = {
      link,
      curp,
      scenario,
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

  /** What IMSS gives for the link now: its owner and records, with fresh ids and timestamps. */
  function collect(stored: StoredLink, attachPdf = false) {
    const context = { linkId: stored.link.id, now: new Date(), newId: () => crypto.randomUUID() };
    const records = generateEmploymentRecords(stored.curp, stored.scenario.history, context);
    return {
      owners: [generateOwner(stored.curp, context)],
      records: attachPdf ? records.map(withPdf) : records,
    };
  }

  /** A Belvo webhook about a link, of one retrieval (`requestId`). */
  function webhook(
    stored: StoredLink,
    requestId: string,
    type: string,
    code: string,
    data: Record<string, unknown>,
  ): WebhookPayload {
    return {
      webhook_id: newHexId(),
      webhook_type: type,
      webhook_code: code,
      process_type: 'historical_update',
      link_id: stored.link.id,
      request_id: requestId,
      external_id: stored.link.external_id,
      data,
    };
  }

  /** The LINK webhook of a scenario whose link Belvo gives up on; sending it turns the link invalid. */
  function linkErrorStep(stored: StoredLink, requestId: string, atMs: number): WebhookStep[] {
    const { linkError } = stored.scenario;
    if (!linkError) return [];
    return [
      {
        atMs,
        beforeSend: () => (stored.link.status = 'invalid'),
        payload: webhook(stored, requestId, 'LINK', linkError.webhookCode, {
          error_code: linkError.code,
          error_message: linkError.message,
          status: 400,
        }),
      },
    ];
  }

  /**
   * After a link is created: the OWNERS webhook, then the EMPLOYMENT_RECORDS one, each announcing data that becomes
   * visible with it (only the resources the link asked for) — or the scenario's LINK error instead.
   */
  function scheduleFirstRetrieval(stored: StoredLink): void {
    const { scenario, link } = stored;
    if (scenario.webhooks === 'never') return;
    const { ownersAfterMs, recordsAfterMs } = scenario.webhooks;
    /** One retrieval, one request id for all its webhooks. */
    const requestId = crypto.randomUUID();
    if (scenario.linkError) {
      courier.schedule(link.id, linkErrorStep(stored, requestId, recordsAfterMs * timeScale));
      return;
    }
    const { owners, records } = collect(stored);
    const steps: WebhookStep[] = [];
    if (link.fetch_resources.includes('OWNERS')) {
      steps.push({
        atMs: ownersAfterMs * timeScale,
        beforeSend: () => (stored.owners = owners),
        payload: webhook(stored, requestId, 'OWNERS', 'historical_update', { total_owners: owners.length }),
      });
    }
    if (link.fetch_resources.includes('EMPLOYMENT_RECORDS')) {
      steps.push({
        atMs: recordsAfterMs * timeScale,
        beforeSend: () => (stored.records = records),
        payload: webhook(stored, requestId, 'EMPLOYMENT_RECORDS', 'historical_update', {
          total_employment_record_profiles: records.length,
        }),
        ...(scenario.recordsWebhookLost ? { lost: true } : {}),
      });
    }
    courier.schedule(link.id, steps);
  }

  /**
   * `POST /api/employment-records/` or `/api/owners/`: a new retrieval from IMSS for an existing link. Synchronous
   * by default, answered after the scenario's records delay: 201 with the data (kept, replacing the link's earlier
   * data) or, with `save_data: false`, 200 (kept nowhere). With `X-Belvo-Request-Mode: async`: 202 `{request_id}`, and the data is kept and announced by a webhook
   * carrying that request id when the scenario's records would come.
   */
  async function retrieve(c: Context, resource: Resource): Promise<Response> {
    const body = await readJson(c);
    if (body === NOT_JSON) return c.json([belvoError('invalid', BELVO_ERROR_MESSAGES.invalidJson)], 400);
    const reading = readRetrievalRequest(body);
    if (!reading.ok) return c.json(reading.errors, 400);
    const { link: linkId, saveData, attachPdf } = reading.request;
    const stored = links.get(linkId);
    if (!stored) {
      return c.json(
        [belvoError('does_not_exist', BELVO_ERROR_MESSAGES.doesNotExist, { field: 'link' })],
        400,
      );
    }
    const { scenario } = stored;
    const asynchronous = c.req.header(REQUEST_MODE_HEADER)?.trim().toLowerCase() === 'async';

    if (asynchronous) {
      const requestId = crypto.randomUUID();
      if (scenario.webhooks !== 'never') {
        const atMs = scenario.webhooks.recordsAfterMs * timeScale;
        courier.schedule(
          linkId,
          scenario.linkError
            ? linkErrorStep(stored, requestId, atMs)
            : [dataStep(stored, resource, requestId, atMs)],
        );
      }
      return c.json({ request_id: requestId }, 202);
    }

    if (scenario.linkError) {
      stored.link.status = 'invalid';
      return c.json([belvoError(scenario.linkError.code, scenario.linkError.message)], 400);
    }
    // IMSS never answers for this person: the synchronous request runs out of time.
    if (scenario.webhooks === 'never') {
      return c.json([belvoError('request_timeout', BELVO_ERROR_MESSAGES.requestTimeout)], 408);
    }
    // IMSS takes as long to answer as it does before the webhooks of the first retrieval.
    await abortableDelay(scenario.webhooks.recordsAfterMs * timeScale, lifetime.signal);
    const collected = collect(stored, attachPdf);
    const items = resource === 'owners' ? collected.owners : collected.records;
    if (!saveData) return c.json(items, 200);
    keep(stored, resource, collected);
    return c.json(items, 201);
  }

  /** The webhook of an asynchronous retrieval; the data it announces is kept as it is sent. */
  function dataStep(stored: StoredLink, resource: Resource, requestId: string, atMs: number): WebhookStep {
    const collected = collect(stored);
    const data =
      resource === 'owners'
        ? { total_owners: collected.owners.length }
        : { total_employment_record_profiles: collected.records.length };
    const type = resource === 'owners' ? 'OWNERS' : 'EMPLOYMENT_RECORDS';
    return {
      atMs,
      beforeSend: () => keep(stored, resource, collected),
      payload: webhook(stored, requestId, type, 'historical_update', data),
    };
  }

  function keep(stored: StoredLink, resource: Resource, collected: ReturnType<typeof collect>): void {
    if (resource === 'owners') stored.owners = collected.owners;
    else stored.records = collected.records;
    stored.link.last_accessed_at = new Date().toISOString();
  }

  /**
   * `PATCH /api/links/{id}/` with `{access_mode}`: a link becomes single or recurrent. A link whose credentials were
   * not stored (`credentials_storage: "nostore"`) cannot become recurrent.
   */
  async function changeAccessMode(c: Context): Promise<Response> {
    const stored = links.get(c.req.param('id') ?? '');
    if (!stored) return notFound(c);
    const body = await readJson(c);
    if (body === NOT_JSON) return c.json([belvoError('invalid', BELVO_ERROR_MESSAGES.invalidJson)], 400);
    const accessMode =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)['access_mode']
        : undefined;
    if (accessMode === undefined || accessMode === null) {
      return c.json([belvoError('required', BELVO_ERROR_MESSAGES.required, { field: 'access_mode' })], 400);
    }
    if (accessMode !== 'single' && accessMode !== 'recurrent') {
      return c.json(
        [belvoError('invalid_choice', BELVO_ERROR_MESSAGES.invalidChoice, { field: 'access_mode' })],
        400,
      );
    }
    if (accessMode === 'recurrent' && stored.link.credentials_storage === 'nostore') {
      return c.json(
        [belvoError('invalid_access_mode_switch', BELVO_ERROR_MESSAGES.invalidAccessModeSwitch)],
        400,
      );
    }
    stored.link.access_mode = accessMode;
    stored.link.refresh_rate = accessMode === 'recurrent' ? '7d' : null;
    return c.json(stored.link);
  }

  /**
   * `GET /api/employment-records/` or `/api/owners/`: every item of the account, or of one link with `?link=` (an
   * unknown link simply has none, as in Belvo; something that is not a link id is refused).
   */
  function listData(c: Context, resource: Resource): Response {
    const linkId = c.req.query('link')?.trim() ?? '';
    if (linkId !== '' && !UUID.test(linkId)) {
      return c.json([belvoError('invalid', BELVO_ERROR_MESSAGES.notAUuid, { field: 'link' })], 400);
    }
    const chosen = linkId === '' ? [...links.values()] : [links.get(linkId.toLowerCase())].filter((s) => !!s);
    return page(
      c,
      chosen.flatMap((stored) => itemsOf(stored, resource)),
    );
  }

  function itemsOf(stored: StoredLink, resource: Resource): ReadonlyArray<{ id: string }> {
    return resource === 'owners' ? stored.owners : stored.records;
  }

  /** The item with this id, among every link's, and how to delete it. */
  function findItem(resource: Resource, id: string) {
    for (const stored of links.values()) {
      const items = itemsOf(stored, resource);
      const index = items.findIndex((item) => item.id === id);
      if (index < 0) continue;
      return {
        item: items[index],
        remove: () => {
          if (resource === 'owners') stored.owners = stored.owners.filter((owner) => owner.id !== id);
          else stored.records = stored.records.filter((record) => record.id !== id);
        },
      };
    }
    return undefined;
  }

  function page(c: Context, items: readonly unknown[]): Response {
    const answer = paginate(items, c.req.url, pageSize);
    return answer ? c.json(answer) : c.json([belvoError('not_found', BELVO_ERROR_MESSAGES.invalidPage)], 404);
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
function newLink(request: SandboxLinkRequest, institutionUserId: string, createdBy: string) {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    institution: request.institution,
    access_mode: request.access_mode as string,
    last_accessed_at: now,
    created_at: now,
    external_id: request.external_id ?? null,
    institution_user_id: institutionUserId,
    status: 'valid',
    created_by: createdBy,
    refresh_rate: request.access_mode === 'recurrent' ? ('7d' as string | null) : null,
    // As sent; Belvo's defaults otherwise.
    credentials_storage: request.credentials_storage ?? 'store',
    fetch_resources: request.fetch_resources,
    stale_in: request.stale_in ?? '365d',
  } satisfies AsBelvoSends<typeof BelvoLinkSchema>;
}

type SandboxLink = ReturnType<typeof newLink>;

/** The API root, as Belvo's API lists its endpoints at `GET /api/` (the SDK's `connect()` checks the keys there). */
function apiRoot(requestUrl: string): Record<string, string> {
  const root = new URL('/api/', requestUrl).href;
  return Object.fromEntries(
    ['links', 'employment-records', 'owners'].map((name) => [name, `${root}${name}/`]),
  );
}

/** A profile with IMSS's PDF attached (`attach_pdf: true`). */
function withPdf(record: SandboxEmploymentRecord): SandboxEmploymentRecord {
  const weeks = record.social_security_summary.weeks_contributed;
  return {
    ...record,
    files: record.files.map((file) => ({ ...file, value: weeksReportPdf(record.report_date, weeks) })),
  };
}

const NOT_JSON = Symbol('not JSON');

async function readJson(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function notFound(c: Context): Response {
  return c.json([belvoError('not_found', BELVO_ERROR_MESSAGES.notFound)], 404);
}
