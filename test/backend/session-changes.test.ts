// The long poll's wait (SessionChanges.listen → wait → stop): however it ends (a change, the time is up, the client
// went away), it must leave no subscription on the session, no timer and no abort listener behind, or every
// abandoned poll would leak.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { createMemoryState, type ProxyState } from '../../src/proxy/index.js';
import { SessionChanges } from '../../src/proxy/session-changes.js';

/** Timers alive in this process (this file runs alone in its own process, one test at a time). */
const liveTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** A memory state that counts its live subscriptions. */
function countingState(): ProxyState & { subscriptions: () => number } {
  const state = createMemoryState();
  let live = 0;
  return {
    ...state,
    subscribe(topic, listener) {
      live++;
      const unsubscribe = state.subscribe(topic, listener);
      return () => {
        live--;
        unsubscribe();
      };
    },
    subscriptions: () => live,
  };
}

/** One wait, the way a long poll uses it: listen, wait, stop. */
async function waitOnce(changes: SessionChanges, handle: string, ms: number, signal?: AbortSignal) {
  const listener = changes.listen(handle);
  try {
    return await listener.wait(ms, signal);
  } finally {
    listener.stop();
  }
}

describe('SessionChanges', () => {
  test('the client goes away: "aborted", and the subscription, the timer and the abort listener are released', async () => {
    const state = countingState();
    const changes = new SessionChanges(state);
    const controller = new AbortController();
    const timersBefore = liveTimers();
    const waiting = waitOnce(changes, 'session-a', 60_000, controller.signal);
    assert.equal(state.subscriptions(), 1);
    assert.equal(liveTimers(), timersBefore + 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);

    controller.abort();
    assert.equal(await waiting, 'aborted');
    assert.equal(state.subscriptions(), 0, 'no subscription left on the session');
    assert.equal(liveTimers(), timersBefore, 'no timer left running');
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no listener left on the signal');
  });

  test('a change: "changed", and the timer and the abort listener are released', async () => {
    const state = countingState();
    const changes = new SessionChanges(state);
    const controller = new AbortController();
    const timersBefore = liveTimers();
    const waiting = waitOnce(changes, 'session-b', 60_000, controller.signal);
    await changes.notify('session-b');
    assert.equal(await waiting, 'changed');
    assert.equal(state.subscriptions(), 0);
    assert.equal(liveTimers(), timersBefore);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('a change between listen and wait is not missed', async () => {
    const changes = new SessionChanges(createMemoryState());
    const listener = changes.listen('session-f');
    await changes.notify('session-f');
    const timersBefore = liveTimers();
    assert.equal(await listener.wait(60_000), 'changed');
    assert.equal(liveTimers(), timersBefore, 'answered at once, without a timer');
    listener.stop();
  });

  test('the time is up: "elapsed", and the abort listener is released', async () => {
    const state = countingState();
    const changes = new SessionChanges(state);
    const controller = new AbortController();
    assert.equal(await waitOnce(changes, 'session-c', 10, controller.signal), 'elapsed');
    assert.equal(state.subscriptions(), 0);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('an already aborted signal: resolves at once, with no timer', async () => {
    const state = countingState();
    const changes = new SessionChanges(state);
    const timersBefore = liveTimers();
    assert.equal(await waitOnce(changes, 'session-d', 60_000, AbortSignal.abort()), 'aborted');
    assert.equal(state.subscriptions(), 0);
    assert.equal(liveTimers(), timersBefore);
  });

  test('other waits on the same session are left alone', async () => {
    const state = countingState();
    const changes = new SessionChanges(state);
    const leaving = new AbortController();
    const staying = waitOnce(changes, 'session-e', 60_000);
    const gone = waitOnce(changes, 'session-e', 60_000, leaving.signal);
    assert.equal(state.subscriptions(), 2);
    leaving.abort();
    assert.equal(await gone, 'aborted');
    assert.equal(state.subscriptions(), 1);
    await changes.notify('session-e');
    assert.equal(await staying, 'changed');
    assert.equal(state.subscriptions(), 0);
  });
});
