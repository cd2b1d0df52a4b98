// The proxy's log entries are sanitised where they are written (safeLogger), so that what Belvo or anyone holding
// the webhook token puts in a webhook's fields, or in an error code, cannot reach a log line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeLogEntry, type ProxyLogEntry } from '../../src/proxy/proxy-log.js';
import { formatLogLine } from '../../src/server/log-line.js';
import {
  belvoError,
  belvoLink,
  eventually,
  linkErrorWebhook,
  postWebhook,
  recordsWebhook,
  startFakeBelvo,
  startProxy,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';

const CURP = 'GALM900514MDFRPR04';
const OTHER_CURP = 'HEGJ850101HJCRNN06';
const NSS = '51099068598';

describe('sanitizeLogEntry', () => {
  test('keeps known values as they are', () => {
    const entries: ProxyLogEntry[] = [
      {
        event: 'webhook',
        session: 'AbCd-_12',
        webhookType: 'EMPLOYMENT_RECORDS',
        webhookCode: 'historical_update',
        outcome: 'applied',
      },
      {
        event: 'belvo_call',
        operation: 'create_link',
        attempt: 2,
        outcome: 'http_error',
        status: 403,
        code: 'forbidden_by_host',
        durationMs: 12.5,
      },
      { event: 'link_unconfirmed', externalId: 'app-2024-000123' },
      {
        event: 'session_ready',
        session: 'AbCd-_12',
        profiles: 1,
        skippedRecords: 2,
      },
      {
        event: 'reconciliation',
        session: 'AbCd-_12',
        attempt: 1,
        outcome: 'found',
      },
      {
        event: 'belvo_call',
        operation: 'count_employment_records',
        attempt: 1,
        outcome: 'http_error',
        status: 429,
        code: 'throttled',
        durationMs: 3,
      },
    ];
    for (const entry of entries) assert.deepEqual(sanitizeLogEntry(entry), entry);
  });

  test('logs every unknown text value as `other`, drops personal externalIds, bad numbers and unknown fields', () => {
    const hostile = {
      event: `x${CURP}`,
      session: CURP,
      webhookType: CURP,
      webhookCode: `login_error ${NSS}`,
      outcome: CURP,
      operation: CURP,
      code: CURP,
      status: Number.NaN,
      durationMs: CURP,
      skippedRecords: CURP,
      externalId: `nss-${NSS.slice(0, 3)}-${NSS.slice(3, 7)}-${NSS.slice(7)}`,
      curp: CURP,
    } as unknown as ProxyLogEntry;
    assert.deepEqual(sanitizeLogEntry(hostile), {
      event: 'other',
      session: 'other',
      webhookType: 'other',
      webhookCode: 'other',
      outcome: 'other',
      operation: 'other',
      code: 'other',
    });
    const typed = { event: 'webhook', webhookCode: 42 } as unknown as ProxyLogEntry;
    assert.deepEqual(sanitizeLogEntry(typed), { event: 'webhook', webhookCode: 'other' });
  });
});

describe('proxy log lines under hostile webhooks and Belvo answers', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;
  const lines = () => proxy.logs.map((entry) => formatLogLine(entry));

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url }, attemptsPerCurp: 100 });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });

  test('a CURP in webhook_type or webhook_code of an authorised webhook never reaches a log line', async () => {
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const session = await proxy.client.start(CURP);
    await proxy.client.linked(session);

    // Unknown link: parked. Known link, unknown type and code: ignored. Known link, known type, CURP as code.
    await postWebhook(proxy.webhookUrl, { ...recordsWebhook(crypto.randomUUID()), webhook_code: CURP });
    await postWebhook(
      proxy.webhookUrl,
      linkErrorWebhook(linkId, { webhook_type: OTHER_CURP, webhook_code: CURP }),
    );
    await postWebhook(proxy.webhookUrl, linkErrorWebhook(linkId, { webhook_code: `${CURP} ${NSS}` }));
    await proxy.client.outcome(session);

    const webhooks = proxy.logs.filter((entry) => entry.event === 'webhook');
    assert.equal(webhooks.length, 3);
    assert.ok(webhooks.every((entry) => entry.webhookCode === 'other'));
    assert.deepEqual(
      webhooks.map((entry) => entry.webhookType),
      ['EMPLOYMENT_RECORDS', 'other', 'LINK'],
    );
    for (const line of lines()) {
      assert.doesNotMatch(line, new RegExp(`${CURP}|${OTHER_CURP}|${NSS}`, 'i'), line);
    }
  });

  test('a CURP as Belvo’s error code is logged as `other`', async () => {
    belvo.createLink = () => belvoError(400, CURP, 'unexpected');
    const session = await proxy.client.start(OTHER_CURP);
    await proxy.client.outcome(session);
    await eventually(() =>
      proxy.logs.some((entry) => entry.event === 'belvo_call' && entry.code === 'other'),
    );
    for (const line of lines()) assert.doesNotMatch(line, new RegExp(`${CURP}|${OTHER_CURP}`, 'i'), line);
  });
});
