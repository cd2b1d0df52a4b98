export { createImssProxy, type ImssProxyOptions, type BelvoConnectionOptions } from './create-proxy.js';
export type { ProxyLogEntry, ProxyLogger } from './proxy-log.js';
export type { Authorize, AuthorizeResult } from './applicants.js';
export type { RequestLimits } from './request-limits.js';
export type { BrowserDelivery, OnSummary, SummaryDelivery } from './retrieval-flow.js';
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
export { createMemoryState, type MemoryStateOptions } from './state/memory-state.js';
export {
  StateUnavailableError,
  type ProxyState,
  type StateRecord,
  type WindowLimit,
  type ListBounds,
} from './state/proxy-state.js';
export {
  BELVO_WEBHOOK_ADDRESSES,
  webhookSourceGuard,
  type ClientAddress,
  type WebhookSourceGuardOptions,
} from './webhook-source-guard.js';
export {
  toNodeHandler,
  type FetchHandler,
  type NodeHandler,
  type NodeHandlerOptions,
} from './node-handler.js';
