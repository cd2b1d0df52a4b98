import type { ListBounds, ProxyState, StateRecord, WindowLimit } from './proxy-state.js';

/**
 * The ProxyState of one process, in its memory: the default, for `npm start`, a single instance, tests and the
 * browser (Storybook). Behaves as the shared one does (same contract suite); TTLs are enforced on access and by a
 * sweep on writes, so nothing it was given outlives its TTL for long and it holds no timer.
 */
export interface MemoryStateOptions {
  /** Bound on all lists together, in bytes (parked webhooks): the oldest lists are dropped first. Default 16 MiB. */
  maxListBytes?: number;
  /** Real time, for TTLs and leases. Default `Date.now`. */
  clock?: () => number;
}

/** How often, at most, writes also forget what expired. */
const GC_INTERVAL_MS = 1000;

export function createMemoryState(options: MemoryStateOptions = {}): ProxyState {
  const clock = options.clock ?? (() => Date.now());
  const maxListBytes = options.maxListBytes ?? 16 * 1024 * 1024;
  const records = new Map<string, StateRecord & { expiresAt: number }>();
  const flags = new Map<string, { owner: string; expiresAt: number }>();
  const windows = new Map<string, { places: Map<string, number>; closedUntil: number; expiresAt: number }>();
  /** Lists in order of last append (Map order), with their size. */
  const lists = new Map<string, { items: string[]; bytes: number; expiresAt: number }>();
  let listBytes = 0;
  const indexes = new Map<string, Map<string, number>>();
  const topics = new Map<string, Set<() => void>>();
  let lastGc = -Infinity;

  const alive = <T extends { expiresAt: number }>(map: Map<string, T>, key: string): T | undefined => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= clock()) {
      dropEntry(map, key);
      return undefined;
    }
    return entry;
  };
  function dropEntry(map: Map<string, { expiresAt: number }>, key: string): void {
    if (map === (lists as Map<string, { expiresAt: number }>)) listBytes -= lists.get(key)?.bytes ?? 0;
    map.delete(key);
  }
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? Infinity : clock() + ttlMs);
  function collectGarbage(): void {
    const now = clock();
    if (now - lastGc < GC_INTERVAL_MS) return;
    lastGc = now;
    for (const map of [records, flags, windows, lists] as Array<Map<string, { expiresAt: number }>>) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) dropEntry(map, key);
    }
  }

  const utf8Length = (text: string) => new TextEncoder().encode(text).length;

  return {
    async get(key) {
      const record = alive(records, key);
      return record ? { value: record.value, revision: record.revision } : undefined;
    },
    async compareAndSet(key, expectedRevision, value, ttlMs) {
      collectGarbage();
      const current = alive(records, key)?.revision ?? 0;
      if (current !== expectedRevision) return undefined;
      if (value === null) {
        records.delete(key);
        return 0;
      }
      records.set(key, { value, revision: current + 1, expiresAt: expiry(ttlMs) });
      return current + 1;
    },
    async setIfAbsent(key, ttlMs) {
      collectGarbage();
      if (alive(flags, key)) return false;
      flags.set(key, { owner: '', expiresAt: expiry(ttlMs) });
      return true;
    },
    async holdLease(key, owner, ttlMs) {
      collectGarbage();
      const held = alive(flags, key);
      if (held && held.owner !== owner) return false;
      flags.set(key, { owner, expiresAt: expiry(ttlMs) });
      return true;
    },
    async releaseLease(key, owner) {
      if (alive(flags, key)?.owner === owner) flags.delete(key);
    },
    async takeFromWindow(key, ticket, { limit, windowMs, now }: WindowLimit) {
      collectGarbage();
      const window = alive(windows, key) ?? { places: new Map(), closedUntil: -Infinity, expiresAt: 0 };
      for (const [name, at] of window.places) if (now - at >= windowMs) window.places.delete(name);
      window.expiresAt = Math.max(window.expiresAt, expiry(windowMs));
      windows.set(key, window);
      if (now < window.closedUntil || window.places.size >= limit) return false;
      window.places.set(ticket, now);
      return true;
    },
    async giveBack(key, ticket) {
      alive(windows, key)?.places.delete(ticket);
    },
    async closeWindow(key, until, ttlMs) {
      const window = alive(windows, key) ?? { places: new Map(), closedUntil: -Infinity, expiresAt: 0 };
      window.closedUntil = Math.max(window.closedUntil, until);
      window.expiresAt = Math.max(window.expiresAt, expiry(ttlMs));
      windows.set(key, window);
    },
    async append(key, item, { maxItems, maxBytes, ttlMs }: ListBounds) {
      collectGarbage();
      const size = utf8Length(item);
      if (size > maxBytes) return false;
      const list = alive(lists, key) ?? { items: [], bytes: 0, expiresAt: 0 };
      lists.delete(key); // re-inserted last: the map's order is the order of use
      listBytes -= list.bytes;
      list.items.push(item);
      list.bytes += size;
      while (list.items.length > maxItems || list.bytes > maxBytes)
        list.bytes -= utf8Length(list.items.shift()!);
      list.expiresAt = expiry(ttlMs);
      while (listBytes + list.bytes > maxListBytes && lists.size > 0)
        dropEntry(lists, lists.keys().next().value!);
      lists.set(key, list);
      listBytes += list.bytes;
      return true;
    },
    async takeAll(key) {
      const list = alive(lists, key);
      if (!list) return [];
      dropEntry(lists, key);
      return list.items;
    },
    async schedule(index, member, at) {
      let members = indexes.get(index);
      if (!members) indexes.set(index, (members = new Map()));
      members.set(member, at);
    },
    async unschedule(index, member) {
      indexes.get(index)?.delete(member);
    },
    async due(index, upTo, limit) {
      const members = [...(indexes.get(index) ?? [])].filter(([, at]) => at <= upTo);
      return members
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .map(([member]) => member);
    },
    async publish(topic) {
      for (const listener of [...(topics.get(topic) ?? [])]) listener();
    },
    subscribe(topic, listener) {
      let listeners = topics.get(topic);
      if (!listeners) topics.set(topic, (listeners = new Set()));
      // A wrapper per subscription: the same function subscribed twice is two subscriptions.
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
      };
    },
  };
}
