// Crashes and restarts of real processes: two proxy instances (the `npm start` server, run by `node` so that a
// SIGKILL reaches it) on one Redis, with `npm run sandbox` as Belvo. The sandbox holds each records download for
// RECORDS_DELAY_MS, so that an instance can be killed while one is under way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../support/redis-server.js';
import { loggedBy, npmRun, startProxyNode, stop, type Running } from './instance-processes.js';
import { delay, eventually, listen, ProxyClient, type Listening } from './proxy-harness.js';
import { TEST_SECRET, testRedis } from './test-state.js';

const WEBHOOK_AUTH = 'Bearer recovery-webhook-token-0123456789';
const RECORDS_DELAY_MS = 3000;
const SESSION_TTL_SECONDS = 25;

describe('two instances on one Redis: a crash mid-download, and a restart of both', () => {
  const ports = { a: 0, b: 0 };
  const instances: Partial<Record<'a' | 'b', Running>> = {};
  const ended: Running[] = [];
  let sandbox: Running;
  let relay: Listening;
  let shared: Record<string, string>;
  /** Which instance the sandbox's webhooks reach. */
  let deliverTo: 'a' | 'b' = 'a';
  const client = (name: 'a' | 'b') => new ProxyClient(`http://127.0.0.1:${ports[name]}/api/imss`);
  const start = async (name: 'a' | 'b') => {
    instances[name] = await startProxyNode(ports[name], shared);
  };
  const logged = (fields: Record<string, unknown>) =>
    loggedBy([...ended, ...Object.values(instances)], fields);

  before(async () => {
    const redis = await testRedis();
    [ports.a, ports.b] = await Promise.all([freePort(), freePort()]);
    const portSandbox = await freePort();
    // Between the sandbox and the instances: a webhook to an instance that is down is answered 502 (the sandbox
    // retries it, as Belvo does).
    relay = await listen(async (request) => {
      const url = `http://127.0.0.1:${ports[deliverTo]}/api/imss/webhooks/belvo`;
      const body = await request.text();
      try {
        const answer = await fetch(url, { method: 'POST', headers: request.headers, body });
        return new Response(null, { status: answer.status });
      } catch {
        return new Response(null, { status: 502 });
      }
    });
    const keys = { BELVO_SECRET_ID: 'recovery-secret-id', BELVO_SECRET_PASSWORD: 'recovery-secret-password' };
    sandbox = await npmRun(
      'sandbox',
      {
        ...keys,
        PORT: String(portSandbox),
        HOST: '127.0.0.1',
        SANDBOX_WEBHOOK_URL: relay.url,
        SANDBOX_WEBHOOK_AUTH: WEBHOOK_AUTH,
        SANDBOX_TIME_SCALE: '0.05',
        SANDBOX_RECORDS_DELAY_MS: String(RECORDS_DELAY_MS),
      },
      /Belvo sandbox/,
    );
    shared = {
      ...keys,
      BELVO_API_URL: `http://127.0.0.1:${portSandbox}`,
      BELVO_WEBHOOK_AUTH: WEBHOOK_AUTH,
      REDIS_URL: redis.url,
      IMSS_STATE_SECRET: TEST_SECRET,
      IMSS_SESSION_TTL_SECONDS: String(SESSION_TTL_SECONDS),
      IMSS_AUTHORIZE: 'open',
      IMSS_LIMITS: 'off',
    };
    await Promise.all([start('a'), start('b')]);
  });
  after(async () => {
    await Promise.all([...Object.values(instances), sandbox].map((process) => stop(process)));
    await relay.close();
  });

  test(
    'A killed (SIGKILL) in the middle of a download: B takes it over, ready within 15 s of the crash',
    { timeout: 60_000 },
    async () => {
      deliverTo = 'a';
      const curp = 'GALM900514MDFRPR04';
      const session = await client('a').start(curp);
      await client('a').linked(session);
      // The records webhook reached A, which started the download: the sandbox holds its answer.
      await eventually(
        () => logged({ event: 'webhook', webhookType: 'EMPLOYMENT_RECORDS', outcome: 'applied' }).length > 0,
        10_000,
      );
      await delay(300);
      const killedAt = Date.now();
      await stop(instances.a!, 'SIGKILL');
      ended.push(instances.a!);
      delete instances.a;

      const outcome = await client('b').outcome(session, 20_000);
      const afterCrashMs = Date.now() - killedAt;
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
      assert.equal(outcome.summary?.curp, curp);
      assert.ok(afterCrashMs < 15_000, `ready ${afterCrashMs} ms after the crash`);
      assert.equal(logged({ event: 'download_resumed' }).length, 1, 'taken over once, by B');
      assert.equal(logged({ event: 'session_ready' }).length, 1);
    },
  );

  test(
    'both instances restarted: a finished session is still readable on each, until its TTL',
    { timeout: 90_000 },
    async () => {
      deliverTo = 'b';
      if (!instances.b) await start('b');
      const curp = 'HEGJ850101HJCRNN06';
      const session = await client('b').start(curp);
      const outcome = await client('b').outcome(session, 20_000);
      const readyAt = Date.now();
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));

      for (const name of ['a', 'b'] as const) {
        const running = instances[name];
        if (running) await stop(running);
        if (running) ended.push(running);
        delete instances[name];
      }
      await Promise.all([start('a'), start('b')]);
      assert.ok(
        Date.now() < readyAt + (SESSION_TTL_SECONDS - 3) * 1000,
        'the instances restarted in time to read the session before its TTL',
      );
      for (const name of ['a', 'b'] as const) {
        const read = await client(name).status(session);
        assert.equal(read.status, 200, `read on ${name}`);
        assert.deepEqual(read.body, outcome, `read on ${name}`);
      }

      // Forgotten once its TTL (counted from when it finished, at most readyAt) has run out.
      await delay(readyAt + SESSION_TTL_SECONDS * 1000 + 500 - Date.now());
      for (const name of ['a', 'b'] as const) assert.equal((await client(name).status(session)).status, 404);
    },
  );
});
