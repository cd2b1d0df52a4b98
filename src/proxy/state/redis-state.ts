import { createClient, type RedisClientType } from 'redis';
import type { ProxyLogger } from '../proxy-log.js';
import { StateUnavailableError, type ProxyState } from './proxy-state.js';
import { createLocalTopics } from './local-topics.js';

/**
 * The ProxyState on Redis, for several proxy instances (processes, machines) that must behave as one. Each
 * primitive is one Redis operation or one Lua script (atomic on the server): hashes with a revision for
 * compare-and-set, `SET NX PX` for de-duplication, scripted `SET PX` for leases, sorted sets for the sliding windows
 * and the time indexes, lists for parked items, TTLs on every key, and pub/sub on a connection of its own for the
 * wake-ups. Keys are `{keyPrefix}{key}`; the proxy never puts a CURP in a key (it uses keyed hashes) nor in a value
 * (it encrypts what is personal).
 *
 * Lost connection: commands fail at once (no offline queue) or after COMMAND_TIMEOUT_MS, as StateUnavailableError
 * (the proxy answers 503); both connections reconnect by themselves, and on reconnecting every subscriber is woken,
 * since messages published meanwhile were lost.
 */
/** A node-redis client, as `createClient()` (RESP 3, no modules) makes one. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- node-redis's own defaults for a plain client
export type RedisClient = RedisClientType<{}, {}, {}, 3, {}>;

export type RedisConnection =
  /** A Redis URL, e.g. `redis://:password@host:6379/0`; the state opens (and `close()` closes) its connections. */
  | { url: string }
  /** A node-redis client of the partner's, connected or not; the state adds a duplicate of it for pub/sub. */
  | { client: RedisClient };

export interface RedisStateOptions {
  /** Put before every key and the pub/sub channel, so that several apps (or tests) share one Redis. Default `imss:`. */
  keyPrefix?: string;
  /** Told when the connection is lost and restored (`state_connection`), PII-free. Default: nothing. */
  logger?: ProxyLogger;
}

export interface RedisState extends ProxyState {
  /** Resolves once both connections are up (the state also works before: commands fail with 503 until then). */
  ready(): Promise<void>;
  /** Closes the connections the state opened (or the duplicate it made of a given client). */
  close(): Promise<void>;
}

/** Longest wait for one command before the proxy answers 503. */
const COMMAND_TIMEOUT_MS = 5000;
/**
 * The timers of the command timeout, taken when the module loads: they measure the connection in real time, even
 * where the proxy's own clock and timers are someone else's (tests with fake timers).
 */
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
/** Reconnection: 100 ms, 200 ms, … then every 2 s, for ever. */
const reconnectStrategy = (retries: number) => Math.min((retries + 1) * 100, 2000);

const SCRIPTS = {
  compareAndSet: `
    local current = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
    if current ~= tonumber(ARGV[1]) then return -1 end
    if ARGV[2] == '0' then redis.call('DEL', KEYS[1]) return 0 end
    redis.call('HSET', KEYS[1], 'v', ARGV[3], 'r', current + 1)
    if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
    return current + 1`,
  holdLease: `
    local holder = redis.call('GET', KEYS[1])
    if holder and holder ~= ARGV[1] then return 0 end
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1`,
  releaseLease: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
    return 1`,
  takeFromWindow: `
    local now, windowMs, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
    local closedUntil = tonumber(redis.call('GET', KEYS[2]) or '-1')
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
    if now < closedUntil or redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
    redis.call('ZADD', KEYS[1], now, ARGV[4])
    redis.call('PEXPIRE', KEYS[1], windowMs)
    return 1`,
  placesLeft: `
    local now, limit = tonumber(ARGV[1]), tonumber(ARGV[3])
    if now < tonumber(redis.call('GET', KEYS[2]) or '-1') then return 0 end
    local taken = redis.call('ZCOUNT', KEYS[1], ARGV[2], '+inf')
    return math.max(0, limit - taken)`,
  closeWindow: `
    local closeUntil = tonumber(ARGV[1])
    if closeUntil > tonumber(redis.call('GET', KEYS[1]) or '-1') then
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    end
    return 1`,
  append: `
    local maxItems, maxBytes = tonumber(ARGV[2]), tonumber(ARGV[3])
    if string.len(ARGV[1]) > maxBytes then return 0 end
    redis.call('RPUSH', KEYS[1], ARGV[1])
    local bytes = 0
    for _, item in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do bytes = bytes + string.len(item) end
    while redis.call('LLEN', KEYS[1]) > maxItems or bytes > maxBytes do
      bytes = bytes - string.len(redis.call('LPOP', KEYS[1]))
    end
    redis.call('PEXPIRE', KEYS[1], ARGV[4])
    return 1`,
  takeAll: `
    local items = redis.call('LRANGE', KEYS[1], 0, -1)
    redis.call('DEL', KEYS[1])
    return items`,
} as const;
type ScriptName = keyof typeof SCRIPTS;

/**
 * A ProxyState on Redis. `createRedisState({ url: process.env.REDIS_URL }, { keyPrefix: 'imss:' })`, then
 * `createImssProxy({ state, secret, … })` on every instance with the same Redis, prefix and secret.
 */
export function createRedisState(connection: RedisConnection, options: RedisStateOptions = {}): RedisState {
  const prefix = options.keyPrefix ?? 'imss:';
  const channel = `${prefix}changes`;
  const log = options.logger ?? (() => {});
  const owned = 'url' in connection;
  const client: RedisClient =
    'url' in connection
      ? createClient({ url: connection.url, disableOfflineQueue: true, socket: { reconnectStrategy } })
      : connection.client;
  const subscriber = client.duplicate({ disableOfflineQueue: false, socket: { reconnectStrategy } });

  let health: 'connecting' | 'up' | 'down' = 'connecting';
  const lost = () => {
    if (health !== 'up') return;
    health = 'down';
    log({ event: 'state_connection', outcome: 'lost' });
  };
  client.on('error', lost);
  client.on('reconnecting', lost);
  client.on('ready', () => {
    if (health === 'down') log({ event: 'state_connection', outcome: 'restored' });
    health = 'up';
  });
  subscriber.on('error', () => {}); // the main connection reports the outage

  const topics = createLocalTopics();
  // Messages published while the subscriber was away are lost: whoever waits must read the state again.
  let subscriberWasUp = false;
  subscriber.on('ready', () => {
    if (subscriberWasUp) topics.wakeAll();
    subscriberWasUp = true;
  });

  const connecting = Promise.all([
    client.isOpen ? Promise.resolve() : client.connect(),
    subscriber.connect().then(() => subscriber.subscribe(channel, (topic) => topics.publish(topic))),
  ]).then(() => {
    if (client.isReady) health = 'up';
  });
  connecting.catch(() => {}); // reported through `ready()` and each command's 503

  /** Runs one command, as StateUnavailableError when Redis cannot be reached or takes too long. */
  async function command<T>(run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = realSetTimeout(
        () => reject(new StateUnavailableError('Redis did not answer in time.')),
        COMMAND_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (error) {
      if (error instanceof StateUnavailableError) throw error;
      if (error instanceof Error && /NOSCRIPT/.test(error.message)) throw error;
      // Errors of the scripts themselves would be bugs, not outages: they are reported as such.
      if (error instanceof Error && /ERR /.test(error.message)) throw error;
      throw new StateUnavailableError(
        `Redis is unavailable (${error instanceof Error ? error.name : 'error'}).`,
      );
    } finally {
      realClearTimeout(timer);
    }
  }

  const shas = new Map<ScriptName, string>();
  async function script(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    return command(async () => {
      const options = { keys: keys.map((key) => prefix + key), arguments: args.map(String) };
      const sha = shas.get(name);
      if (sha) {
        try {
          return await client.evalSha(sha, options);
        } catch (error) {
          if (!(error instanceof Error && /NOSCRIPT/.test(error.message))) throw error;
        }
      }
      shas.set(name, await client.scriptLoad(SCRIPTS[name]));
      return client.evalSha(shas.get(name)!, options);
    });
  }

  return {
    async get(key) {
      const [value, revision] = await command(() => client.hmGet(prefix + key, ['v', 'r']));
      return value === null || value === undefined || revision === null || revision === undefined
        ? undefined
        : { value: String(value), revision: Number(revision) };
    },
    async compareAndSet(key, expectedRevision, value, ttlMs) {
      const result = Number(
        await script(
          'compareAndSet',
          [key],
          [expectedRevision, value === null ? 0 : 1, value ?? '', Math.max(0, Math.ceil(ttlMs ?? 0))],
        ),
      );
      return result < 0 ? undefined : result;
    },
    async setIfAbsent(key, ttlMs) {
      const result = await command(() =>
        client.set(prefix + key, '1', { condition: 'NX', expiration: { type: 'PX', value: ttl(ttlMs) } }),
      );
      return result === 'OK';
    },
    async holdLease(key, owner, ttlMs) {
      return Number(await script('holdLease', [key], [owner, ttl(ttlMs)])) === 1;
    },
    async releaseLease(key, owner) {
      await script('releaseLease', [key], [owner]);
    },
    async takeFromWindow(key, ticket, { limit, windowMs, now }) {
      return (
        Number(await script('takeFromWindow', [key, `${key}:closed`], [now, windowMs, limit, ticket])) === 1
      );
    },
    async placesLeft(key, { limit, windowMs, now }) {
      // Places taken after now - windowMs (exclusive, as takeFromWindow drops those at or before it).
      const after = `(${now - windowMs}`;
      return Number(await script('placesLeft', [key, `${key}:closed`], [now, after, limit]));
    },
    async giveBack(key, ticket) {
      await command(() => client.zRem(prefix + key, ticket));
    },
    async closeWindow(key, until, ttlMs) {
      await script('closeWindow', [`${key}:closed`], [until, ttl(ttlMs)]);
    },
    async append(key, item, { maxItems, maxBytes, ttlMs }) {
      return Number(await script('append', [key], [item, maxItems, maxBytes, ttl(ttlMs)])) === 1;
    },
    async takeAll(key) {
      return ((await script('takeAll', [key], [])) as unknown[]).map(String);
    },
    async schedule(index, member, at) {
      await command(() => client.zAdd(prefix + index, { score: at, value: member }));
    },
    async unschedule(index, member) {
      await command(() => client.zRem(prefix + index, member));
    },
    async due(index, upTo, limit) {
      const members = await command(() =>
        client.zRangeByScore(prefix + index, '-inf', upTo, { LIMIT: { offset: 0, count: limit } }),
      );
      return members.map(String);
    },
    async publish(topic) {
      await command(() => client.publish(channel, topic));
    },
    subscribe: topics.subscribe,
    async ready() {
      await connecting;
    },
    async close() {
      await connecting.catch(() => {});
      const closing = [subscriber.close()];
      if (owned) closing.push(client.close());
      await Promise.allSettled(closing);
    },
  };
}

/** Redis refuses a PX of 0 or less. */
const ttl = (ms: number) => Math.max(1, Math.ceil(ms));
