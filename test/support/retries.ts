import { backoff } from '../../src/element/flow-controller.js';

/**
 * Shortens the element's waits between retries (1–8 s) to `baseMs`, doubling up to `maxMs`, through the flow
 * controller's mutable `backoff`, for tests and stories that go through every retry. Returns the restore.
 */
export function shortenRetries(baseMs: number, maxMs = baseMs): () => void {
  const saved = { ...backoff };
  Object.assign(backoff, { baseMs, maxMs });
  return () => Object.assign(backoff, saved);
}
