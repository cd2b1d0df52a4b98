// Abuse, by applicant: nobody reads a stranger's history or spends their IMSS logins. The proxy behind an
// `authorize` that reads the applicant from a header, against a fake Belvo on loopback, with the request limits on
// (their defaults unless a test says otherwise), on the state under test (memory, or Redis with PROXY_TEST_STATE).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createImssProxy, type ProxyLogEntry } from '../../src/proxy/index.js';
import type { EmploymentSummary } from '../../src/contract/summary.js';
import { LinkStatusResponseSchema, ProxyErrorResponseSchema } from '../../src/contract/proxy-api.js';
import {
  belvoError,
  belvoLink,
  eventually,
  postWebhook,
  ProxyClient,
  recordsWebhook,
  startFakeBelvo,
  startProxy,
  type RunningProxy,
} from './proxy-harness.js';
import { as, assertNoPersonalData, headerAuthorize, validCurp } from './abuse-support.js';

const VICTIM = validCurp(1);
const ATTACKER = 'attacker@example.com';
const OWNER = 'owner-of-the-curp@example.com';
const logs: ProxyLogEntry[] = [];
const curpsUsed = new Set<string>([VICTIM]);
const opened: Array<{ close(): Promise<void> }> = [];

async function setUp(options: Parameters<typeof startProxy>[0] extends infer O ? Partial<O> : never = {}) {
  const belvo = await startFakeBelvo();
  const proxy = await startProxy({
    authorize: headerAuthorize(),
    limits: {},
    ...options,
    belvo: { baseUrl: belvo.url },
    logger: (entry) => logs.push(entry),
  });
  opened.push(proxy, belvo);
  return { belvo, proxy };
}

const post = (proxy: RunningProxy, curp: string, applicant?: string, extra: Record<string, unknown> = {}) => {
  curpsUsed.add(curp);
  return proxy.client.create({ curp, ...extra }, applicant ? as(applicant) : {});
};

/** The proxy as `applicant` calls it (none: without credentials). */
const clientOf = (proxy: RunningProxy, applicant?: string) =>
  new ProxyClient(proxy.api, applicant ? as(applicant) : {});

after(async () => {
  await Promise.all(opened.map((server) => server.close()));
  // Everything the tests above did, in every proxy's log: no CURP, no applicant id.
  assertNoPersonalData(logs, [...curpsUsed, ATTACKER, OWNER, 'someone@example.com']);
});

describe('abuse: the open oracle is closed', () => {
  test('without an applicant, POST /links is 401 unauthenticated and Belvo is never called', async () => {
    const { belvo, proxy } = await setUp();
    const answer = await post(proxy, VICTIM);
    assert.equal(answer.status, 401);
    assert.equal(ProxyErrorResponseSchema.parse(answer.body).error.code, 'unauthenticated');
    assert.equal(belvo.calls.length, 0);
  });

  test("a CURP that is not the applicant's (per its KYC record) is 403 forbidden", async () => {
    const { belvo, proxy } = await setUp({ authorize: headerAuthorize({ [ATTACKER]: [validCurp(2)] }) });
    const answer = await post(proxy, VICTIM, ATTACKER);
    assert.equal(answer.status, 403);
    assert.equal(ProxyErrorResponseSchema.parse(answer.body).error.code, 'forbidden');
    assert.equal(belvo.calls.length, 0);
    assert.equal((await post(proxy, validCurp(2), ATTACKER)).status, 202, 'its own CURP is fine');
  });

  test('with a real Belvo, createImssProxy refuses to start without authorize', () => {
    const options = {
      belvo: { baseUrl: 'https://api.belvo.com', secretId: 'id', secretPassword: 'password' },
      webhookAuthorization: 'Bearer token',
    };
    assert.throws(() => createImssProxy(options), /authorize is required/);
    assert.doesNotThrow(() => createImssProxy({ ...options, authorize: 'open' }));
  });
});

describe("abuse: another applicant's handle", () => {
  test('is 404 to poll and to DELETE, and its DELETE changes nothing; the owner still reads it', async () => {
    const { proxy } = await setUp();
    const started = await post(proxy, validCurp(3), OWNER);
    assert.equal(started.status, 202);
    const session = started.body['session'] as string;
    assert.equal((await clientOf(proxy, ATTACKER).status(session)).status, 404);
    assert.equal((await clientOf(proxy, ATTACKER).delete(session)).status, 404);
    assert.equal((await clientOf(proxy).status(session)).status, 401, 'no applicant: 401, not the status');
    const own = await clientOf(proxy, OWNER).status(session);
    assert.equal(own.status, 200);
    assert.equal(LinkStatusResponseSchema.parse(own.body).status, 'pending');
    assert.equal((await clientOf(proxy, OWNER).delete(session)).status, 204);
  });

  test("a repeated attemptId from another applicant opens its own session, never the first one's", async () => {
    const { proxy } = await setUp();
    const attemptId = 'attempt-abuse-0000000001';
    const first = await post(proxy, validCurp(4), OWNER, { attemptId });
    const other = await post(proxy, validCurp(4), ATTACKER, { attemptId });
    assert.equal(first.status, 202);
    assert.equal(other.status, 202);
    assert.notEqual(other.body['session'], first.body['session']);
  });
});

describe('abuse: locking a person out of IMSS', () => {
  test("one applicant spends at most two of a CURP's three daily logins; the owner keeps the third", async () => {
    const { belvo, proxy } = await setUp();
    for (let i = 0; i < 2; i++) {
      const started = await post(proxy, VICTIM, ATTACKER);
      assert.equal(started.status, 202);
      assert.equal((await clientOf(proxy, ATTACKER).delete(started.body['session'] as string)).status, 204);
    }
    const third = await post(proxy, VICTIM, ATTACKER);
    assert.equal(third.status, 429);
    const refusal = ProxyErrorResponseSchema.parse(third.body).error;
    assert.equal(refusal.code, 'rate_limited');
    assert.equal(refusal.limit, 'curp');
    assert.equal(third.headers.get('retry-after'), String(24 * 60 * 60));
    assert.equal((await post(proxy, VICTIM, OWNER)).status, 202, 'the owner keeps one');
    const fourth = await post(proxy, VICTIM, 'someone@example.com');
    assert.equal(fourth.status, 429);
    assert.deepEqual(
      { ...ProxyErrorResponseSchema.parse(fourth.body).error, message: undefined },
      { code: 'daily_limit', attemptsLeft: 0, message: undefined },
    );
    assert.equal(belvo.callsTo('POST', '/api/links/').length, 3);
  });

  test('an applicant tries at most 3 distinct CURPs a day (a CURP it already tried does not count again)', async () => {
    const { proxy } = await setUp({ limits: { applicantSessionsPerMinute: 100 } });
    for (const n of [10, 11, 11, 12]) assert.equal((await post(proxy, validCurp(n), ATTACKER)).status, 202);
    const fourth = await post(proxy, validCurp(13), ATTACKER);
    assert.equal(fourth.status, 429);
    assert.equal(ProxyErrorResponseSchema.parse(fourth.body).error.limit, 'applicant');
    assert.equal((await post(proxy, validCurp(13), OWNER)).status, 202, 'another applicant is not held back');
  });

  test('sessions per applicant per minute: 429 with Retry-After past the limit', async () => {
    const { proxy } = await setUp({ limits: { applicantSessionsPerMinute: 2 } });
    assert.equal((await post(proxy, validCurp(20), ATTACKER)).status, 202);
    assert.equal((await post(proxy, validCurp(20), ATTACKER)).status, 202);
    const third = await post(proxy, validCurp(20), ATTACKER);
    assert.equal(third.status, 429);
    assert.equal(third.headers.get('retry-after'), '60');
    assert.deepEqual(
      { ...ProxyErrorResponseSchema.parse(third.body).error, message: undefined },
      { code: 'rate_limited', limit: 'applicant', retryAfterSeconds: 60, message: undefined },
    );
  });

  test('an IMSS refusal tells how many of the CURP’s logins this applicant has left today', async () => {
    const { belvo, proxy } = await setUp();
    belvo.createLink = () => belvoError(400, 'login_error', 'La persona no cuenta con NSS');
    const started = await post(proxy, validCurp(30), OWNER);
    const session = started.body['session'] as string;
    const outcome = LinkStatusResponseSchema.parse(await clientOf(proxy, OWNER).outcome(session));
    assert.equal(outcome.error?.code, 'no_nss');
    assert.equal(outcome.error?.attemptsLeft, 1, 'two for this applicant, one spent');
  });
});

describe('abuse: the summary delivered to the partner’s backend', () => {
  async function readySession(options: Parameters<typeof setUp>[0]) {
    const { belvo, proxy } = await setUp(options);
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const started = await post(proxy, validCurp(40), OWNER, { externalId: 'application-77' });
    const session = started.body['session'] as string;
    await eventually(() => belvo.callsTo('POST', '/api/links/').length > 0, 5000);
    await clientOf(proxy, OWNER).linked(session);
    assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
    return {
      session,
      outcome: LinkStatusResponseSchema.parse(await clientOf(proxy, OWNER).outcome(session)),
    };
  }

  test('minimal: the browser gets a confirmation without personal data; onSummary gets the summary, the applicant, the session and the externalId', async () => {
    const delivered: Array<{
      summary: EmploymentSummary;
      applicant: unknown;
      session: string;
      externalId: unknown;
    }> = [];
    const { session, outcome } = await readySession({
      browserDelivery: 'minimal',
      onSummary: (summary, { applicant, session, externalId }) =>
        void delivered.push({ summary, applicant, session, externalId }),
    });
    assert.equal(outcome.status, 'ready');
    assert.equal(outcome.summary, undefined);
    assert.equal(outcome.confirmation?.deliveredTo, 'server');
    assert.ok(!Number.isNaN(Date.parse(outcome.confirmation?.madeAt ?? '')));
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]?.applicant, OWNER);
    assert.equal(delivered[0]?.session, session);
    assert.equal(delivered[0]?.externalId, 'application-77');
    assert.equal(delivered[0]?.summary.curp, validCurp(40));
  });

  test('none: the status alone; a failing onSummary fails the session, retryable', async () => {
    const none = await readySession({ browserDelivery: 'none', onSummary: () => {} });
    assert.deepEqual(none.outcome, { status: 'ready' });
    const failing = await readySession({
      onSummary: () => Promise.reject(new Error('database down')),
    });
    assert.equal(failing.outcome.status, 'failed');
    assert.equal(failing.outcome.error?.code, 'service_error');
    assert.equal(failing.outcome.error?.retryable, true);
    assert.ok(logs.some((entry) => entry.event === 'summary_not_delivered'));
  });

  test('minimal or none without onSummary is refused at creation', () => {
    assert.throws(
      () =>
        createImssProxy({
          belvo: { baseUrl: 'http://127.0.0.1:1', secretId: 'id', secretPassword: 'password' },
          webhookAuthorization: 'Bearer token',
          browserDelivery: 'minimal',
        }),
      /requires onSummary/,
    );
  });
});
