// `imss-connect/proxy/redis`: the proxy's shared state on Redis. A subpath of its own, so that only those who use
// it load (and install) the `redis` client.
export {
  createRedisState,
  type RedisState,
  type RedisStateOptions,
  type RedisConnection,
  type RedisClient,
} from './state/redis-state.js';
