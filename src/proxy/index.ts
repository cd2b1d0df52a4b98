export { createImssProxy, type ImssProxyOptions, type BelvoConnectionOptions } from './create-proxy.js';
export type { ProxyLogEntry, ProxyLogger } from './proxy-log.js';
export {
  createBelvoClient,
  type BelvoClient,
  type BelvoClientOptions,
  type BelvoFailure,
  type BelvoResult,
  type BelvoCallReport,
  type BelvoOperation,
} from './belvo-client.js';
export { mapBelvoFailure, mapLinkErrorWebhook } from './error-mapping.js';
export type { Session, SessionStore } from './session-store.js';
