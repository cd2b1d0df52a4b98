// Abuse, by volume: a flood from one client is capped by the per-client limit, link creations by the global
// ceiling, pending sessions by the per-process cap, parked webhooks by bytes; and the memory all of it costs is
// measured (heap after a full collection, memory state only) and bounded. No log line carries personal data.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAttemptGuard } from '../../src/proxy/attempt-guard.js';
import { createMemoryState, type ProxyLogEntry } from '../../src/proxy/index.js';
import { createStateKeys } from '../../src/proxy/state-keys.js';
import { ProxyErrorResponseSchema } from '../../src/contract/proxy-api.js';
import {
  eventually,
  postWebhook,
  recordsWebhook,
  startFakeBelvo,
  startProxy,
  type RunningProxy,
} from './proxy-harness.js';
import { onRedis } from './test-state.js';
import { assertNoPersonalData, heapUsed, validCurp } from './abuse-support.js';

const logs: ProxyLogEntry[] = [];
const curpsUsed: string[] = [];
const opened: Array<{ close(): Promise<void> }> = [];
const KB = 1024;

async function setUp(options: Partial<Parameters<typeof startProxy>[0]> = {}) {
  const belvo = await startFakeBelvo();
  const proxy = await startProxy({
    limits: {},
    ...options,
    belvo: { baseUrl: belvo.url },
    logger: (entry) => logs.push(entry),
  });
  opened.push(proxy, belvo);
  return { belvo, proxy };
}

/** POSTs `count` sessions for distinct CURPs from `first` on, `concurrency` at a time; their statuses in order. */
async function flood(
  proxy: RunningProxy,
  first: number,
  count: number,
  headers: (i: number) => Record<string, string> = () => ({}),
): Promise<number[]> {
  const statuses: number[] = new Array<number>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const curp = validCurp(first + i);
      curpsUsed.push(curp);
      statuses[i] = (await proxy.client.create({ curp }, headers(i))).status;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return statuses;
}

const countOf = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

after(async () => {
  await Promise.all(opened.map((server) => server.close()));
  assertNoPersonalData(logs, [...curpsUsed, '10.9.']);
});

describe('abuse: a flood', () => {
  test('from one client is capped by the per-client limit (30 a minute), memory measured before and after', async () => {
    await flood((await setUp()).proxy, 500, 100); // warm-up: code compiled, connections pooled
    const { belvo, proxy } = await setUp();
    const before = await heapUsed();
    const statuses = await flood(proxy, 1000, 600);
    const grown = (await heapUsed()) - before;
    assert.equal(countOf(statuses, 202), 30);
    assert.equal(countOf(statuses, 429), 570);
    assert.ok(belvo.callsTo('POST', '/api/links/').length <= 30);
    console.log(`flood of 600 POSTs from one client: 30 accepted, heap +${Math.round(grown / KB)} kB`);
    if (!onRedis) assert.ok(grown < 4 * 1024 * KB, `heap grew ${grown} bytes`);
  });

  test('from many addresses is capped by the link creations per minute; the CURPs keep their attempts', async () => {
    const { belvo, proxy } = await setUp({
      limits: { linkCreationsPerMinute: 10 },
      clientAddress: (request) => request.headers.get('x-test-client') ?? undefined,
    });
    const statuses = await flood(proxy, 2000, 25, (i) => ({ 'x-test-client': `10.9.0.${i}` }));
    assert.equal(countOf(statuses, 202), 10);
    assert.equal(countOf(statuses, 429), 15);
    await eventually(() => belvo.callsTo('POST', '/api/links/').length === 10);
    const refused = await proxy.client.create({ curp: validCurp(2000 + statuses.indexOf(429)) });
    assert.equal(ProxyErrorResponseSchema.parse(refused.body).error.limit, 'service');
  });

  test('past the pending sessions of one process: 503 overloaded with Retry-After, room again once one ends', async () => {
    const { proxy } = await setUp({ limits: false, maxPendingSessions: 5 });
    const first = await proxy.client.start(validCurp(2999));
    const statuses = await flood(proxy, 3000, 8);
    assert.equal(countOf(statuses, 202), 4);
    const refused = await proxy.client.create({ curp: validCurp(3100) });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal(ProxyErrorResponseSchema.parse(refused.body).error.code, 'overloaded');
    assert.equal((await proxy.client.create({ curp: validCurp(3101) })).status, 503, 'still full');
    assert.equal((await proxy.client.delete(first)).status, 204);
    assert.equal((await proxy.client.create({ curp: validCurp(3102) })).status, 202, 'room again');
  });
});

describe('abuse: memory', { skip: onRedis && 'measures this process’s memory state' }, () => {
  test('a CURP in the attempt window costs about 0.2 kB (flat keys, flat windows)', async () => {
    const state = createMemoryState();
    const guard = createAttemptGuard({
      state,
      keys: createStateKeys(undefined),
      limit: 3,
      windowMs: 86_400_000,
      now: () => Date.now(),
    });
    await guard.tryAcquire(validCurp(0), undefined); // keys derived, code warmed up
    const before = await heapUsed();
    for (let n = 1; n <= 10_000; n++) await guard.tryAcquire(validCurp(n), undefined);
    const perCurp = ((await heapUsed()) - before) / 10_000;
    assert.equal(await guard.attemptsLeft(validCurp(5), undefined), 2, 'the state is still alive');
    console.log(`attempt window: ${Math.round(perCurp)} bytes per CURP`);
    assert.ok(perCurp < 300, `${perCurp} bytes per CURP`);
  });

  test('a pending session costs a few kB, and the parked webhooks of a link are bounded in bytes', async () => {
    const { proxy } = await setUp({ limits: false });
    await flood(proxy, 4000, 20); // warm-up
    const before = await heapUsed();
    await flood(proxy, 5000, 1000);
    const perSession = ((await heapUsed()) - before) / 1000;
    console.log(`pending session: ${(perSession / KB).toFixed(1)} kB each (proxy and memory state)`);
    assert.ok(perSession < 8 * KB, `${perSession} bytes per pending session`);

    // 100 unknown links × 10 authorised webhooks of ~60 kB: 60 MB sent, at most 128 kB kept per link.
    const filler = 'x'.repeat(60 * KB);
    const beforeWebhooks = await heapUsed();
    for (let link = 0; link < 100; link++) {
      const linkId = crypto.randomUUID();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          postWebhook(proxy.webhookUrl, { ...recordsWebhook(linkId), data: { filler } }),
        ),
      );
    }
    const parked = (await heapUsed()) - beforeWebhooks;
    console.log(`1000 fat webhooks for 100 unknown links: heap +${(parked / 1024 / KB).toFixed(1)} MB`);
    assert.ok(parked < 20 * 1024 * KB, `${parked} bytes for parked webhooks`);
  });
});
