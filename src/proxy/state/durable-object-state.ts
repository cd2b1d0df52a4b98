import { createLocalTopics } from './local-topics.js';
import { StateUnavailableError, type ProxyState, type StateRecord, type WindowLimit } from './proxy-state.js';

/**
 * The ProxyState on a Cloudflare Durable Object's storage, for the proxy held by one Durable Object (README,
 * "Cloudflare Workers"): what it knows survives the object's eviction and a deploy.
 *
 * It uses the storage's asynchronous key-value API (get, put, delete, list), which every Durable Object has,
 * whether its class was declared with `new_classes` (key-value storage) or `new_sqlite_classes` (SQLite storage),
 * in Cloudflare and in Miniflare 4.20260426.0 alike; the SQL API and `transactionSync` exist only on the second.
 *
 * Atomicity: a Durable Object is one instance in one thread, and each operation below runs alone, queued behind the
 * previous one (`serially`), as a sequence of storage reads followed by its writes issued with no await between them,
 * which the storage commits as one atomic batch. Nothing else awaits inside an operation, so no other operation and
 * no other request (the object's input gates hold incoming events while storage is read) can change what it read
 * before it writes. No `transaction()` is needed: it would add a second way of committing the same batch.
 *
 * Expiry is data: every value carries its `expiresAt` (real time, epoch ms); a value past it reads as absent, and
 * writes, at most once a second, also sweep a few keys for expired ones (a rolling cursor over the state's keys),
 * so storage holds what is forgotten only for a while. Publish/subscribe stays in the object's memory: every request
 * is routed to this one object, so a wake-up only has to reach the long polls this object holds.
 *
 * Keys are `{keyPrefix}{kind}:{key}`; values are plain objects (storage keeps them by structured clone). The proxy
 * never puts a CURP in a key (it uses keyed hashes) nor in a value (it encrypts what is personal). A value is at
 * most 128 KiB on key-value storage: list items are kept one per key for that reason.
 */
export interface DurableObjectStateOptions {
  /** Put before every key, so that the object may keep other data of its own. Default `imss:`. */
  keyPrefix?: string;
  /** Real time, for TTLs and leases. Default `Date.now`. */
  clock?: () => number;
}

/**
 * What the state uses of a Durable Object's storage, `ctx.storage` (the DurableObjectStorage of
 * `@cloudflare/workers-types`): its asynchronous key-value API, typed here so that this module needs no Workers types.
 */
export interface DurableObjectStorageLike {
  get(key: string): Promise<unknown>;
  put(entries: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<number>;
  list(options: {
    prefix?: string;
    startAfter?: string;
    end?: string;
    limit?: number;
  }): Promise<Map<string, unknown>>;
}

/** How often, at most, writes also sweep for expired values, and how many keys one sweep reads. */
const GC_INTERVAL_MS = 1000;
const GC_BATCH = 64;
/** Storage's own bound on the keys given to one put or delete. */
const MAX_KEYS_PER_CALL = 128;

interface Expiring {
  expiresAt: number;
}
interface StoredRecord extends StateRecord, Expiring {}
interface StoredFlag extends Expiring {
  owner: string;
}
interface StoredWindow extends Expiring {
  /** Taken places, oldest first: [ticket, at]. */
  places: Array<[string, number]>;
  closedUntil: number;
}
/** A list's head; its items are kept one per key, numbered from `first`. */
interface StoredList extends Expiring {
  first: number;
  sizes: number[];
  bytes: number;
}

export function createDurableObjectState(
  storage: DurableObjectStorageLike,
  options: DurableObjectStateOptions = {},
): ProxyState {
  const prefix = options.keyPrefix ?? 'imss:';
  const clock = options.clock ?? (() => Date.now());
  const recordKey = (key: string) => `${prefix}r:${key}`;
  const flagKey = (key: string) => `${prefix}f:${key}`;
  const windowKey = (key: string) => `${prefix}w:${key}`;
  const listKey = (key: string) => `${prefix}l:${key}`;
  /** A list's items, one per key, numbered on from its head's `first`: `{head}\0{number}`. */
  const itemKey = (head: string, n: number) => `${head}\u0000${n.toString(16).padStart(12, '0')}`;
  /** A time index is two sets of keys: member → time, and time-then-member, which storage lists in order. */
  const indexName = (index: string) => `${index.length}:${index}`;
  const memberKey = (index: string, member: string) => `${prefix}im:${indexName(index)}:${member}`;
  const orderPrefix = (index: string) => `${prefix}it:${indexName(index)}:`;

  const topics = createLocalTopics();
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `operation` once every operation started before it has finished; storage failures as 503s. */
  function serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation).catch((error: unknown) => {
      if (error instanceof StateUnavailableError) throw error;
      throw new StateUnavailableError(
        `Durable Object storage failed (${error instanceof Error ? error.name : 'error'}).`,
      );
    });
    queue = result.catch(() => {});
    return result;
  }

  async function read<T extends Expiring>(key: string): Promise<T | undefined> {
    const value = (await storage.get(key)) as T | undefined;
    return value && value.expiresAt > clock() ? value : undefined;
  }
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? Infinity : clock() + ttlMs);

  /** The writes of one operation, committed together: storage batches writes made with no await between them. */
  function write(puts: Record<string, unknown>, deletes: string[] = []): Promise<unknown> {
    const writes: Array<Promise<unknown>> = [];
    if (Object.keys(puts).length > 0) writes.push(storage.put(puts));
    for (let i = 0; i < deletes.length; i += MAX_KEYS_PER_CALL)
      writes.push(storage.delete(deletes.slice(i, i + MAX_KEYS_PER_CALL)));
    return Promise.all(writes);
  }

  let lastGc = -Infinity;
  let gcCursor: string | undefined;
  /** Reads the next few keys after the cursor and forgets those expired (a list's head with its items). */
  async function collectGarbage(): Promise<void> {
    const now = clock();
    if (now - lastGc < GC_INTERVAL_MS) return;
    lastGc = now;
    const batch = await storage.list({
      prefix,
      limit: GC_BATCH,
      ...(gcCursor === undefined ? {} : { startAfter: gcCursor }),
    });
    const expired: string[] = [];
    for (const [key, value] of batch) {
      if (typeof value !== 'object' || value === null || !((value as Expiring).expiresAt <= now)) continue;
      expired.push(key);
      if (key.startsWith(`${prefix}l:`)) expired.push(...itemKeys(key, value as StoredList));
    }
    gcCursor = batch.size < GC_BATCH ? undefined : [...batch.keys()].pop();
    await write({}, expired);
  }

  const itemKeys = (head: string, list: StoredList) =>
    list.sizes.map((_, i) => itemKey(head, list.first + i));
  const utf8Length = (text: string) => new TextEncoder().encode(text).length;

  async function readWindow(key: string, now: number): Promise<StoredWindow> {
    return (
      (await read<StoredWindow>(windowKey(key))) ?? { places: [], closedUntil: -Infinity, expiresAt: now }
    );
  }

  return {
    get: (key) =>
      serially(async () => {
        const record = await read<StoredRecord>(recordKey(key));
        return record ? { value: record.value, revision: record.revision } : undefined;
      }),
    compareAndSet: (key, expectedRevision, value, ttlMs) =>
      serially(async () => {
        await collectGarbage();
        const current = (await read<StoredRecord>(recordKey(key)))?.revision ?? 0;
        if (current !== expectedRevision) return undefined;
        if (value === null) {
          await write({}, [recordKey(key)]);
          return 0;
        }
        const record: StoredRecord = { value, revision: current + 1, expiresAt: expiry(ttlMs) };
        await write({ [recordKey(key)]: record });
        return current + 1;
      }),
    setIfAbsent: (key, ttlMs) =>
      serially(async () => {
        await collectGarbage();
        if (await read<StoredFlag>(flagKey(key))) return false;
        await write({ [flagKey(key)]: { owner: '', expiresAt: expiry(ttlMs) } satisfies StoredFlag });
        return true;
      }),
    holdLease: (key, owner, ttlMs) =>
      serially(async () => {
        await collectGarbage();
        const held = await read<StoredFlag>(flagKey(key));
        if (held && held.owner !== owner) return false;
        await write({ [flagKey(key)]: { owner, expiresAt: expiry(ttlMs) } satisfies StoredFlag });
        return true;
      }),
    releaseLease: (key, owner) =>
      serially(async () => {
        if ((await read<StoredFlag>(flagKey(key)))?.owner === owner) await write({}, [flagKey(key)]);
      }),
    takeFromWindow: (key, ticket, { limit, windowMs, now }: WindowLimit) =>
      serially(async () => {
        await collectGarbage();
        const window = await readWindow(key, clock());
        window.places = window.places.filter(([, at]) => at > now - windowMs);
        window.expiresAt = Math.max(window.expiresAt, expiry(windowMs));
        const taken = !(now < window.closedUntil || window.places.length >= limit);
        if (taken) window.places.push([ticket, now]);
        if (window.places.length > 0 || window.closedUntil > now) await write({ [windowKey(key)]: window });
        else await write({}, [windowKey(key)]);
        return taken;
      }),
    placesLeft: (key, { limit, windowMs, now }: WindowLimit) =>
      serially(async () => {
        const window = await read<StoredWindow>(windowKey(key));
        if (!window) return limit;
        if (now < window.closedUntil) return 0;
        const taken = window.places.filter(([, at]) => at > now - windowMs).length;
        return Math.max(0, limit - taken);
      }),
    giveBack: (key, ticket) =>
      serially(async () => {
        const window = await read<StoredWindow>(windowKey(key));
        if (!window) return;
        window.places = window.places.filter(([taken]) => taken !== ticket);
        // An empty window that is not closed means nothing: forget it rather than keep it for its TTL.
        if (window.places.length === 0 && window.closedUntil === -Infinity) await write({}, [windowKey(key)]);
        else await write({ [windowKey(key)]: window });
      }),
    closeWindow: (key, until, ttlMs) =>
      serially(async () => {
        const window = await readWindow(key, clock());
        window.closedUntil = Math.max(window.closedUntil, until);
        window.expiresAt = Math.max(window.expiresAt, expiry(ttlMs));
        await write({ [windowKey(key)]: window });
      }),
    append: (key, item, { maxItems, maxBytes, ttlMs }) =>
      serially(async () => {
        await collectGarbage();
        const size = utf8Length(item);
        if (size > maxBytes) return false;
        const head = listKey(key);
        const stored = (await storage.get(head)) as StoredList | undefined;
        const alive = stored && stored.expiresAt > clock() ? stored : undefined;
        // An expired list's items are forgotten with it; the new list numbers its items after them.
        const dropped = stored && !alive ? itemKeys(head, stored) : [];
        const list = alive ?? {
          first: stored ? stored.first + stored.sizes.length : 0,
          sizes: [],
          bytes: 0,
          expiresAt: 0,
        };
        const puts: Record<string, unknown> = { [itemKey(head, list.first + list.sizes.length)]: item };
        list.sizes.push(size);
        list.bytes += size;
        while (list.sizes.length > maxItems || list.bytes > maxBytes) {
          dropped.push(itemKey(head, list.first++));
          list.bytes -= list.sizes.shift()!;
        }
        list.expiresAt = expiry(ttlMs);
        puts[head] = list;
        await write(puts, dropped);
        return true;
      }),
    takeAll: (key) =>
      serially(async () => {
        const head = listKey(key);
        const stored = (await storage.get(head)) as StoredList | undefined;
        if (!stored) return [];
        const keys = itemKeys(head, stored);
        const items = stored.expiresAt > clock() ? await Promise.all(keys.map((k) => storage.get(k))) : [];
        await write({}, [head, ...keys]);
        return items as string[];
      }),
    schedule: (index, member, at) =>
      serially(async () => {
        const previous = (await storage.get(memberKey(index, member))) as number | undefined;
        const deletes = previous === undefined ? [] : [orderPrefix(index) + sortable(previous) + member];
        await write(
          { [memberKey(index, member)]: at, [orderPrefix(index) + sortable(at) + member]: member },
          deletes.filter((key) => key !== orderPrefix(index) + sortable(at) + member),
        );
      }),
    unschedule: (index, member) =>
      serially(async () => {
        const at = (await storage.get(memberKey(index, member))) as number | undefined;
        if (at === undefined) return;
        await write({}, [memberKey(index, member), orderPrefix(index) + sortable(at) + member]);
      }),
    due: (index, upTo, limit) =>
      serially(async () => {
        if (limit <= 0 || Number.isNaN(upTo)) return [];
        const members = await storage.list({
          prefix: orderPrefix(index),
          end: orderPrefix(index) + after(upTo),
          limit,
        });
        return [...members.values()] as string[];
      }),
    async publish(topic) {
      topics.publish(topic);
    },
    subscribe: topics.subscribe,
  };
}

/**
 * A number as 16 hex digits that sort as the numbers do (IEEE 754 bits, the sign bit flipped for positives and
 * every bit for negatives), so that storage's ordered `list` reads a time index earliest first.
 */
function sortable(at: number): string {
  return sortableBits(at).toString(16).padStart(16, '0');
}
/** The smallest key prefix after every key of a time that is at most `upTo`. */
function after(upTo: number): string {
  return (sortableBits(upTo) + 1n).toString(16).padStart(16, '0');
}
function sortableBits(at: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, at === 0 ? 0 : at); // -0 is 0
  const bits = view.getBigUint64(0);
  return at < 0 ? ~bits & 0xffff_ffff_ffff_ffffn : bits | 0x8000_0000_0000_0000n;
}
