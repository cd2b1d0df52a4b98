import type { BelvoWebhook } from '../contract/belvo.js';

/**
 * Belvo delivers webhooks at least once, in any order: twice, late, or before the link-creation call has even
 * returned the link id. The inbox remembers which deliveries were already handled, and holds webhooks for link
 * ids the proxy does not know yet until the link-creation answer arrives.
 *
 * Both memories are bounded in time and size: entries go after `retentionMs` (webhooks for links that never turn
 * up: another system's, or a session already forgotten); at most `maxEntries` webhook ids and `maxEntries` link
 * ids are kept, and at most MAX_PER_LINK webhooks per link id, the oldest dropped first.
 */
/** A link has two or three webhooks: more are repeats or noise. */
const MAX_PER_LINK = 10;

export class WebhookInbox {
  readonly #seen = new Map<string, number>();
  readonly #parked = new Map<string, Array<{ webhook: BelvoWebhook; at: number }>>();
  readonly #retentionMs: number;
  readonly #maxEntries: number;

  constructor(options: { retentionMs: number; maxEntries?: number }) {
    this.#retentionMs = options.retentionMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** True the first time a webhook id is offered; false for a repeated delivery. Webhooks without an id always pass. */
  firstDelivery(webhookId: string | null, now: number): boolean {
    if (webhookId === null) return true;
    if (this.#seen.has(webhookId)) return false;
    if (this.#seen.size >= this.#maxEntries) this.#dropOldest(this.#seen);
    this.#seen.set(webhookId, now);
    return true;
  }

  /** Keeps a webhook whose link is not known yet. */
  park(webhook: BelvoWebhook, now: number): void {
    if (this.#parked.size >= this.#maxEntries && !this.#parked.has(webhook.link_id))
      this.#dropOldest(this.#parked);
    const waiting = this.#parked.get(webhook.link_id) ?? [];
    if (waiting.length >= MAX_PER_LINK) waiting.shift();
    waiting.push({ webhook, at: now });
    this.#parked.set(webhook.link_id, waiting);
  }

  /** The webhooks that arrived for this link before it was known, in arrival order; forgets them. */
  takeParked(linkId: string): BelvoWebhook[] {
    const waiting = this.#parked.get(linkId) ?? [];
    this.#parked.delete(linkId);
    return waiting.map((entry) => entry.webhook);
  }

  prune(now: number): void {
    for (const [id, at] of this.#seen) if (now - at >= this.#retentionMs) this.#seen.delete(id);
    for (const [linkId, waiting] of this.#parked) {
      const kept = waiting.filter((entry) => now - entry.at < this.#retentionMs);
      if (kept.length === 0) this.#parked.delete(linkId);
      else this.#parked.set(linkId, kept);
    }
  }

  /** Maps iterate in insertion order: the first key is the oldest. */
  #dropOldest(map: Map<string, unknown>): void {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
