// `npm run bench`: the proxy's speed, measured in one run on loopback, printed as ratios and percentiles (not a
// test: the figures depend on the machine; the README records them). Every server is a process of its own:
// `npm run sandbox` as Belvo, one or two scripts/bench-server.ts (the proxy and a bare Hono route), a redis-server.
//
//  (a) in-memory state: GET /links/{session} requests per second, against a bare Hono route of the same server,
//      same connections, interleaved rounds (goal ≥ 0.5× bare);
//  (b) Redis, two instances: a poll held on A answered after the records webhook reaches B (goal p95 ≤ 250 ms);
//  (c) Redis, two instances: 2,000 concurrent sessions, each with a held poll on one instance and its webhooks
//      delivered to the other: that latency's p95, and each process's peak RSS.
//
// Bounded: every load run has a fixed duration, and the whole bench gives up after BENCH_LIMIT_MS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import { curpCheckDigit } from '../src/curp/check-digit.js';
import { freePort, startRedisServer, type RedisServer } from '../test/support/redis-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_LIMIT_MS = 420_000;
const KEYS = {
  BELVO_SECRET_ID: 'bench-secret-id',
  BELVO_SECRET_PASSWORD: 'bench-secret-password',
  BELVO_WEBHOOK_AUTH: 'Bearer bench-webhook-token-0123456789',
};
const SECRET = 'bench-state-secret-0123456789abcdef0123456789';
/** The sandbox's scripted CURP whose webhooks never come: its session stays pending/retrieving. */
const NO_WEBHOOK_CURP = 'VAPE800101HDFLRD03';
const CONNECTIONS = 20;
const ROUND_SECONDS = 1;
const ROUNDS = 6;

interface Child {
  process: ChildProcess;
  exited: Promise<void>;
}
const children: Child[] = [];
let redis: RedisServer | undefined;

/** Where the sandbox's webhooks go: `relayTo` picks the instance, from the webhook's external_id. */
let relayTo: (externalId: string) => string = () => '';
/** When each EMPLOYMENT_RECORDS webhook was handed to an instance, by external_id (performance.now()). */
const recordsAt = new Map<string, number>();
const relay = await startRelay();
/** Requests sent again after a network error (a kept-alive connection the server had just closed). */
let retried = 0;

const giveUp = setTimeout(() => {
  console.error(`bench: gave up after ${BENCH_LIMIT_MS / 1000} s`);
  void shutdown(1);
}, BENCH_LIMIT_MS);

/** Which parts to run, e.g. BENCH_PARTS=a (default all three). */
const parts = process.env['BENCH_PARTS'] ?? 'abc';

console.log(
  `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the start (other work on the machine skews every figure)`,
);
try {
  if (parts.includes('a')) await benchHotPath();
  if (parts.includes('b') || parts.includes('c')) await benchTwoInstances();
  await shutdown(0);
} catch (error) {
  console.error('bench failed:', error);
  await shutdown(1);
}

// ── (a) ──────────────────────────────────────────────────────────────────────────────────────────────────────

async function benchHotPath(): Promise<void> {
  const sandbox = await startSandbox(0.01);
  const server = await startBenchServer({ BELVO_API_URL: sandbox });
  relayTo = () => server;
  const pending = await openSession(server, NO_WEBHOOK_CURP, 'bench-pending');
  const ready = await openSession(server, curpNumber(0), 'bench-ready');
  await untilReady(server, ready);

  const targets = {
    'bare Hono route': `${server}/bare`,
    'pending session': `${server}/api/imss/links/${pending}`,
    // Decrypts and sends the whole summary (6.6 kB of JSON): read once or twice per session, not polled.
    'ready session  ': `${server}/api/imss/links/${ready}`,
  };
  const totals = Object.fromEntries(Object.keys(targets).map((name) => [name, 0])) as Record<string, number>;
  for (const url of Object.values(targets)) await load(url, 1); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(targets)) totals[name]! += await load(url, ROUND_SECONDS);
  }
  const bare = totals['bare Hono route']!;
  console.log(
    `(a) in-memory state, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s each`,
  );
  for (const [name, total] of Object.entries(totals)) {
    const perSecond = total / (ROUNDS * ROUND_SECONDS);
    const goal = name.startsWith('pending') ? ' (goal ≥ 0.5×)' : '';
    const ratio = name.startsWith('bare') ? '' : `  ${(total / bare).toFixed(2)}× bare${goal}`;
    console.log(`    GET ${name}  ${Math.round(perSecond).toLocaleString('en').padStart(7)} req/s${ratio}`);
  }
  await stopChildren();
}

/** Requests answered 2xx in `seconds` of load on `url`. */
async function load(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result['2xx'];
}

// ── (b) and (c) ──────────────────────────────────────────────────────────────────────────────────────────────

async function benchTwoInstances(): Promise<void> {
  redis = await startRedisServer();
  // Records webhooks 1 s after the link for (b); for (c), 15 s, so that all 2,000 polls are held when they come.
  // (b): a steady 10 retrievals a second, the records webhook 1 s after each link; (c): 2,000 sessions opened
  // within 10 s, their records webhooks 20 s after their links, so that all 2,000 polls are held together.
  const all = [
    { name: '(b)', sessions: 100, everyMs: 100, timeScale: 0.25 },
    { name: '(c)', sessions: 2000, everyMs: 5, timeScale: 5 },
  ];
  for (const part of all.filter(({ name }) => parts.includes(name[1]!))) {
    const sandbox = await startSandbox(part.timeScale);
    const shared = { BELVO_API_URL: sandbox, REDIS_URL: redis.url, IMSS_STATE_SECRET: SECRET };
    const [a, b] = await Promise.all([startBenchServer(shared), startBenchServer(shared)]);
    const instances = [a!, b!];
    // Session i is polled on instance i % 2 and its webhooks go to the other one.
    relayTo = (externalId) => instances[(Number(externalId.split('-')[1]) + 1) % 2]!;
    const peakRss = children.map(() => 0);
    const sampling = setInterval(() => {
      children.forEach((child, index) => (peakRss[index] = Math.max(peakRss[index]!, rssOf(child))));
    }, 200);

    const retrievals: Promise<number | string>[] = [];
    for (let i = 0; i < part.sessions; i++) {
      // A session that does not end ready is counted, with why, rather than ending the bench.
      retrievals.push(pollAcross(instances[i % 2]!, i).catch((error: Error) => error.message));
      await new Promise((resolve) => setTimeout(resolve, part.everyMs));
    }
    const outcomes = await Promise.all(retrievals);
    const latencies = outcomes.filter((outcome) => typeof outcome === 'number');
    const failures = outcomes.filter((outcome) => typeof outcome === 'string');
    clearInterval(sampling);
    const rss = peakRss.map((bytes) => `${Math.round(bytes / 2 ** 20)} MiB`);
    console.log(
      `${part.name} Redis, two instances, ${part.sessions.toLocaleString('en')} sessions (one every ${part.everyMs} ms), ` +
        'poll held on one, records webhook to the other:',
    );
    console.log(
      `    webhook → poll answered  p50 ${percentile(latencies, 50)} ms  p95 ${percentile(latencies, 95)} ms  ` +
        `max ${percentile(latencies, 100)} ms${part.name === '(b)' ? '  (goal p95 ≤ 250 ms)' : ''}`,
    );
    console.log(`    peak RSS  sandbox ${rss[0]}  instance A ${rss[1]}  instance B ${rss[2]}`);
    if (failures.length > 0)
      console.log(`    ${failures.length} sessions did not end ready, e.g. ${failures[0]}`);
    if (retried > 0) console.log(`    ${retried} requests retried after a connection reset`);
    retried = 0;
    await stopChildren();
  }
}

async function fetchOnce(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    retried++;
    return fetch(url, init);
  }
}

/** Session `i`, opened and long-polled on `instance` until ready: ms from its records webhook to the answer. */
async function pollAcross(instance: string, i: number): Promise<number> {
  const externalId = `bench-${i}`;
  const session = await openSession(instance, curpNumber(i), externalId);
  for (;;) {
    const answer = await fetchOnce(`${instance}/api/imss/links/${session}?wait=25`);
    const body = (await answer.json()) as { status: string };
    if (body.status === 'ready') return performance.now() - recordsAt.get(externalId)!;
    if (body.status !== 'pending') throw new Error(`ended ${JSON.stringify(body)}`);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

// ── Processes and helpers ────────────────────────────────────────────────────────────────────────────────────

/** `npm run sandbox` (run by node itself, so its PID is the server's), webhooks to the relay. */
async function startSandbox(timeScale: number): Promise<string> {
  const port = await freePort();
  await startChild(['src/server/sandbox-server.ts'], /Belvo sandbox/, {
    PORT: String(port),
    HOST: '127.0.0.1',
    BELVO_SECRET_ID: KEYS.BELVO_SECRET_ID,
    BELVO_SECRET_PASSWORD: KEYS.BELVO_SECRET_PASSWORD,
    SANDBOX_WEBHOOK_URL: relay,
    SANDBOX_WEBHOOK_AUTH: KEYS.BELVO_WEBHOOK_AUTH,
    SANDBOX_TIME_SCALE: String(timeScale),
  });
  return `http://127.0.0.1:${port}`;
}

async function startBenchServer(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  await startChild(['scripts/bench-server.ts'], /bench server on/, { ...KEYS, ...env, PORT: String(port) });
  return `http://127.0.0.1:${port}`;
}

function startChild(args: string[], ready: RegExp, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  children.push({ process: child, exited });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${args[0]} exited: ${output}`)));
  });
}

async function stopChildren(): Promise<void> {
  for (const child of children) child.process.kill('SIGTERM');
  await Promise.all(children.map((child) => child.exited));
  children.length = 0;
}

async function shutdown(code: number): Promise<never> {
  clearTimeout(giveUp);
  for (const child of children) child.process.kill('SIGKILL');
  await redis?.stop();
  process.exit(code);
}

function rssOf(child: Child): number {
  try {
    const status = readFileSync(`/proc/${child.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Between the sandbox and the instances: forwards each webhook where `relayTo` says, timing the records ones. */
async function startRelay(): Promise<string> {
  const port = await freePort();
  serve({
    port,
    hostname: '127.0.0.1',
    fetch: async (request) => {
      const body = await request.text();
      const webhook = JSON.parse(body) as { webhook_type: string; external_id: string };
      if (webhook.webhook_type === 'EMPLOYMENT_RECORDS')
        recordsAt.set(webhook.external_id, performance.now());
      const answer = await fetch(`${relayTo(webhook.external_id)}/api/imss/webhooks/belvo`, {
        method: 'POST',
        headers: request.headers,
        body,
      });
      return new Response(null, { status: answer.status });
    },
  });
  return `http://127.0.0.1:${port}`;
}

async function openSession(server: string, curp: string, externalId: string): Promise<string> {
  const answer = await fetchOnce(`${server}/api/imss/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ curp, externalId }),
  });
  if (answer.status !== 202) throw new Error(`POST /links answered ${answer.status}`);
  return ((await answer.json()) as { session: string }).session;
}

async function untilReady(server: string, session: string): Promise<void> {
  for (;;) {
    const answer = await fetch(`${server}/api/imss/links/${session}?wait=5`);
    const { status } = (await answer.json()) as { status: string };
    if (status === 'ready') return;
    if (status !== 'pending') throw new Error(`the ready session ended ${status}`);
  }
}

/** The `n`-th of thousands of distinct valid CURPs (birth dates from 1950 on), each a success in the sandbox. */
function curpNumber(n: number): string {
  const day = (n % 28) + 1;
  const month = (Math.floor(n / 28) % 12) + 1;
  const year = 50 + (Math.floor(n / (28 * 12)) % 50);
  const pad = (value: number) => String(value).padStart(2, '0');
  const first17 = `GOPE${pad(year)}${pad(month)}${pad(day)}HDFRRN0`;
  return first17 + curpCheckDigit(first17);
}
