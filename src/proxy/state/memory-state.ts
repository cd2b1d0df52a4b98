import { createLocalTopics } from './local-topics.js';
import type { ListBounds, ProxyState, StateRecord, WindowLimit } from './proxy-state.js';

/**
 * The ProxyState of one process, in its memory: the default, for `npm start`, a single instance, tests and the
 * browser (Storybook). Behaves as the shared one does (same contract suite); TTLs are enforced on access and by a
 * sweep on writes, so nothing it was given outlives its TTL for long and it holds no timer.
 */
export interface MemoryStateOptions {
  /** Bound on all lists together, in bytes (parked webhooks): the oldest lists are dropped first. Default 16 MiB. */
  maxListBytes?: number;
  /**
   * Bound on the windows (takeFromWindow) of one table, in bytes (estimated: keys, tickets and bookkeeping). A table
   * is the part of a key before its first `:` (the proxy's `attempts:…`, `limit-client:…`), so that a table an
   * attacker can grow (one window per client address) can never push out another (the CURPs' attempts). Over it,
   * the table's least recently used windows are dropped. Default 32 MiB: a day of link creations at the proxy's
   * default ceiling (86 400 CURP windows of ~0.2 KB) fits in it several times.
   */
  maxWindowBytesPerTable?: number;
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
  const maxWindowBytes = options.maxWindowBytesPerTable ?? 32 * 1024 * 1024;
  const windows = new WindowTables(maxWindowBytes);
  /** Lists in order of last append (Map order), with their size. */
  const lists = new Map<string, { items: string[]; bytes: number; expiresAt: number }>();
  let listBytes = 0;
  const indexes = new Map<string, Map<string, number>>();
  const topics = createLocalTopics();
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
    for (const map of [records, flags, lists] as Array<Map<string, { expiresAt: number }>>) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) dropEntry(map, key);
    }
    windows.dropExpired(now);
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
      const window = windows.get(key, clock()) ?? newWindow();
      dropPlacesBefore(window, now - windowMs);
      window.expiresAt = Math.max(window.expiresAt, expiry(windowMs));
      if (now < window.closedUntil || window.places.length / 2 >= limit) {
        if (window.places.length > 0 || window.closedUntil > now) windows.set(key, window);
        return false;
      }
      window.places.push(ticket, now);
      windows.set(key, window);
      return true;
    },
    async placesLeft(key, { limit, windowMs, now }: WindowLimit) {
      const window = windows.get(key, clock());
      if (!window) return limit;
      if (now < window.closedUntil) return 0;
      let taken = 0;
      for (let i = 1; i < window.places.length; i += 2)
        if ((window.places[i] as number) > now - windowMs) taken++;
      return Math.max(0, limit - taken);
    },
    async giveBack(key, ticket) {
      const window = windows.get(key, clock());
      if (!window) return;
      const at = window.places.indexOf(ticket);
      if (at >= 0 && at % 2 === 0) window.places.splice(at, 2);
      // An empty window that is not closed means nothing: forget it rather than keep it for its TTL.
      if (window.places.length === 0 && window.closedUntil === -Infinity) windows.delete(key);
      else windows.set(key, window);
    },
    async closeWindow(key, until, ttlMs) {
      const window = windows.get(key, clock()) ?? newWindow();
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
      topics.publish(topic);
    },
    subscribe: topics.subscribe,
  };
}

/** A sliding window: `places` alternates ticket and time (`[t1, at1, t2, at2, …]`). */
interface Window {
  places: Array<string | number>;
  closedUntil: number;
  expiresAt: number;
}

const newWindow = (): Window => ({ places: [], closedUntil: -Infinity, expiresAt: 0 });

function dropPlacesBefore(window: Window, threshold: number): void {
  let kept = 0;
  for (let i = 0; i < window.places.length; i += 2) {
    if ((window.places[i + 1] as number) > threshold) {
      window.places[kept++] = window.places[i]!;
      window.places[kept++] = window.places[i + 1]!;
    }
  }
  window.places.length = kept;
}

/**
 * A window is kept as one flat string (`expiresAt closedUntil ticket at ticket at …`, made by `join`, so never a
 * rope) under a flat key: about 0.2 kB a CURP in the attempt window, where objects, arrays and boxed numbers took
 * twice that. Windows hold a few places, so reading one back is cheap.
 */
function serialize(window: Window): string {
  return [window.expiresAt, window.closedUntil, ...window.places].join(' ');
}

function parse(text: string): Window {
  const [expiresAt, closedUntil, ...places] = text.split(' ');
  return {
    expiresAt: Number(expiresAt),
    closedUntil: Number(closedUntil),
    places: places.map((item, i) => (i % 2 === 0 ? item : Number(item))),
  };
}

/**
 * A copy of `key` in one flat string. A key built by concatenation (`attempts:` and a hex hash built byte by byte
 * with `+=`) is a rope in V8, which a Map would keep whole as its key: 1.7 kB instead of 0.1 kB.
 */
const flat = (key: string) => textDecoder.decode(textEncoder.encode(key));
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Estimated bytes of a window in V8: its Map entry (with the table's slack), its key and its value. */
const windowBytes = (key: string, value: string) => 80 + key.length + value.length;

/**
 * The windows, one Map per table (the key's prefix before its first `:`), each bounded in bytes: a Map's order is
 * the order of last use, so the first entries are the ones to drop when a table is over its budget.
 */
class WindowTables {
  readonly #tables = new Map<string, { windows: Map<string, string>; bytes: number }>();
  readonly #maxBytes: number;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string, now: number): Window | undefined {
    const text = this.#tables.get(tableOf(key))?.windows.get(key);
    if (text === undefined) return undefined;
    const window = parse(text);
    if (window.expiresAt > now) return window;
    this.delete(key);
    return undefined;
  }

  /** Stores `window` as the most recently used of its table, then trims the table to its budget. */
  set(key: string, window: Window): void {
    const name = tableOf(key);
    let table = this.#tables.get(name);
    if (!table) this.#tables.set(name, (table = { windows: new Map(), bytes: 0 }));
    const previous = table.windows.get(key);
    if (previous !== undefined) {
      table.bytes -= windowBytes(key, previous);
      table.windows.delete(key);
    }
    const value = serialize(window);
    table.windows.set(previous === undefined ? flat(key) : key, value);
    table.bytes += windowBytes(key, value);
    for (const [oldest, dropped] of table.windows) {
      if (table.bytes <= this.#maxBytes || oldest === key) break;
      table.windows.delete(oldest);
      table.bytes -= windowBytes(oldest, dropped);
    }
  }

  delete(key: string): void {
    const table = this.#tables.get(tableOf(key));
    const value = table?.windows.get(key);
    if (!table || value === undefined) return;
    table.windows.delete(key);
    table.bytes -= windowBytes(key, value);
  }

  dropExpired(now: number): void {
    for (const table of this.#tables.values()) {
      for (const [key, value] of table.windows) {
        if (parse(value).expiresAt <= now) {
          table.windows.delete(key);
          table.bytes -= windowBytes(key, value);
        }
      }
    }
  }
}

function tableOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? '' : key.slice(0, colon);
}
