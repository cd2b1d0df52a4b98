import type { BelvoWebhook } from '../contract/belvo.js';
import { stateKeys } from './session-store.js';
import type { ProxyState } from './state/proxy-state.js';

/**
 * Belvo delivers webhooks at least once, in any order: twice, late, to any instance, or before the link-creation
 * call has even returned the link id. The inbox remembers (in the shared state) which deliveries were already
 * handled, and holds webhooks for link ids not known yet until the link-creation answer arrives.
 *
 * Both are bounded: entries go after `retentionMs` (webhooks for links that never turn up: another system's, or a
 * session already forgotten); at most MAX_PER_LINK webhooks and MAX_BYTES_PER_LINK per link id are parked, the
 * oldest dropped first (and the memory state bounds all parked webhooks together, in bytes).
 */
/** A link has two or three webhooks: more are repeats or noise. */
const MAX_PER_LINK = 10;
/** A webhook body is at most 64 kB (routes/webhook-routes.ts); a real one is well under 1 kB. */
const MAX_BYTES_PER_LINK = 128 * 1024;

export class WebhookInbox {
  readonly #state: ProxyState;
  readonly #retentionMs: number;

  constructor(state: ProxyState, options: { retentionMs: number }) {
    this.#state = state;
    this.#retentionMs = options.retentionMs;
  }

  /** True the first time a webhook id is offered, on any instance; false for a repeat. Without an id: true. */
  firstDelivery(webhookId: string | null): Promise<boolean> {
    if (webhookId === null) return Promise.resolve(true);
    return this.#state.setIfAbsent(stateKeys.webhook(webhookId), this.#retentionMs);
  }

  /** Keeps a webhook whose link is not known yet. */
  async park(webhook: BelvoWebhook): Promise<void> {
    await this.#state.append(stateKeys.parked(webhook.link_id), JSON.stringify(webhook), {
      maxItems: MAX_PER_LINK,
      maxBytes: MAX_BYTES_PER_LINK,
      ttlMs: this.#retentionMs,
    });
  }

  /** The webhooks that arrived for this link before it was known, in arrival order; each is taken once. */
  async takeParked(linkId: string): Promise<BelvoWebhook[]> {
    const items = await this.#state.takeAll(stateKeys.parked(linkId));
    return items.map((item) => JSON.parse(item) as BelvoWebhook);
  }
}
