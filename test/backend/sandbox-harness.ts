import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import {
  BelvoEmploymentRecordPageSchema,
  BelvoErrorListSchema,
  BelvoLinkSchema,
  BelvoWebhookSchema,
  IMSS_FETCH_RESOURCES,
  IMSS_INSTITUTION,
  type BelvoEmploymentRecord,
  type BelvoWebhook,
} from '../../src/contract/index.js';
import { createBelvoSandbox, type BelvoSandboxOptions } from '../../src/sandbox/index.js';
import { listen, type Listening } from './proxy-harness.js';

/**
 * The sandbox over real HTTP on loopback, as a partner's backend sees it: served sandboxes, and a webhook receiver
 * that records what they POST. Times run at 1/100 of demo speed. Importing this module registers the hooks that
 * start the receiver before a test file's tests and close everything after them.
 */

export const SECRET_ID = 'sandbox-id';
export const SECRET_PASSWORD = 'sandbox-password';
export const WEBHOOK_AUTHORIZATION = 'Bearer test-webhook-token';
export const TIME_SCALE = 0.01;
export const HEX_32 = /^[0-9a-f]{32}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ── Harness ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface ReceivedWebhook {
  authorization: string | undefined;
  body: BelvoWebhook;
  raw: unknown;
  at: number;
}

/** Records webhooks; `failNext` makes the next deliveries answer 500, to exercise Belvo's retries. */
export class WebhookReceiver {
  received: ReceivedWebhook[] = [];
  failNext = 0;
  url = '';
  #server: Listening | undefined;
  #waiters = new Set<() => void>();

  async start(): Promise<void> {
    const app = new Hono();
    app.post('/webhooks/belvo', async (c) => {
      if (this.failNext > 0) {
        this.failNext--;
        return c.text('try later', 500);
      }
      const raw: unknown = await c.req.json();
      this.received.push({
        authorization: c.req.header('authorization'),
        body: BelvoWebhookSchema.parse(raw),
        raw,
        at: Date.now(),
      });
      for (const wake of this.#waiters) wake();
      return c.body(null, 204);
    });
    this.#server = await listen(app.fetch);
    this.url = `${this.#server.url}/webhooks/belvo`;
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  forLink(linkId: string): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.body.link_id === linkId);
  }

  /** Resolves when `count` webhooks for the link have arrived; rejects after `timeoutMs`. */
  waitFor(linkId: string, count: number, timeoutMs = 3_000): Promise<ReceivedWebhook[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const webhooks = this.forLink(linkId);
        if (webhooks.length < count) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(webhooks);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`expected ${count} webhooks, got ${this.forLink(linkId).length}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }
}

export const recordsCount = (answer: { body: unknown }) =>
  BelvoEmploymentRecordPageSchema.parse(answer.body).count;

export const receiver = new WebhookReceiver();
const running: Array<{ server: Listening; dispose: () => void }> = [];

/** A served sandbox; disposed and closed after the suite. */
export async function startSandbox(overrides: Partial<BelvoSandboxOptions> = {}) {
  const sandbox = createBelvoSandbox({
    secretId: SECRET_ID,
    secretPassword: SECRET_PASSWORD,
    webhookUrl: receiver.url,
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    timeScale: TIME_SCALE,
    ...overrides,
  });
  const server = await listen(sandbox.fetch);
  const { url } = server;
  running.push({ server, dispose: sandbox.dispose });
  const basic = `Basic ${btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)}`;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    authorization: string | null = basic,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(new URL(path, url), {
      method,
      headers: {
        ...headers,
        ...(authorization === null ? {} : { authorization }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  async function createLink(curp: string, extra: Record<string, unknown> = {}) {
    return call('POST', '/api/links/', {
      institution: IMSS_INSTITUTION,
      username: curp,
      access_mode: 'single',
      fetch_resources: [...IMSS_FETCH_RESOURCES],
      external_id: 'partner-ref-001',
      ...extra,
    });
  }

  async function linkIdFor(curp: string): Promise<string> {
    const answer = await createLink(curp);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return BelvoLinkSchema.parse(answer.body).id;
  }

  /** Every profile, following `next` like the proxy does. */
  async function allRecords(linkId: string): Promise<BelvoEmploymentRecord[]> {
    const records: BelvoEmploymentRecord[] = [];
    let next: string | null = `/api/employment-records/?link=${linkId}`;
    while (next) {
      const answer = await call('GET', next);
      assert.equal(answer.status, 200);
      const page = BelvoEmploymentRecordPageSchema.parse(answer.body);
      records.push(...page.results);
      next = page.next;
    }
    return records;
  }

  return { sandbox, url, call, createLink, linkIdFor, allRecords };
}

export function pick(body: unknown, keys: readonly string[]): Record<string, unknown> {
  const object = body as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

export function assertBelvoErrors(body: unknown): asserts body is Array<Record<string, unknown>> {
  assert.equal(BelvoErrorListSchema.safeParse(body).success, true, JSON.stringify(body));
  for (const error of body as Array<{ request_id: string }>) assert.match(error.request_id, HEX_32);
}

export function firstError(body: unknown): { code: unknown; message: unknown; field?: unknown } {
  assertBelvoErrors(body);
  const [error] = body as Array<{ code: unknown; message: unknown; field?: unknown }>;
  assert.ok(error);
  return error;
}

before(async () => {
  await receiver.start();
});

after(async () => {
  for (const { server, dispose } of running) {
    dispose();
    await server.close();
  }
  await receiver.stop();
});

export type StartedSandbox = Awaited<ReturnType<typeof startSandbox>>;
