// The employment-records download, the longest step of a retrieval, against a fake Belvo that holds it: past the
// session's deadline, withdrawn, announced twice, given up; and the work the proxy hands an edge runtime.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  belvoError,
  belvoJson,
  belvoLink,
  edgeProxy,
  eventually,
  holdDownloads,
  postWebhook,
  profileFixture,
  recordsWebhook,
  startFakeBelvo,
  startProxy,
  WEBHOOK_AUTHORIZATION,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';
import { freshState, TEST_SECRET } from './test-state.js';
import type { ProxyState } from '../../src/proxy/index.js';

const CURP = 'GALM900514MDFRPR04';
const SESSION_TIMEOUT_MS = 1000;

describe('a download under way', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;
  let state: ProxyState;
  /** The proxy's clock: moved by hand, to pass a deadline without waiting for it. */
  let clock: number;

  before(async () => {
    belvo = await startFakeBelvo();
    state = await freshState();
    proxy = await startProxy({
      belvo: { baseUrl: belvo.url },
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      attemptsPerCurp: 1000,
      state,
      secret: TEST_SECRET,
      now: () => clock,
    });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });
  beforeEach(() => {
    clock = Date.now();
    belvo.employmentRecords = () =>
      belvoJson({ count: 1, next: null, previous: null, results: [profileFixture('p-1')] });
  });

  /** A session whose records webhook has come and whose download Belvo is holding; its link id. */
  async function downloading(): Promise<{ session: string; linkId: string }> {
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const session = await proxy.client.start(CURP);
    await proxy.client.linked(session);
    assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
    await eventually(() => downloadsOf(linkId) === 1);
    return { session, linkId };
  }

  /** The log tag of the session opened last. */
  const lastTag = () => proxy.logs.filter((entry) => entry.event === 'session_created').at(-1)!.session!;
  const cancelled = (on: RunningProxy, tag: string) =>
    on.logs.some((entry) => entry.event === 'download_cancelled' && entry.session === tag);

  const downloadsOf = (linkId: string) =>
    belvo.callsTo('GET', '/api/employment-records/').filter((call) => call.search.includes(linkId)).length;

  test('the deadline passing during the download does not throw the history away: the session ends ready', async () => {
    const held = holdDownloads(belvo);
    const { session } = await downloading();
    clock += SESSION_TIMEOUT_MS + 500;
    // Looked at past its deadline (which also runs the sweep), the session is still waiting for its download.
    assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'retrieving' });
    held.release();
    const outcome = await proxy.client.outcome(session);
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
    assert.equal(outcome.summary?.jobs.length, 1);
  });

  test('the grace is bounded: a download still running a minute past the deadline ends in timeout', async () => {
    const held = holdDownloads(belvo);
    const { session, linkId } = await downloading();
    clock += SESSION_TIMEOUT_MS + 10 * 60_000;
    const answer = await proxy.client.status(session);
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'timeout');
    await eventually(() => belvo.callsTo('DELETE', `/api/links/${linkId}/`).length === 1);
    held.release();
    // The download is given up with the session: nothing can turn the timeout into a success afterwards.
    await eventually(() => cancelled(proxy, lastTag()));
    assert.equal((await proxy.client.status(session)).body.status, 'failed');
  });

  test('DELETE during the download: 404 afterwards, no summary kept, the download given up, the link deleted', async () => {
    const held = holdDownloads(belvo);
    const { session, linkId } = await downloading();
    const tag = lastTag();
    assert.equal((await proxy.client.delete(session)).status, 204);
    assert.equal((await proxy.client.status(session)).status, 404);
    await eventually(() => belvo.callsTo('DELETE', `/api/links/${linkId}/`).length === 1);
    // The page request in flight is aborted, without waiting for Belvo's answer.
    await eventually(() =>
      proxy.logs.some(
        (entry) =>
          entry.event === 'belvo_call' &&
          entry.operation === 'list_employment_records' &&
          entry.outcome === 'cancelled',
      ),
    );
    await eventually(() => cancelled(proxy, tag));
    held.release();
    // Nothing is kept of the session: no summary, and no (sealed) CURP either.
    assert.equal(await state.get(`session:${session}`), undefined);
    assert.ok(!proxy.logs.some((entry) => entry.event === 'session_ready' && entry.session === tag));
    assert.equal((await proxy.client.status(session)).status, 404);
  });

  test('a second records webhook with another webhook_id during the download starts no second download', async () => {
    const held = holdDownloads(belvo);
    const { session, linkId } = await downloading();
    const tag = lastTag();
    assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
    // Handled before the 204 above was sent: recognised as a repeat of the download already running.
    const records = proxy.logs.filter(
      (entry) =>
        entry.event === 'webhook' && entry.webhookType === 'EMPLOYMENT_RECORDS' && entry.session === tag,
    );
    assert.deepEqual(
      records.map((entry) => entry.outcome),
      ['applied', 'duplicate'],
    );
    held.release();
    assert.equal((await proxy.client.outcome(session)).status, 'ready');
    assert.equal(downloadsOf(linkId), 1);
  });

  test('retries of a page stop when the session is deleted: no waiting out the back-off', async () => {
    const slow = await startProxy({
      // Without cancellation the download would sit out a one-minute back-off before its second try.
      belvo: { baseUrl: belvo.url, retryBaseDelayMs: 60_000 },
      attemptsPerCurp: 1000,
    });
    try {
      belvo.employmentRecords = () => belvoError(503, 'unavailable', 'Try later');
      const linkId = crypto.randomUUID();
      belvo.createLink = () => belvoLink(linkId);
      const session = await slow.client.start(CURP);
      await slow.client.linked(session);
      await postWebhook(slow.webhookUrl, recordsWebhook(linkId));
      const tag = slow.logs.filter((entry) => entry.event === 'session_created').at(-1)!.session!;
      await eventually(() => slow.logs.some((entry) => entry.event === 'belvo_call' && entry.status === 503));
      assert.equal((await slow.client.delete(session)).status, 204);
      await eventually(() => cancelled(slow, tag), 2000);
      assert.equal(downloadsOf(linkId), 1);
    } finally {
      await slow.close();
    }
  });
});

describe('work handed to an edge runtime', () => {
  let belvo: FakeBelvo;

  before(async () => {
    belvo = await startFakeBelvo();
  });
  after(() => belvo.close());

  test('a webhook that finds its session past the deadline hands the link deletion to waitUntil', async () => {
    let clock = Date.now();
    const edge = await edgeProxy({ belvo: { baseUrl: belvo.url }, sessionTimeoutMs: 500, now: () => clock });
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    await edge.start(CURP);
    await edge.settle();
    assert.ok(edge.logs.some((entry) => entry.event === 'link_created'));

    // Past the deadline, but within the second after the last sweep: the webhook is the first to notice.
    clock += 600;
    const before = edge.tasks.length;
    const webhook = await edge.fetch('/webhooks/belvo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: WEBHOOK_AUTHORIZATION },
      body: JSON.stringify(recordsWebhook(linkId)),
    });
    assert.equal(webhook.status, 204);
    await edge.settle();
    assert.ok(edge.tasks.length > before, 'the link deletion was handed to waitUntil');
    assert.equal(belvo.callsTo('DELETE', `/api/links/${linkId}/`).length, 1, 'done before the runtime stops');
    assert.ok(edge.logs.some((entry) => entry.event === 'session_failed' && entry.code === 'timeout'));
  });
});
