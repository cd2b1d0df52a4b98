// `imss-connect/proxy/durable-object`: the proxy's state on a Cloudflare Durable Object's storage, for the proxy
// held by one Durable Object. A subpath of its own, like `imss-connect/proxy/redis`: only Workers need it.
export {
  createDurableObjectState,
  type DurableObjectStateOptions,
  type DurableObjectStorageLike,
} from './state/durable-object-state.js';
