// Which ProxyState the proxy tests run on: memory (default) or, with PROXY_TEST_STATE=redis, a real Redis (one
// redis-server per test file, a key prefix of its own per proxy), so that every proxy test runs on both.
import { after } from 'node:test';
import { createMemoryState, type ProxyState } from '../../src/proxy/index.js';
import { createRedisState, type RedisState } from '../../src/proxy/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

export const onRedis = process.env['PROXY_TEST_STATE'] === 'redis';
export const TEST_SECRET = 'test-state-secret-0123456789abcdef0123456789';

let server: Promise<RedisServer> | undefined;
const opened: RedisState[] = [];

/** A Redis for this test file, started on first use and stopped after its last test. */
export function testRedis(): Promise<RedisServer> {
  return (server ??= startRedisServer());
}

/** A fresh, empty state of the kind under test. */
export async function freshState(
  kind: 'memory' | 'redis' = onRedis ? 'redis' : 'memory',
): Promise<ProxyState> {
  if (kind === 'memory') return createMemoryState();
  const state = createRedisState(
    { url: (await testRedis()).url },
    { keyPrefix: `test:${crypto.randomUUID()}:` },
  );
  opened.push(state);
  await state.ready();
  return state;
}

after(async () => {
  await Promise.all(opened.splice(0).map((state) => state.close()));
  if (server) await (await server).stop();
});
