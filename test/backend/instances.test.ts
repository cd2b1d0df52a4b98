// Real processes on loopback: `npm start` stopped by SIGTERM (held polls answered, exit in time), and two proxy
// instances (`npm start` with REDIS_URL) on one Redis, with `npm run sandbox` as Belvo, behaving as one proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../support/redis-server.js';
import { loggedBy, npmRun, startProxyProcess, stop, type Running } from './instance-processes.js';
import { listen, ProxyClient, type Listening } from './proxy-harness.js';
import { TEST_SECRET, testRedis } from './test-state.js';

/** VAPE's link is created, but its webhook never comes: the session stays pending. */
const NO_WEBHOOK_CURP = 'VAPE800101HDFLRD03';
const SUCCESS_CURP = 'GALM900514MDFRPR04';
const WEBHOOK_AUTH = 'Bearer instances-webhook-token-0123456789';

describe('npm start and SIGTERM', () => {
  test(
    'stops taking requests, answers a held long poll with the current status, exits within 10 s',
    { timeout: 60_000 },
    async (t) => {
      const port = await freePort();
      const proxy = await startProxyProcess(port, {
        SANDBOX_TIME_SCALE: '0.01',
        IMSS_SESSION_TIMEOUT_SECONDS: '60',
        IMSS_AUTHORIZE: 'open', // no demo sign-in: the client here is a plain HTTP one
      });
      t.after(() => stop(proxy)); // whatever fails below, the server does not outlive the test
      const client = new ProxyClient(`http://127.0.0.1:${port}/api/imss`);
      const session = await client.start(NO_WEBHOOK_CURP);
      await client.linked(session);
      const held = client.status(session, 25);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalled = Date.now();
      proxy.child.kill('SIGTERM'); // to npm, as a platform would: it must reach the server
      const answer = await held;
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { status: 'pending', step: 'retrieving' });
      assert.ok(Date.now() - signalled < 5000, 'answered at once, not at the end of its wait');
      assert.equal(await proxy.exited, 0);
      assert.ok(Date.now() - signalled < 10_000, `exited after ${Date.now() - signalled} ms`);
      await assert.rejects(
        fetch(`http://127.0.0.1:${port}/api/imss/links/${session}`),
        'no longer listening',
      );
    },
  );
});

describe('two instances on one Redis, the sandbox as its own process', () => {
  const running: Running[] = [];
  let a: ProxyClient;
  let b: ProxyClient;
  let relay: Listening;
  /** Where the sandbox's webhooks go: to B only, or to A and B at once. */
  let deliverTo: 'b' | 'both' = 'b';

  before(async () => {
    const redis = await testRedis();
    const [portA, portB, portSandbox] = await Promise.all([freePort(), freePort(), freePort()]);
    const webhookUrl = (port: number) => `http://127.0.0.1:${port}/api/imss/webhooks/belvo`;
    // Between the sandbox and the instances: delivers each webhook as told, and answers with B's answer.
    relay = await listen(async (request) => {
      const body = await request.text();
      const targets = deliverTo === 'both' ? [portA, portB] : [portB];
      const answers = await Promise.all(
        targets.map((port) => fetch(webhookUrl(port), { method: 'POST', headers: request.headers, body })),
      );
      return new Response(null, { status: answers.at(-1)!.status });
    });
    const sandboxUrl = `http://127.0.0.1:${portSandbox}`;
    const belvo = {
      BELVO_API_URL: sandboxUrl,
      BELVO_SECRET_ID: 'instances-secret-id',
      BELVO_SECRET_PASSWORD: 'instances-secret-password',
      BELVO_WEBHOOK_AUTH: WEBHOOK_AUTH,
      // A trial against a sandbox of its own, repeating CURPs: no applicants, no request limits.
      IMSS_AUTHORIZE: 'open',
      IMSS_LIMITS: 'off',
    };
    running.push(
      await npmRun(
        'sandbox',
        {
          PORT: String(portSandbox),
          HOST: '127.0.0.1',
          BELVO_SECRET_ID: belvo.BELVO_SECRET_ID,
          BELVO_SECRET_PASSWORD: belvo.BELVO_SECRET_PASSWORD,
          SANDBOX_WEBHOOK_URL: relay.url,
          SANDBOX_WEBHOOK_AUTH: WEBHOOK_AUTH,
          SANDBOX_TIME_SCALE: '0.05',
        },
        /Belvo sandbox/,
      ),
    );
    const shared = { ...belvo, REDIS_URL: redis.url, IMSS_STATE_SECRET: TEST_SECRET };
    const [procA, procB] = await Promise.all([
      startProxyProcess(portA, shared),
      startProxyProcess(portB, shared),
    ]);
    running.push(procA!, procB!);
    a = new ProxyClient(`http://127.0.0.1:${portA}/api/imss`);
    b = new ProxyClient(`http://127.0.0.1:${portB}/api/imss`);
  });
  after(async () => {
    for (const process of running) process.child.kill('SIGTERM');
    await Promise.all(running.map((process) => process.exited));
    await relay.close();
  });

  /** The proxies' log lines (JSON, as `npm start` prints them) of one event. */
  const logged = (fields: Record<string, unknown>) => loggedBy(running.slice(1), fields);

  test('polls on A, the webhook on B: ready, read and deleted on either', { timeout: 30_000 }, async () => {
    const session = await a.start(SUCCESS_CURP);
    const outcome = await a.outcome(session, 20_000);
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
    assert.equal(outcome.summary?.curp, SUCCESS_CURP);
    assert.deepEqual((await b.status(session)).body, outcome);
    assert.equal((await b.delete(session)).status, 204);
    assert.equal((await a.status(session)).status, 404);
  });

  test(
    'the same webhook delivered to both instances at once: one download',
    { timeout: 30_000 },
    async () => {
      deliverTo = 'both';
      try {
        const session = await a.start('HEGJ850101HJCRNN06');
        const outcome = await a.outcome(session, 20_000);
        assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
        const tag = logged({ event: 'session_ready' }).at(-1)!['session'];
        const records = { event: 'webhook', webhookType: 'EMPLOYMENT_RECORDS', session: tag };
        assert.equal(logged({ ...records, outcome: 'applied' }).length, 1, 'applied by one instance');
        // The other recognised the repeat by its webhook_id, before finding its session (so without a tag).
        const repeats = { event: 'webhook', webhookType: 'EMPLOYMENT_RECORDS', outcome: 'duplicate' };
        assert.ok(logged(repeats).length >= 1, 'recognised as a repeat by the other');
        assert.equal(logged({ event: 'session_ready', session: tag }).length, 1);
      } finally {
        deliverTo = 'b';
      }
    },
  );

  test(
    'three attempts of a CURP on A: the fourth, on B, is refused with daily_limit',
    { timeout: 30_000 },
    async () => {
      const curp = 'MOLR850620HDFRPN00';
      for (let i = 0; i < 3; i++) assert.equal((await a.create({ curp })).status, 202);
      const fourth = await b.create({ curp });
      assert.equal(fourth.status, 429);
      assert.equal((fourth.body['error'] as { code: string }).code, 'daily_limit');
    },
  );
});
