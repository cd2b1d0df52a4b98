// The proxy against Belvo's variations, over real HTTP on loopback: the sandbox's people whose histories hold what the
// happy paths hide, a job that cannot be read, a records webhook that never comes (reconciliation, on one instance
// and on two sharing a state), Belvo's 429 with and without Retry-After, and the links' institution and data
// minimisation (credentials_storage, stale_in) as Belvo sees them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmploymentSummary } from '../../src/contract/summary.js';
import { retryAfterMs } from '../../src/proxy/belvo-client.js';
import { createImssProxy, type ProxyLogEntry } from '../../src/proxy/index.js';
import { createDemoBackend } from '../../src/server/demo-backend.js';
import {
  belvoError,
  belvoLink,
  listen,
  ProxyClient,
  startFakeBelvo,
  startProxy,
  startSandboxPair,
  WEBHOOK_AUTHORIZATION,
  type FakeBelvo,
  type RecordedBelvoRequest,
  type SandboxPair,
} from './proxy-harness.js';
import { freshState, TEST_SECRET } from './test-state.js';
import { PEOPLE } from './sandbox-people.js';

const linkCreations = (requests: readonly RecordedBelvoRequest[], curp: string) =>
  requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/links/') && r.body.includes(curp));
const recordCounts = (requests: readonly RecordedBelvoRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.url.includes('page_size=1'));
const logged = (logs: readonly ProxyLogEntry[], event: ProxyLogEntry['event']) =>
  logs.filter((entry) => entry.event === event);

describe('proxy ↔ sandbox: the people whose histories hold what the happy paths hide', () => {
  let pair: SandboxPair;
  before(async () => {
    pair = await startSandboxPair({ proxy: { sessionTimeoutMs: 5000 } });
  });
  after(() => pair.close());
  const summaryOf = async (curp: string) => {
    const outcome = await pair.proxy.client.run(curp);
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
    return outcome.summary as EmploymentSummary;
  };

  test(`${PEOPLE.voluntary}: Modalidad 40 is a voluntary contribution, not a job, and no income`, async () => {
    const summary = await summaryOf(PEOPLE.voluntary);
    assert.deepEqual(summary.currentJobs, []);
    assert.equal(summary.voluntaryContributions.length, 1);
    assert.equal(summary.voluntaryContributions[0]!.kind, 'voluntary_contribution');
    assert.equal(summary.dailySalary, null);
    assert.equal(summary.monthlyIncomeEstimate, null);
    assert.equal(summary.salaryAtCap, false);
  });

  test(`${PEOPLE.salaryAtCap}: a current salary at 25 UMA is flagged, the estimate a floor`, async () => {
    const summary = await summaryOf(PEOPLE.salaryAtCap);
    assert.equal(summary.currentJobs.length, 1);
    assert.equal(summary.salaryAtCap, true);
    assert.ok(summary.warnings.includes('salary_at_cap'));
    assert.ok(summary.monthlyIncomeEstimate! > 80_000);
  });

  test(`${PEOPLE.redeemedWeeks}: weeks redeemed and reinstated`, async () => {
    const summary = await summaryOf(PEOPLE.redeemedWeeks);
    assert.equal(summary.weeksRedeemed, 150);
    assert.equal(summary.weeksReinstated, 60);
  });

  test(`${PEOPLE.scores}: Belvo's most recent employment score`, async () => {
    const summary = await summaryOf(PEOPLE.scores);
    assert.ok(summary.employmentScore);
    assert.ok(summary.employmentScore.score >= 300 && summary.employmentScore.score <= 900);
    assert.ok([3, 6, 12].includes(summary.employmentScore.periodMonths!));
    assert.equal((await summaryOf(PEOPLE.employed)).employmentScore, null);
  });

  test(`${PEOPLE.leaves}: absences and sick leaves keep the current job and its salary history`, async () => {
    const summary = await summaryOf(PEOPLE.leaves);
    assert.equal(summary.currentJobs.length, 1);
    const events = summary.currentJobs[0]!.salaryHistory.map((entry) => entry.event);
    assert.equal(events.filter((event) => event === 'ABSENCE').length, 2);
    assert.equal(events.filter((event) => event === 'SICK_LEAVE').length, 2);
    assert.ok(summary.monthlyIncomeEstimate! > 0);
  });

  test(`${PEOPLE.fieldsLeftOut}: the jobs that cannot be read are left out, flagged and counted in the log`, async () => {
    const summary = await summaryOf(PEOPLE.fieldsLeftOut);
    assert.ok(summary.warnings.includes('skipped_records'));
    assert.equal(summary.jobs.length, 1);
    const ready = logged(pair.proxy.logs, 'session_ready').at(-1)!;
    assert.equal(ready.skippedRecords, 2);
    assert.equal(ready.profiles, 1);
    await summaryOf(PEOPLE.employed);
    assert.equal(logged(pair.proxy.logs, 'session_ready').at(-1)!.skippedRecords, 0);
  });

  test(`${PEOPLE.linkError}: a LINK error webhook ends the session in a retryable service_error`, async () => {
    const outcome = await pair.proxy.client.run(PEOPLE.linkError);
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error?.code, 'service_error');
    assert.equal(outcome.error?.retryable, true);
    assert.match(outcome.error?.requestId ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('proxy ↔ sandbox: the links Belvo is asked for', () => {
  test('single links, no stored login, the data kept 7 days: as the sandbox echoes them', async () => {
    const pair = await startSandboxPair({ proxy: { keepBelvoLinks: true } });
    try {
      assert.equal((await pair.proxy.client.run(PEOPLE.employed)).status, 'ready');
      const [linkId] = pair.linkIds();
      const link = (await (await pair.askSandbox(`/api/links/${linkId}/`)).json()) as Record<string, unknown>;
      assert.deepEqual(
        {
          institution: link['institution'],
          access_mode: link['access_mode'],
          credentials_storage: link['credentials_storage'],
          stale_in: link['stale_in'],
        },
        {
          institution: 'imss_mx_employment',
          access_mode: 'single',
          credentials_storage: 'nostore',
          stale_in: '7d',
        },
      );
    } finally {
      await pair.close();
    }
  });

  test('the institution, credentialsStorage and staleIn options reach Belvo', async () => {
    const pair = await startSandboxPair({
      sandbox: { institutions: ['planet_mx_employment'] },
      proxy: { institution: 'planet_mx_employment', credentialsStorage: '30d', staleIn: '1d' },
    });
    try {
      assert.equal((await pair.proxy.client.run(PEOPLE.employed)).status, 'ready');
      const [created] = linkCreations(pair.requests, PEOPLE.employed);
      assert.equal(created!.status, 201);
      const link = JSON.parse(created!.answer) as Record<string, unknown>;
      assert.equal(link['institution'], 'planet_mx_employment');
      assert.equal(link['credentials_storage'], '30d');
      assert.equal(link['stale_in'], '1d');
    } finally {
      await pair.close();
    }
  });

  test("npm start's demo backend with another institution name: the sandbox answers to it, the proxy asks for it", async () => {
    const demo = createDemoBackend({ timeScale: 0.01, institution: 'planet_mx_employment' });
    const server = await listen(demo.fetch);
    try {
      const client = new ProxyClient(`${server.url}${demo.basePath}`);
      assert.equal((await client.run(PEOPLE.employed)).status, 'ready');
    } finally {
      demo.dispose();
      await server.close();
    }
  });

  test('options Belvo would refuse are refused when the proxy is created', () => {
    const base = { belvo: { baseUrl: 'http://127.0.0.1:9', secretId: 'a', secretPassword: 'b' } };
    const create = (options: Record<string, unknown>) => () =>
      createImssProxy({ ...base, webhookAuthorization: WEBHOOK_AUTHORIZATION, ...options });
    assert.throws(create({ institution: 'IMSS México' }), /institution must be a Belvo institution name/);
    assert.throws(create({ credentialsStorage: 'forever' }), /credentialsStorage must be/);
    assert.throws(create({ staleIn: '400d' }), /staleIn must be a number of days/);
    assert.throws(create({ staleIn: '0d' }), /staleIn must be a number of days/);
    assert.throws(create({ reconcileAfterMs: [30_000, -1] }), /reconcileAfterMs must be/);
    assert.doesNotThrow(create({ institution: 'issste_mx_employment', credentialsStorage: 'store' }));
  });
});

describe('proxy ↔ sandbox: a records webhook that never comes', () => {
  test(`${PEOPLE.recordsWebhookLost}: the proxy asks Belvo for the records and finishes with them`, async () => {
    const pair = await startSandboxPair({
      proxy: { sessionTimeoutMs: 10_000, reconcileAfterMs: [300, 600] },
    });
    try {
      const outcome = await pair.proxy.client.run(PEOPLE.recordsWebhookLost);
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
      assert.equal(outcome.summary?.curp, PEOPLE.recordsWebhookLost);
      assert.ok(outcome.summary!.jobs.length > 0);
      // One check found them (stored 40 ms after the link at test speed); the second was never made.
      assert.equal(recordCounts(pair.requests).length, 1);
      assert.deepEqual(
        logged(pair.proxy.logs, 'reconciliation').map(({ attempt, outcome }) => ({ attempt, outcome })),
        [{ attempt: 1, outcome: 'found' }],
      );
    } finally {
      await pair.close();
    }
  });

  test(`${PEOPLE.noWebhook}: the checks are bounded; with no records at Belvo the session times out`, async () => {
    const pair = await startSandboxPair({ proxy: { sessionTimeoutMs: 1200, reconcileAfterMs: [150, 300] } });
    try {
      const outcome = await pair.proxy.client.run(PEOPLE.noWebhook);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.error?.code, 'timeout');
      assert.equal(recordCounts(pair.requests).length, 2);
      assert.deepEqual(
        logged(pair.proxy.logs, 'reconciliation').map(({ attempt, outcome }) => ({ attempt, outcome })),
        [
          { attempt: 1, outcome: 'not_found' },
          { attempt: 2, outcome: 'not_found' },
        ],
      );
    } finally {
      await pair.close();
    }
  });

  test('two instances on one state, both polled: each check is made once', async () => {
    const state = await freshState();
    const options = { state, secret: TEST_SECRET, sessionTimeoutMs: 10_000, reconcileAfterMs: [300, 5000] };
    const pair = await startSandboxPair({ proxy: options });
    const other = await startProxy({ ...options, belvo: { baseUrl: pair.sandboxUrl } });
    try {
      const session = await pair.proxy.client.start(PEOPLE.recordsWebhookLost);
      const [first, second] = await Promise.all([
        pair.proxy.client.outcome(session),
        other.client.outcome(session),
      ]);
      assert.equal(first.status, 'ready', JSON.stringify(first.error));
      assert.deepEqual(second, first);
      assert.equal(recordCounts(pair.requests).length, 1);
      const checks = [...pair.proxy.logs, ...other.logs].filter((entry) => entry.event === 'reconciliation');
      assert.deepEqual(
        checks.map(({ outcome }) => outcome),
        ['found'],
      );
    } finally {
      await other.close();
      await pair.close();
    }
  });
});

describe("proxy ↔ sandbox: Belvo's 429", () => {
  test(`${PEOPLE.throttled}: two 429s with Retry-After waited out, then the link and the history`, async () => {
    const pair = await startSandboxPair({ proxy: { sessionTimeoutMs: 10_000 } });
    try {
      const started = Date.now();
      const outcome = await pair.proxy.client.run(PEOPLE.throttled);
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
      assert.deepEqual(
        linkCreations(pair.requests, PEOPLE.throttled).map((r) => r.status),
        [429, 429, 201],
      );
      // Retry-After: 1 (2 s at test speed, rounded up) is honoured each time.
      assert.ok(Date.now() - started >= 1900, `${Date.now() - started} ms`);
      const throttled = logged(pair.proxy.logs, 'belvo_call').filter((entry) => entry.status === 429);
      assert.deepEqual(
        throttled.map(({ code, operation }) => ({ code, operation })),
        [
          { code: 'throttled', operation: 'create_link' },
          { code: 'throttled', operation: 'create_link' },
        ],
      );
    } finally {
      await pair.close();
    }
  });

  test(`${PEOPLE.throttled}: a 429 that outlasts the session ends in service_busy, retryable, the attempt given back`, async () => {
    const pair = await startSandboxPair({ proxy: { sessionTimeoutMs: 800, attemptsPerCurp: 1 } });
    try {
      const outcome = await pair.proxy.client.run(PEOPLE.throttled);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.error?.code, 'service_busy');
      assert.equal(outcome.error?.retryable, true);
      assert.deepEqual(
        linkCreations(pair.requests, PEOPLE.throttled).map((r) => r.status),
        [429],
      );
      // Belvo did nothing: the CURP's one IMSS login of the day is still there.
      const again = await pair.proxy.client.create({ curp: PEOPLE.throttled });
      assert.equal(again.status, 202);
    } finally {
      await pair.close();
    }
  });
});

describe("proxy ↔ fake Belvo: 429's Retry-After, as a date or absent", () => {
  let belvo: FakeBelvo;
  before(async () => {
    belvo = await startFakeBelvo();
  });
  after(() => belvo.close());

  /** When each link creation reached the fake Belvo. */
  let creationTimes: number[] = [];
  const throttledThenLink = (retryAfter: () => string | undefined, throttledCalls = 1) => {
    creationTimes = [];
    belvo.createLink = (_body, callNumber) => {
      creationTimes.push(Date.now());
      if (callNumber > throttledCalls) return belvoLink();
      const answer = belvoError(429, 'throttled', 'Request was throttled.');
      const value = retryAfter();
      if (value !== undefined) answer.headers.set('Retry-After', value);
      return answer;
    };
  };

  test('an HTTP date is waited for', async () => {
    const proxy = await startProxy({ belvo: { baseUrl: belvo.url } });
    try {
      belvo.calls.length = 0;
      throttledThenLink(() => new Date(Date.now() + 2000).toUTCString());
      const session = await proxy.client.start(PEOPLE.employed);
      await proxy.client.linked(session, 10_000);
      const [first, second] = creationTimes;
      assert.ok(first !== undefined && second !== undefined);
      // The date has whole seconds: the wait is at least 1 s.
      assert.ok(second - first >= 900, `${second - first} ms`);
    } finally {
      await proxy.close();
    }
  });

  test('without Retry-After, the usual back-off, within the session', async () => {
    const proxy = await startProxy({ belvo: { baseUrl: belvo.url } });
    try {
      belvo.calls.length = 0;
      throttledThenLink(() => undefined, 2);
      const linked = await proxy.client.linked(await proxy.client.start(PEOPLE.employed));
      assert.equal(linked.step, 'retrieving');
      assert.equal(belvo.callsTo('POST', '/api/links/').length, 3);
    } finally {
      await proxy.close();
    }
  });

  test('a Retry-After longer than maxRetryAfterMs is not waited for', async () => {
    const proxy = await startProxy({ belvo: { baseUrl: belvo.url, maxRetryAfterMs: 500 } });
    try {
      belvo.calls.length = 0;
      throttledThenLink(() => '1');
      const outcome = await proxy.client.run(PEOPLE.employed);
      assert.equal(outcome.error?.code, 'service_busy');
      assert.equal(belvo.callsTo('POST', '/api/links/').length, 1);
    } finally {
      await proxy.close();
    }
  });

  test('Retry-After is read as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs(' 0 ', now), 0);
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 12:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('-1', now), undefined);
    assert.equal(retryAfterMs('1.5', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});
