// waitForChange, the long poll's wait: however it ends (a change, the time is up, the client went away), it must
// leave no listener on the session, no timer and no abort listener behind, or every abandoned poll would leak.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { SessionChanges, waitForChange } from '../../src/proxy/session-changes.js';

/** Timers alive in this process (this file runs alone in its own process, one test at a time). */
const liveTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('waitForChange', () => {
  test('the client goes away: resolves "aborted" and releases the listener, the timer and the abort listener', async () => {
    const changes = new SessionChanges();
    const controller = new AbortController();
    const timersBefore = liveTimers();

    const waiting = waitForChange(changes, 'session-a', 60_000, controller.signal);
    assert.equal(changes.listenerCount('session-a'), 1);
    assert.equal(liveTimers(), timersBefore + 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);

    controller.abort();
    assert.equal(await waiting, 'aborted');
    assert.equal(changes.listenerCount('session-a'), 0, 'no listener left on the session');
    assert.equal(liveTimers(), timersBefore, 'no timer left running');
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no listener left on the signal');
  });

  test('a change: resolves "changed" and releases the timer and the abort listener', async () => {
    const changes = new SessionChanges();
    const controller = new AbortController();
    const timersBefore = liveTimers();
    const waiting = waitForChange(changes, 'session-b', 60_000, controller.signal);
    changes.notify('session-b');
    assert.equal(await waiting, 'changed');
    assert.equal(changes.listenerCount('session-b'), 0);
    assert.equal(liveTimers(), timersBefore);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('the time is up: resolves "elapsed" and releases the listener and the abort listener', async () => {
    const changes = new SessionChanges();
    const controller = new AbortController();
    const waiting = waitForChange(changes, 'session-c', 10, controller.signal);
    assert.equal(await waiting, 'elapsed');
    assert.equal(changes.listenerCount('session-c'), 0);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('an already aborted signal: resolves at once and subscribes nothing', async () => {
    const changes = new SessionChanges();
    const timersBefore = liveTimers();
    assert.equal(await waitForChange(changes, 'session-d', 60_000, AbortSignal.abort()), 'aborted');
    assert.equal(changes.listenerCount('session-d'), 0);
    assert.equal(liveTimers(), timersBefore);
  });

  test('other waits on the same session are left alone', async () => {
    const changes = new SessionChanges();
    const leaving = new AbortController();
    const staying = waitForChange(changes, 'session-e', 60_000);
    const gone = waitForChange(changes, 'session-e', 60_000, leaving.signal);
    assert.equal(changes.listenerCount('session-e'), 2);
    leaving.abort();
    assert.equal(await gone, 'aborted');
    assert.equal(changes.listenerCount('session-e'), 1);
    changes.notify('session-e');
    assert.equal(await staying, 'changed');
    assert.equal(changes.listenerCount('session-e'), 0);
  });
});
