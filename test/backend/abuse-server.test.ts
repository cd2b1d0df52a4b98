// `npm start` with a real Belvo (a fake one on loopback) under abuse from plain clients: idle and slow
// connections, uploads dropped midway, webhooks from foreign addresses, personal data where it does not belong.
// Real clients must still be served, and no log line may hold personal data. Loopback only, bounded in time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { clientAddressFrom } from '../../src/server/client-address.js';
import { createDemoBackend } from '../../src/server/demo-backend.js';
import { createHardenedServer } from '../../src/server/harden-server.js';
import { BELVO_WEBHOOK_ADDRESSES, webhookSourceGuard } from '../../src/proxy/index.js';
import { startDemoServer, type DemoServer } from '../e2e/support/demo-server.js';
import {
  belvoLink,
  delay,
  eventually,
  recordsWebhook,
  startFakeBelvo,
  type FakeBelvo,
} from './proxy-harness.js';

const CURP = 'GALM900514MDFRPR04';
const VICTIM_CURP = 'HEGJ850101HJCRNN06';
const NSS = '51099068598';
const SECRETS = {
  BELVO_SECRET_ID: 'abuse-secret-id',
  BELVO_SECRET_PASSWORD: 'abuse-secret-password',
  BELVO_WEBHOOK_AUTH: 'Bearer abuse-webhook-token-0123456789',
};
const FOREIGN_ADDRESS = '203.0.113.9'; // TEST-NET-3: only ever written in a header, never connected to
const BELVO_ADDRESS = BELVO_WEBHOOK_ADDRESSES[0]!;

interface RawClient {
  socket: net.Socket;
  /** What the server sent back. */
  received: () => string;
  closed: Promise<void>;
}

/** A TCP connection that sends `head` (if any) and then, every `dripMs`, one more header line: a slowloris. */
async function rawClient(url: string, head = '', dripMs?: number): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => {}); // a reset by the server is what is expected of it
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => {
    socket.once('connect', resolve);
    socket.once('close', resolve);
  });
  if (head) socket.write(head);
  if (dripMs !== undefined) {
    const drip = setInterval(() => socket.writable && socket.write(`X-Drip-${Date.now()}: 1\r\n`), dripMs);
    void closed.then(() => clearInterval(drip));
  }
  return { socket, received: () => received, closed };
}

/** The head and first chunk of a chunked POST; the caller then drops the connection. */
function chunkedHead(url: string, headers: Record<string, string> = {}): string {
  const target = new URL(url);
  const lines = Object.entries({ 'content-type': 'application/json', ...headers }).map(
    ([name, value]) => `${name}: ${value}\r\n`,
  );
  return `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n${lines.join('')}Transfer-Encoding: chunked\r\n\r\n5\r\n{"cur\r\n`;
}

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('npm start with a real Belvo, under abuse', { timeout: 120_000 }, () => {
  let belvo: FakeBelvo;
  let server: DemoServer;
  let api: string;
  const linkId = crypto.randomUUID();
  const handles: string[] = [];

  const logLines = () =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
  const webhook = (body: unknown, forwardedFor?: string) =>
    fetch(`${api}/webhooks/belvo`, {
      method: 'POST',
      headers: {
        authorization: SECRETS.BELVO_WEBHOOK_AUTH,
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify(body),
    });
  const startSession = async (curp: string, externalId?: string) => {
    const answer = await fetch(`${api}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(externalId ? { curp, externalId } : { curp }),
    });
    const body = (await answer.json()) as { session?: string };
    if (body.session) handles.push(body.session);
    return { status: answer.status, body };
  };

  before(async () => {
    belvo = await startFakeBelvo();
    belvo.createLink = () => belvoLink(linkId);
    server = await startDemoServer({
      BELVO_API_URL: belvo.url,
      ...SECRETS,
      BELVO_WEBHOOK_IPS: 'belvo',
      // The test stands where a trusted reverse proxy would, appending the client's address.
      IMSS_CLIENT_IP_HEADER: 'X-Forwarded-For',
      IMSS_SESSION_TIMEOUT_SECONDS: '60',
      IMSS_AUTHORIZE: 'open',
    });
    api = `${server.url}/api/imss`;
  });
  after(async () => {
    await server?.stop();
    await belvo?.close();
  });

  test('200 idle connections and 20 slowloris clients are shed, while real clients are served', async () => {
    const idle = await Promise.all(Array.from({ length: 200 }, () => rawClient(server.url)));
    const slow = await Promise.all(
      Array.from({ length: 20 }, () => rawClient(server.url, 'GET / HTTP/1.1\r\nHost: x\r\n', 500)),
    );
    const abusers = [...idle, ...slow];
    try {
      const opened = Date.now();
      // Served at once, with every abuser still connected.
      const page = await within(5000, 'the page', fetch(server.url));
      assert.equal(page.status, 200);
      await page.arrayBuffer();
      const started = await within(5000, 'POST /links', startSession(CURP));
      assert.equal(started.status, 202);
      assert.ok(abusers.every((client) => !client.socket.destroyed));

      // The headers timeout (10 s, checked every second) closes every one of them, slowloris included.
      await within(25_000, 'shedding', Promise.all(abusers.map((client) => client.closed)));
      const shedAfterMs = Date.now() - opened;
      assert.ok(shedAfterMs >= 8_000, `shed after ${shedAfterMs} ms: the timeout is 10 s`);
      assert.ok(slow.every((client) => client.received().startsWith('HTTP/1.1 408')));
      const again = await within(5000, 'the page after', fetch(server.url));
      assert.equal(again.status, 200);
    } finally {
      for (const client of abusers) client.socket.destroy();
    }
  });

  test('the built page, with security headers; never a source file, Vite’s client or the package', async () => {
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.doesNotMatch(html, /\/src\/|@vite/);
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(script, 'a built script');
    const asset = await fetch(`${server.url}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    await asset.arrayBuffer();
    for (const path of [
      '/src/element/imss-connect.ts',
      '/src/server/server-config.ts',
      '/@vite/client',
      '/package.json',
      '/vite.config.ts',
      '/.git/config',
      '/%2e%2e/package.json',
      `${script}.map`,
    ]) {
      const answer = await fetch(`${server.url}${path}`);
      await answer.arrayBuffer();
      assert.equal(answer.status, 404, path);
    }
    const apiAnswer = await fetch(`${api}/links/nothing`);
    await apiAnswer.arrayBuffer();
    assert.equal(apiAnswer.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a chunked upload dropped midway is logged as request_aborted, not internal_error', async () => {
    const client = await rawClient(server.url, chunkedHead(`${api}/links`));
    await delay(100);
    client.socket.destroy();
    await eventually(() => logLines().some((line) => line.includes('"event":"request_aborted"')), 5000);
    assert.ok(!logLines().some((line) => line.includes('"event":"internal_error"')));
  });

  test('webhooks only from Belvo’s addresses: a foreign or spoofed one is refused before its body is read', async () => {
    const rejected = () => logLines().filter((line) => line.includes('"status":403')).length;
    const before = rejected();
    for (const forwardedFor of [undefined, FOREIGN_ADDRESS, `${BELVO_ADDRESS}, ${FOREIGN_ADDRESS}`]) {
      const answer = await webhook(recordsWebhook(linkId), forwardedFor);
      assert.equal(answer.status, 403, String(forwardedFor));
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'forbidden_origin');
    }
    assert.equal(rejected(), before + 3);
    // From Belvo (the last address, the one the trusted proxy added): the session started above is completed.
    const accepted = await webhook(recordsWebhook(linkId), `${FOREIGN_ADDRESS}, ${BELVO_ADDRESS}`);
    assert.equal(accepted.status, 204);
    await eventually(async () => {
      const status = await fetch(`${api}/links/${handles[0]}`);
      return ((await status.json()) as { status: string }).status === 'ready';
    }, 5000);
  });

  test('personal data where it does not belong: refused in externalId, logged as `other` from a webhook', async () => {
    for (const externalId of [
      `nss-${NSS.slice(0, 3)}-${NSS.slice(3, 7)}-${NSS.slice(7)}`,
      '+52 55 1234 5678',
    ]) {
      const refused = await startSession(VICTIM_CURP, externalId);
      assert.equal(refused.status, 400, externalId);
    }
    const hostile = { ...recordsWebhook(crypto.randomUUID()), webhook_type: VICTIM_CURP, webhook_code: NSS };
    assert.equal((await webhook(hostile, BELVO_ADDRESS)).status, 204);
    await eventually(
      () => logLines().some((line) => line.includes('"webhookType":"other","webhookCode":"other"')),
      5000,
    );
  });

  test('no log line, nor anything else printed, holds a CURP, NSS, phone, employer, handle, link id or secret', () => {
    const output = server.output();
    assert.ok(logLines().length >= 10, `${logLines().length} log lines`);
    const forbidden = [
      CURP,
      VICTIM_CURP,
      NSS,
      '123-4567',
      '1234 5678',
      'Fixture Employer',
      linkId,
      ...handles,
      ...Object.values(SECRETS),
      'abuse-webhook-token',
    ];
    for (const value of forbidden) assert.ok(!output.includes(value), `printed output holds ${value}`);
  });
});

describe('the hardened server in process, with short limits', () => {
  test('past the connection cap new connections are closed at once; once idle ones are shed, real clients are served', async () => {
    const demo = createDemoBackend({ timeScale: 0.01 });
    const server = createHardenedServer(getRequestListener(demo.fetch), {
      headersTimeoutMs: 600,
      requestTimeoutMs: 1200,
      keepAliveTimeoutMs: 500,
      maxConnections: 20,
      timeoutCheckIntervalMs: 100,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const clients: RawClient[] = [];
    try {
      for (let index = 0; index < 30; index++) clients.push(await rawClient(url));
      // The ten past the cap: closed by the server without a byte.
      await within(3000, 'the cap', Promise.all(clients.slice(20).map((client) => client.closed)));
      assert.ok(clients.slice(20).every((client) => client.received() === ''));
      await within(5000, 'shedding', Promise.all(clients.map((client) => client.closed)));
      assert.ok(clients.slice(0, 20).every((client) => client.received().startsWith('HTTP/1.1 408')));
      const answer = await within(5000, 'a real client', fetch(`${url}/api/imss/links/none`));
      assert.equal(answer.status, 404);
      await answer.arrayBuffer();
    } finally {
      for (const client of clients) client.socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      demo.dispose();
    }
  });

  test('webhookSourceGuard takes an IPv4 client of a dual-stack listener for the IPv4 address it is', async () => {
    for (const [address, status] of [
      [`::ffff:${BELVO_ADDRESS}`, 204],
      [BELVO_ADDRESS, 204],
      ['::ffff:203.0.113.9', 403],
      [undefined, 403],
    ] as const) {
      const app = new Hono();
      app.use('*', webhookSourceGuard({ allowed: BELVO_WEBHOOK_ADDRESSES, clientAddress: () => address }));
      app.post('*', (c) => c.body(null, 204));
      assert.equal((await app.request('/hook', { method: 'POST' })).status, status, String(address));
    }
  });

  test('webhookSourceGuard reads the TCP peer by default', async () => {
    const guarded = (allowed: readonly string[]) => {
      const logs: unknown[] = [];
      const app = new Hono();
      app.use(
        '*',
        webhookSourceGuard({ allowed, clientAddress: clientAddressFrom(), log: (e) => logs.push(e) }),
      );
      app.post('*', (c) => c.body(null, 204));
      return { app, logs };
    };
    for (const [allowed, status] of [
      [['127.0.0.1'], 204],
      [BELVO_WEBHOOK_ADDRESSES, 403],
    ] as const) {
      const { app, logs } = guarded(allowed);
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const { port } = server.address() as net.AddressInfo;
        // A forwarded-for header means nothing unless the server was told to trust one.
        const answer = await fetch(`http://127.0.0.1:${port}/hook`, {
          method: 'POST',
          headers: { 'x-forwarded-for': BELVO_ADDRESS },
        });
        await answer.arrayBuffer();
        assert.equal(answer.status, status);
        assert.deepEqual(logs, status === 403 ? [{ event: 'webhook_rejected', status: 403 }] : []);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
