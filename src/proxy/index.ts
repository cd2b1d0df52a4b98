export { createImssProxy, type ImssProxyOptions, type BelvoConnectionOptions } from './create-proxy.js';
export type { ProxyLogEntry, ProxyLogger } from './proxy-log.js';
export {
  createBelvoClient,
  type BelvoClient,
  type BelvoClientOptions,
  type BelvoCallOptions,
  type BelvoFailure,
  type BelvoResult,
  type BelvoCallReport,
  type BelvoOperation,
} from './belvo-client.js';
export { mapBelvoFailure, mapLinkErrorWebhook } from './error-mapping.js';
export { createMemorySessionStore, type Session, type SessionStore } from './session-store.js';
export {
  toNodeHandler,
  type FetchHandler,
  type NodeHandler,
  type NodeHandlerOptions,
} from './node-handler.js';
