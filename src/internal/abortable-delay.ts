/**
 * Waits `ms`, or less if `signal` aborts first. Resolves true when the time has passed, false when cancelled,
 * and never rejects, so a cancelled wait needs no try/catch. The timer is cleared on abort: nothing pending is
 * left behind to keep a process (or a test) alive. Without a signal it is a plain delay.
 *
 * Shared by the proxy (the Belvo client's pauses between retries) and the sandbox (its webhook schedule).
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
