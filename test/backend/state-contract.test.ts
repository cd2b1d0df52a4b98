// The ProxyState contract, run against every implementation: the memory state, the Redis state (on a real
// redis-server) and the Durable Object state (on real Durable Object storage, key-value and SQLite, in workerd run
// by Miniflare; skipped only if Miniflare cannot start). What the proxy builds on it is only as right as these
// primitives are atomic and alike.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { createMemoryState, StateUnavailableError, type ProxyState } from '../../src/proxy/index.js';
import { createRedisState } from '../../src/proxy/redis.js';
import { SessionChanges } from '../../src/proxy/session-changes.js';
import { startRedisServer } from '../support/redis-server.js';
import { delay, eventually } from './proxy-harness.js';
import { freshState, testRedis } from './test-state.js';
import { startDurableObjectStates, type DurableObjectStates } from './durable-object-states.js';

const durableObjects = await startDurableObjectStates().catch(
  (error: Error) => `Miniflare cannot start here: ${error.message}`,
);
after(async () => {
  if (typeof durableObjects !== 'string') await durableObjects.dispose();
});
const onDurableObject = (storage: 'key-value' | 'sqlite') => ({
  name: `Durable Object storage (${storage}, workerd)`,
  fresh: async () => (durableObjects as DurableObjectStates).state(storage),
  skip: typeof durableObjects === 'string' ? durableObjects : false,
});

for (const { name, fresh, skip } of [
  { name: 'memory', fresh: () => freshState('memory'), skip: false },
  { name: 'redis', fresh: () => freshState('redis'), skip: false },
  onDurableObject('key-value'),
  onDurableObject('sqlite'),
]) {
  describe(`ProxyState contract: ${name}`, { skip }, () => {
    test('get reads without changing; compareAndSet writes only at the expected revision', async () => {
      const state = await fresh();
      assert.equal(await state.get('k'), undefined);
      assert.equal(await state.compareAndSet('k', 1, 'x'), undefined, 'no record: only revision 0 matches');
      assert.equal(await state.compareAndSet('k', 0, 'one'), 1);
      assert.deepEqual(await state.get('k'), { value: 'one', revision: 1 });
      assert.deepEqual(await state.get('k'), { value: 'one', revision: 1 }, 'reading changed nothing');
      assert.equal(await state.compareAndSet('k', 0, 'again'), undefined, 'already there');
      assert.equal(await state.compareAndSet('k', 1, 'two'), 2);
      assert.equal(await state.compareAndSet('k', 1, 'stale'), undefined);
      assert.deepEqual(await state.get('k'), { value: 'two', revision: 2 });
      assert.equal(await state.compareAndSet('k', 2, null), 0);
      assert.equal(await state.get('k'), undefined);
    });

    test('concurrent compare-and-sets at one revision: exactly one wins', async () => {
      const state = await fresh();
      await state.compareAndSet('race', 0, 'start');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => state.compareAndSet('race', 1, `writer-${i}`)),
      );
      assert.equal(results.filter((revision) => revision === 2).length, 1);
      assert.equal(results.filter((revision) => revision === undefined).length, 19);
    });

    test('records and flags expire after their TTL', async () => {
      const state = await fresh();
      await state.compareAndSet('short', 0, 'v', 50);
      assert.equal(await state.setIfAbsent('flag', 50), true);
      await delay(120);
      assert.equal(await state.get('short'), undefined);
      assert.equal(await state.setIfAbsent('flag', 50), true, 'free again');
    });

    test('setIfAbsent: true once, false for every repeat, even concurrent ones', async () => {
      const state = await fresh();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => state.setIfAbsent('webhook:w-1', 60_000)),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await state.setIfAbsent('webhook:w-1', 60_000), false);
    });

    test('leases: one owner at a time, renewed by its owner, free once released or expired', async () => {
      const state = await fresh();
      assert.equal(await state.holdLease('lease', 'a', 60_000), true);
      assert.equal(await state.holdLease('lease', 'b', 60_000), false);
      assert.equal(await state.holdLease('lease', 'a', 60_000), true, 'renewed');
      await state.releaseLease('lease', 'b'); // not b's to release
      assert.equal(await state.holdLease('lease', 'b', 60_000), false);
      await state.releaseLease('lease', 'a');
      assert.equal(await state.holdLease('lease', 'b', 60), true);
      await delay(120);
      assert.equal(await state.holdLease('lease', 'c', 100), true, 'taken over once expired');
    });

    test('a window: at most `limit` places within windowMs; give-back frees one; a closed window stays closed', async () => {
      const state = await fresh();
      const window = (now: number) => ({ limit: 2, windowMs: 1000, now });
      assert.equal(await state.takeFromWindow('w', 't1', window(0)), true);
      assert.equal(await state.takeFromWindow('w', 't2', window(10)), true);
      assert.equal(await state.takeFromWindow('w', 't3', window(20)), false);
      await state.giveBack('w', 't1');
      assert.equal(await state.takeFromWindow('w', 't3', window(30)), true);
      assert.equal(await state.takeFromWindow('w', 't4', window(1009)), false, 't2 still within the window');
      assert.equal(await state.takeFromWindow('w', 't4', window(1010)), true, 't2 left the window');
      await state.closeWindow('w', 5000, 60_000);
      await state.giveBack('w', 't3');
      await state.giveBack('w', 't4');
      assert.equal(
        await state.takeFromWindow('w', 't5', window(4999)),
        false,
        'closed, whatever was given back',
      );
      assert.equal(await state.takeFromWindow('w', 't5', window(5000)), true);
    });

    test('placesLeft counts the places still free at `now`, 0 while closed, and changes nothing', async () => {
      const state = await fresh();
      const window = (now: number) => ({ limit: 3, windowMs: 1000, now });
      assert.equal(await state.placesLeft('left', window(0)), 3, 'no window yet');
      await state.takeFromWindow('left', 't1', window(0));
      await state.takeFromWindow('left', 't2', window(500));
      assert.equal(await state.placesLeft('left', window(999)), 1);
      assert.equal(await state.placesLeft('left', window(1000)), 2, 't1 left the window');
      assert.equal(await state.placesLeft('left', window(999)), 1, 'reading removed nothing');
      await state.giveBack('left', 't2');
      assert.equal(await state.placesLeft('left', window(600)), 2);
      await state.closeWindow('left', 5000, 60_000);
      assert.equal(await state.placesLeft('left', window(4999)), 0);
      assert.equal(await state.placesLeft('left', window(5000)), 3);
    });

    test('a window under concurrent takes gives out exactly `limit` places', async () => {
      const state = await fresh();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          state.takeFromWindow('busy', `t${i}`, { limit: 3, windowMs: 60_000, now: 1 }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 3);
    });

    test('append keeps the newest items within maxItems and maxBytes; takeAll takes them once', async () => {
      const state = await fresh();
      const bounds = { maxItems: 3, maxBytes: 12, ttlMs: 60_000 };
      for (const item of ['a', 'b', 'c', 'd']) assert.equal(await state.append('list', item, bounds), true);
      assert.deepEqual(await state.takeAll('list'), ['b', 'c', 'd']);
      assert.deepEqual(await state.takeAll('list'), [], 'taken once');
      await state.append('list', 'xxxxx', bounds);
      await state.append('list', 'yyyyy', bounds);
      await state.append('list', 'zzzzz', bounds); // 15 bytes: the oldest goes
      assert.equal(
        await state.append('list', 'é'.repeat(7), bounds),
        false,
        '14 bytes of UTF-8 alone: refused',
      );
      assert.deepEqual(await state.takeAll('list'), ['yyyyy', 'zzzzz']);
      await state.append('once', 'x', bounds);
      const takers = await Promise.all([state.takeAll('once'), state.takeAll('once')]);
      assert.equal(takers.flat().length, 1, 'concurrent takers share nothing');
    });

    test('time index: due lists members at or before a time, earliest first; unschedule removes', async () => {
      const state = await fresh();
      await state.schedule('index', 'late', 300);
      await state.schedule('index', 'early', 100);
      await state.schedule('index', 'middle', 200);
      await state.schedule('index', 'late', 250); // moved
      assert.deepEqual(await state.due('index', 250, 10), ['early', 'middle', 'late']);
      assert.deepEqual(await state.due('index', 150, 10), ['early']);
      assert.deepEqual(await state.due('index', Infinity, 2), ['early', 'middle']);
      await state.unschedule('index', 'early');
      assert.deepEqual(await state.due('index', Infinity, 10), ['middle', 'late']);
    });

    test('publish reaches every subscriber of the topic, and only them, until they unsubscribe', async () => {
      const publisher = await fresh();
      const heard: string[] = [];
      const stopA = publisher.subscribe('topic-a', () => heard.push('a'));
      const stopB = publisher.subscribe('topic-b', () => heard.push('b'));
      await publisher.publish('topic-a');
      await eventually(() => heard.length === 1);
      stopA();
      await publisher.publish('topic-a');
      await publisher.publish('topic-b');
      await eventually(() => heard.length === 2);
      await delay(30);
      assert.deepEqual(heard, ['a', 'b']);
      stopB();
    });

    test('SessionChanges on this state: a wait ends at the change', async () => {
      const changes = new SessionChanges(await fresh());
      const listener = changes.listen('h');
      const waiting = listener.wait(5000);
      await changes.notify('h');
      assert.equal(await waiting, 'changed');
      listener.stop();
    });
  });
}

describe('Durable Object state: storage is the truth', { skip: onDurableObject('sqlite').skip }, () => {
  const storages = ['key-value', 'sqlite'] as const;

  test('everything written is still there after workerd stops and starts again on the same storage', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'imss-durable-object-'));
    const states = await startDurableObjectStates({ persistTo: directory });
    try {
      const window = { limit: 1, windowMs: 60_000, now: 1 };
      for (const storage of storages) {
        const state = states.state(storage, 'kept');
        await state.compareAndSet('record', 0, 'sealed value', 60_000);
        await state.setIfAbsent('flag', 60_000);
        await state.holdLease('lease', 'a', 60_000);
        await state.takeFromWindow('window', 't1', window);
        await state.append('list', 'parked', { maxItems: 5, maxBytes: 100, ttlMs: 60_000 });
        await state.schedule('index', 'member', 5);
      }
      await states.restart();
      for (const storage of storages) {
        const state = states.state(storage, 'kept');
        assert.deepEqual(await state.get('record'), { value: 'sealed value', revision: 1 }, storage);
        assert.equal(await state.setIfAbsent('flag', 60_000), false);
        assert.equal(await state.holdLease('lease', 'b', 60_000), false);
        assert.equal(await state.placesLeft('window', { ...window, now: 2 }), 0);
        assert.deepEqual(await state.takeAll('list'), ['parked']);
        assert.deepEqual(await state.due('index', 10, 10), ['member']);
      }
    } finally {
      await states.dispose();
      await rm(directory, { recursive: true, force: true });
    }
  });

  test('what expired is deleted from storage by later writes, a list with its items', async () => {
    const states = durableObjects as DurableObjectStates;
    for (const storage of storages) {
      const name = crypto.randomUUID();
      const state = states.state(storage, name);
      await state.compareAndSet('record', 0, 'v', 50);
      await state.setIfAbsent('flag', 50);
      await state.takeFromWindow('window', 't1', { limit: 1, windowMs: 50, now: Date.now() });
      await state.append('list', 'a', { maxItems: 5, maxBytes: 100, ttlMs: 50 });
      await state.append('list', 'b', { maxItems: 5, maxBytes: 100, ttlMs: 50 });
      await state.compareAndSet('kept', 0, 'v');
      assert.equal(
        (await states.keys(storage, name)).length,
        7,
        'record, flag, window, list head, 2 items, kept',
      );
      await delay(1100); // writes sweep at most once a second
      await state.compareAndSet('kept', 1, 'w');
      assert.deepEqual(await states.keys(storage, name), ['imss:r:kept'], storage);
    }
  });
});

describe('Redis state: two instances on one Redis', () => {
  test('what one writes the other reads; a message from one wakes a subscriber of the other', async () => {
    const url = (await testRedis()).url;
    const prefix = `shared:${crypto.randomUUID()}:`;
    const a = createRedisState({ url }, { keyPrefix: prefix });
    const b = createRedisState({ url }, { keyPrefix: prefix });
    try {
      await Promise.all([a.ready(), b.ready()]);
      await a.compareAndSet('k', 0, 'from a');
      assert.deepEqual(await b.get('k'), { value: 'from a', revision: 1 });
      let woken = false;
      const stop = b.subscribe('session:x', () => (woken = true));
      await a.publish('session:x');
      await eventually(() => woken);
      stop();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('a given client works too, and is left open on close', async () => {
    const client = createClient({ url: (await testRedis()).url });
    await client.connect();
    const state = createRedisState({ client }, { keyPrefix: `given:${crypto.randomUUID()}:` });
    await state.ready();
    assert.equal(await state.compareAndSet('k', 0, 'v'), 1);
    await state.close();
    assert.equal(await client.ping(), 'PONG');
    await client.close();
  });

  test('Redis gone: StateUnavailableError at once, logged; back: works again and wakes subscribers', async () => {
    const own = await startRedisServer();
    const events: string[] = [];
    const state = createRedisState(
      { url: own.url },
      { logger: (entry) => events.push(`${entry.event}:${entry.outcome}`) },
    );
    try {
      await state.ready();
      let wakes = 0;
      const stop = state.subscribe('session:y', () => wakes++);
      const restarting = own.restart!(300);
      await eventually(() => events.includes('state_connection:lost'));
      const started = Date.now();
      await assert.rejects(state.get('k'), StateUnavailableError);
      assert.ok(Date.now() - started < 1000, 'refused at once, not queued');
      await restarting;
      await eventually(
        async () => (await state.compareAndSet('k', 0, 'v').catch(() => undefined)) === 1,
        10_000,
      );
      assert.ok(events.includes('state_connection:restored'));
      await eventually(() => wakes > 0, 5000);
      stop();
    } finally {
      await state.close();
      await own.stop();
    }
  });

  test('the memory state bounds all lists together, in bytes, dropping the oldest list', async () => {
    const state: ProxyState = createMemoryState({ maxListBytes: 10 });
    const bounds = { maxItems: 10, maxBytes: 10, ttlMs: 60_000 };
    await state.append('old', 'aaaa', bounds);
    await state.append('new', 'bbbb', bounds);
    await state.append('newer', 'cccc', bounds);
    assert.deepEqual(await state.takeAll('old'), []);
    assert.deepEqual(await state.takeAll('newer'), ['cccc']);
  });
});
