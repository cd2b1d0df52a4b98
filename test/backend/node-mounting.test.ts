// The proxy mounted in a plain node:http server through toNodeHandler (no Hono in the host's code), and the
// same-origin rule behind reverse proxies: publicOrigin, trustProxy and the Host check.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createImssProxy, toNodeHandler, type ImssProxyOptions } from '../../src/proxy/index.js';
import { createBelvoSandbox } from '../../src/sandbox/index.js';
import { listen, ProxyClient, SECRET_ID, SECRET_PASSWORD, WEBHOOK_AUTHORIZATION } from './proxy-harness.js';

const CURP = 'GALM900514MDFRPR04';
const BASE = '/api/imss';

interface Mounted {
  url: string;
  port: number;
  client: ProxyClient;
  close(): Promise<void>;
}

/** A node:http server that hands everything under /api/imss to the proxy, as a partner's server would. */
async function mount(
  options: Partial<ImssProxyOptions>,
  handle: (proxy: ReturnType<typeof toNodeHandler>) => Parameters<typeof createServer>[1] = (proxy) => proxy,
): Promise<Mounted> {
  // The sandbox needs the proxy's address and the proxy the sandbox's: the sandbox's server starts first.
  const sandboxes: ReturnType<typeof createBelvoSandbox>[] = [];
  const sandboxServer = await listen((request) => sandboxes[0]!.fetch(request));
  const proxy = createImssProxy({
    belvo: { baseUrl: sandboxServer.url, secretId: SECRET_ID, secretPassword: SECRET_PASSWORD },
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    attemptsPerCurp: 1000,
    ...options,
  });
  const server: Server = createServer(handle(toNodeHandler(proxy, { basePath: BASE })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sandbox = createBelvoSandbox({
    secretId: SECRET_ID,
    secretPassword: SECRET_PASSWORD,
    webhookUrl: `${url}${BASE}/webhooks/belvo`,
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    timeScale: 0.01,
  });
  sandboxes.push(sandbox);
  return {
    url,
    port,
    client: new ProxyClient(`${url}${BASE}`),
    async close() {
      sandbox.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandboxServer.close();
    },
  };
}

/** A POST /links with headers fetch would not let a test set (`Host`). */
function postLinks(
  port: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: { error?: { code: string; message: string }; session?: string } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ curp: CURP });
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `${BASE}/links`,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response: IncomingMessage) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('toNodeHandler', () => {
  let mounted: Awaited<ReturnType<typeof mount>>;
  before(async () => (mounted = await mount({})));
  after(() => mounted.close());

  test('serves a whole retrieval, webhook included, from a node:http server', async () => {
    const outcome = await mounted.client.run(CURP);
    assert.equal(outcome.status, 'ready');
    assert.ok(outcome.status === 'ready' && (outcome.summary?.jobs.length ?? 0) > 0);
  });

  test('answers the proxy’s JSON errors and headers as they are', async () => {
    const response = await fetch(`${mounted.url}${BASE}/nowhere`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  test('takes a body an Express-style parser already read into request.body', async () => {
    const parsed = await mount({}, (proxy) => (request, response) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => {
        Object.assign(request, { body: JSON.parse(text) });
        void proxy(request, response);
      });
    });
    try {
      const session = await parsed.client.start(CURP);
      assert.match(session, /^[\w-]{20,}$/);
    } finally {
      await parsed.close();
    }
  });
});

describe('same origin behind reverse proxies', () => {
  const PUBLIC = 'https://app.example.com';

  test('compares scheme, host and port: an https page is not the same origin as this http server', async () => {
    const mounted = await mount({});
    try {
      const host = `127.0.0.1:${mounted.port}`;
      assert.equal((await postLinks(mounted.port, { origin: `http://${host}` })).status, 202);
      const answer = await postLinks(mounted.port, { origin: `https://${host}` });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error?.code, 'forbidden_origin');
      assert.equal((await postLinks(mounted.port, { origin: `http://127.0.0.1:1` })).status, 403);
    } finally {
      await mounted.close();
    }
  });

  test('with publicOrigin, pages of that origin may call and a foreign Host is refused with 421', async () => {
    const mounted = await mount({ publicOrigin: PUBLIC });
    try {
      assert.equal((await postLinks(mounted.port, { host: 'app.example.com', origin: PUBLIC })).status, 202);
      // A page of a foreign domain that resolves to this server (DNS rebinding) names its own host.
      const rebound = await postLinks(mounted.port, { host: 'evil.example', origin: 'http://evil.example' });
      assert.equal(rebound.status, 421);
      assert.equal(rebound.body.error?.code, 'forbidden_host');
      assert.match(rebound.body.error?.message ?? '', /app\.example\.com/);
      const other = await postLinks(mounted.port, {
        host: 'app.example.com',
        origin: 'https://other.example',
      });
      assert.equal(other.status, 403);
    } finally {
      await mounted.close();
    }
  });

  test('with trustProxy, the forwarded scheme and host count, as a dev server with changeOrigin sends them', async () => {
    const mounted = await mount({ publicOrigin: PUBLIC, trustProxy: true });
    const untrusting = await mount({ publicOrigin: PUBLIC });
    try {
      const forwarded = {
        host: `127.0.0.1:${mounted.port}`,
        origin: PUBLIC,
        'x-forwarded-host': 'app.example.com',
        'x-forwarded-proto': 'https',
      };
      assert.equal((await postLinks(mounted.port, forwarded)).status, 202);
      assert.equal(
        (await postLinks(untrusting.port, { ...forwarded, host: `127.0.0.1:${untrusting.port}` })).status,
        421,
      );
      const spoofed = await postLinks(mounted.port, { ...forwarded, 'x-forwarded-host': 'evil.example' });
      assert.equal(spoofed.status, 421);
    } finally {
      await mounted.close();
      await untrusting.close();
    }
  });

  test('a publicOrigin that is not an origin is refused when the proxy is created', () => {
    assert.throws(
      () =>
        createImssProxy({
          belvo: { baseUrl: 'http://127.0.0.1:1', secretId: SECRET_ID, secretPassword: SECRET_PASSWORD },
          webhookAuthorization: WEBHOOK_AUTHORIZATION,
          publicOrigin: 'https://app.example.com/api',
        }),
      /publicOrigin must be an origin/,
    );
  });
});
