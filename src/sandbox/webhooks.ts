import type * as z from 'zod/mini';
import type { BelvoWebhookSchema } from '../contract/belvo.js';
import { abortableDelay } from '../internal/abortable-delay.js';

/**
 * Delivers a link's webhooks as Belvo does: after a delay, POSTed as JSON with the partner's Authorization
 * value, retried when the partner does not answer 2xx. Every timer and request can be cancelled, per link
 * (`DELETE /api/links/{id}/`) or all at once (`dispose()`), and nothing ever throws out of a timer.
 */

/** A webhook as the contract's BelvoWebhookSchema reads it, plus Belvo's `process_type`, which the proxy ignores. */
export type WebhookPayload = z.input<typeof BelvoWebhookSchema> & { process_type: string };

/** One webhook of a link's sequence. */
export interface WebhookStep {
  /** When to send it, in ms after the sequence was scheduled (not after the previous step). */
  atMs: number;
  /** Runs just before sending: makes the announced data visible through the API, as Belvo has stored it by then. */
  beforeSend?: () => void;
  payload: WebhookPayload;
  /** Lost on the way: `beforeSend` runs, nothing is delivered. */
  lost?: boolean;
}

export interface WebhookCourierOptions {
  url: string;
  authorization: string;
  fetch: typeof fetch;
  /** Pause before the first retry; each next one is twice as long. */
  retryDelayMs: number;
  /** Tries per webhook, the first included. */
  maxAttempts: number;
  /** Belvo expects an answer within about 5 s; a delivery that takes longer counts as failed. */
  attemptTimeoutMs: number;
  /** Send every webhook twice (same webhook_id), as Belvo may. */
  duplicate: boolean;
}

export interface WebhookCourier {
  /**
   * Sends the steps in order, each at its time (or as soon as the previous one is done, if that is later). A link
   * may have several sequences at once (its first retrieval, and asynchronous ones asked for later).
   */
  schedule(linkId: string, steps: readonly WebhookStep[]): void;
  /** Forgets a link: none of its pending webhooks is ever sent. */
  cancel(linkId: string): void;
  /** Cancels everything pending, in flight included. */
  dispose(): void;
}

export function createWebhookCourier(options: WebhookCourierOptions): WebhookCourier {
  const running = new Map<string, Set<AbortController>>();
  let disposed = false;

  async function run(steps: readonly WebhookStep[], signal: AbortSignal): Promise<void> {
    const scheduledAt = Date.now();
    for (const step of steps) {
      if (!(await abortableDelay(step.atMs - (Date.now() - scheduledAt), signal))) return;
      step.beforeSend?.();
      if (step.lost) continue;
      for (let copy = options.duplicate ? 2 : 1; copy > 0; copy--) {
        await deliver(step.payload, signal);
        if (signal.aborted) return;
      }
    }
  }

  /** Tries until a 2xx, the last attempt, or cancellation. */
  async function deliver(payload: WebhookPayload, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(payload);
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      if (await postOnce(body, signal)) return;
      if (attempt === options.maxAttempts) return;
      if (!(await abortableDelay(options.retryDelayMs * 2 ** (attempt - 1), signal))) return;
    }
  }

  async function postOnce(body: string, signal: AbortSignal): Promise<boolean> {
    const attempt = new AbortController();
    const abortAttempt = () => attempt.abort();
    signal.addEventListener('abort', abortAttempt, { once: true });
    const timer = setTimeout(abortAttempt, options.attemptTimeoutMs);
    try {
      const response = await options.fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: options.authorization },
        body,
        signal: attempt.signal,
      });
      // Read the answer to its end so the connection is released; its content does not matter.
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', abortAttempt);
    }
  }

  return {
    schedule(linkId, steps) {
      if (disposed || steps.length === 0) return;
      const controller = new AbortController();
      const sequences = running.get(linkId) ?? new Set();
      running.set(linkId, sequences.add(controller));
      run(steps, controller.signal)
        .catch(() => {
          // Unreachable in practice (every await above is guarded); a sandbox must never crash its host.
        })
        .finally(() => {
          sequences.delete(controller);
          if (sequences.size === 0 && running.get(linkId) === sequences) running.delete(linkId);
        });
    },
    cancel(linkId) {
      for (const controller of running.get(linkId) ?? []) controller.abort();
      running.delete(linkId);
    },
    dispose() {
      disposed = true;
      for (const sequences of running.values()) for (const controller of sequences) controller.abort();
      running.clear();
    },
  };
}
