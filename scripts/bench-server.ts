// One server process of `npm run bench` (started by scripts/bench.ts, not by hand): the proxy at /api/imss and a
// bare Hono route at /bare on the same Hono app and the same Node server, so that both are measured alike.
//
//   PORT                                           where it listens, on 127.0.0.1
//   BELVO_API_URL, BELVO_SECRET_ID, BELVO_SECRET_PASSWORD, BELVO_WEBHOOK_AUTH   the sandbox process, as Belvo
//   REDIS_URL, IMSS_STATE_SECRET                   a shared Redis state (unset: in memory)
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createImssProxy } from '../src/proxy/index.js';
import { createRedisState } from '../src/proxy/redis.js';

const env = process.env;
const redisUrl = env['REDIS_URL'];
const redis = redisUrl ? createRedisState({ url: redisUrl }) : undefined;
if (redis) await redis.ready();

const app = new Hono();
// What a poll of a pending session answers, from a route that does nothing else.
app.get('/bare', (c) => c.json({ status: 'pending', step: 'retrieving' }));
app.route(
  '/api/imss',
  createImssProxy({
    belvo: {
      baseUrl: env['BELVO_API_URL']!,
      secretId: env['BELVO_SECRET_ID']!,
      secretPassword: env['BELVO_SECRET_PASSWORD']!,
    },
    webhookAuthorization: env['BELVO_WEBHOOK_AUTH']!,
    // Thousands of sessions for a handful of made-up CURPs would otherwise meet the daily attempt guard.
    attemptsPerCurp: 1_000_000,
    // One client opening thousands of sessions is what the request limits are there to refuse.
    limits: false,
    authorize: 'open',
    ...(redis ? { state: redis, secret: env['IMSS_STATE_SECRET']! } : {}),
  }),
);

const server = serve({ fetch: app.fetch, port: Number(env['PORT']), hostname: '127.0.0.1' }, (info) =>
  console.log(`bench server on ${info.port}`),
);

process.on('SIGTERM', () => {
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
  void (redis?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
