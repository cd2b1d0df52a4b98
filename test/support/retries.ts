import type { ConnectSettings } from '../../src/element/proxy-client.js';

/**
 * Settings for the element's `settings` property that shorten its waits between retries (1–8 s) to `retryBaseMs`,
 * doubling up to `retryMaxMs`, for tests and stories that go through every retry.
 */
export const quickRetries = (retryBaseMs: number, retryMaxMs = retryBaseMs): Partial<ConnectSettings> => ({
  retryBaseMs,
  retryMaxMs,
});
