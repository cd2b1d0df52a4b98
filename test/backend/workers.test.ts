// The proxy in workerd (Cloudflare Workers' runtime), run by Miniflare: the README's plain handler in one isolate,
// and the production set-up, the proxy held by one Durable Object to which every request is routed, its state in the
// object's storage. Each worker is bundled with esbuild as Wrangler would (conditions workerd, worker, browser) and
// drives a whole retrieval against the sandbox, served on loopback, whose webhooks reach the worker over HTTP; the
// Durable Object's retrieval also outlives workerd stopped and started again on the same storage, as on a deploy.
// Skipped only if Miniflare cannot start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { createBelvoSandbox, type BelvoSandbox } from '../../src/sandbox/index.js';
import { freePort } from '../support/redis-server.js';
import { listen, ProxyClient, type Listening } from './proxy-harness.js';

const SUCCESS_CURP = 'GALM900514MDFRPR04';

async function bundle(entry: string, belvoUrl: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../workers/${entry}`, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    define: { BELVO_API_URL: JSON.stringify(belvoUrl) },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The sandbox as Belvo, served on loopback, sending its webhooks to the worker at `workerUrl`. */
async function sandboxFor(
  workerUrl: string,
  timeScale: number,
): Promise<{ sandbox: BelvoSandbox; served: Listening }> {
  const sandbox = createBelvoSandbox({
    secretId: 'workers-secret-id',
    secretPassword: 'workers-secret-password',
    webhookUrl: `${workerUrl}/api/imss/webhooks/belvo`,
    webhookAuthorization: 'Bearer workers-webhook-token-0123456789',
    timeScale,
  });
  return { sandbox, served: await listen(sandbox.fetch) };
}

/** workerd running `script` on `port`; the Durable Object's storage in `persistTo`, if given. */
async function startWorker(
  script: string,
  port: number,
  durableObject: boolean,
  persistTo?: string,
): Promise<Miniflare> {
  const worker = new Miniflare({
    modules: true,
    script,
    host: '127.0.0.1',
    port,
    compatibilityDate: '2025-01-01',
    ...(durableObject
      ? {
          durableObjects: { IMSS_PROXY: 'ImssProxy' },
          bindings: { IMSS_STATE_SECRET: 'workers-state-secret-0123456789abcdef0123' },
        }
      : {}),
    ...(persistTo ? { durableObjectsPersist: persistTo } : {}),
  });
  try {
    await worker.ready;
    return worker;
  } catch (error) {
    await worker.dispose().catch(() => {});
    throw error;
  }
}

for (const setUp of [
  { name: 'the plain Workers handler, one isolate', entry: 'plain-worker.ts', durableObject: false },
  {
    name: 'the proxy in one Durable Object, every request routed to it',
    entry: 'durable-object-worker.ts',
    durableObject: true,
  },
]) {
  describe(`Cloudflare Workers (workerd, Miniflare): ${setUp.name}`, () => {
    let sandbox: BelvoSandbox;
    let served: Listening;
    let worker: Miniflare | undefined;
    let unavailable: string | undefined;
    let client: ProxyClient;

    before(async () => {
      const port = await freePort();
      const workerUrl = `http://127.0.0.1:${port}`;
      ({ sandbox, served } = await sandboxFor(workerUrl, 0.02));
      const script = await bundle(setUp.entry, served.url);
      try {
        worker = await startWorker(script, port, setUp.durableObject);
      } catch (error) {
        unavailable = `Miniflare cannot start here: ${(error as Error).message}`;
      }
      client = new ProxyClient(`${workerUrl}/api/imss`);
    });
    after(async () => {
      await worker?.dispose();
      sandbox.dispose();
      await served.close();
    });

    test('a whole retrieval: POST, long polls, the webhook, the download, ready, DELETE', async (t) => {
      if (!worker) return t.skip(unavailable);
      const session = await client.start(SUCCESS_CURP);
      const outcome = await client.outcome(session, 20_000);
      assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
      assert.equal(outcome.summary?.curp, SUCCESS_CURP);
      assert.ok(outcome.summary.jobs.length > 0);
      assert.deepEqual((await client.status(session)).body, outcome, 'read again');
      assert.equal((await client.delete(session)).status, 204);
      assert.equal((await client.status(session)).status, 404);
    });

    test('a refusal ends the session failed with its code', async (t) => {
      if (!worker) return t.skip(unavailable);
      const session = await client.start('TOVL880909HMCRLS09');
      const outcome = await client.outcome(session, 20_000);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.error?.code, 'nss_not_found');
    });
  });
}

describe('Cloudflare Workers (workerd, Miniflare): the Durable Object keeps its state across a restart', () => {
  let sandbox: BelvoSandbox;
  let served: Listening;
  let storage: string;
  let start: () => Promise<Miniflare>;
  let worker: Miniflare | undefined;
  let unavailable: string | undefined;
  let client: ProxyClient;

  before(async () => {
    const port = await freePort();
    const workerUrl = `http://127.0.0.1:${port}`;
    // Demo speed: Belvo's records webhook comes 4 s after the link, once workerd has started again.
    ({ sandbox, served } = await sandboxFor(workerUrl, 1));
    storage = await mkdtemp(join(tmpdir(), 'imss-workers-'));
    const script = await bundle('durable-object-worker.ts', served.url);
    start = () => startWorker(script, port, true, storage);
    try {
      worker = await start();
    } catch (error) {
      unavailable = `Miniflare cannot start here: ${(error as Error).message}`;
    }
    client = new ProxyClient(`${workerUrl}/api/imss`);
  });
  after(async () => {
    await worker?.dispose();
    sandbox.dispose();
    await served.close();
    await rm(storage, { recursive: true, force: true });
  });

  const restart = async () => {
    await worker!.dispose();
    worker = undefined;
    worker = await start();
  };

  test('a retrieval in flight when workerd stops finishes after it starts again; the result is still readable after another restart', async (t) => {
    if (!worker) return t.skip(unavailable);
    const session = await client.start(SUCCESS_CURP);
    assert.equal((await client.linked(session)).step, 'retrieving');
    await restart(); // an eviction or a deploy: the object's memory is gone, its storage is not
    assert.equal((await client.status(session)).status, 200, 'the session is still known');
    const outcome = await client.outcome(session, 30_000);
    assert.equal(outcome.status, 'ready', JSON.stringify(outcome.error));
    assert.equal(outcome.summary?.curp, SUCCESS_CURP);
    await restart();
    assert.deepEqual((await client.status(session)).body, outcome, 'read again from storage');
    assert.equal((await client.delete(session)).status, 204);
    await restart();
    assert.equal((await client.status(session)).status, 404, 'a deletion is durable too');
  });
});
