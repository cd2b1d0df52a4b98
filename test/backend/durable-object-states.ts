// The Durable Object state under test: test/workers/state-worker.ts run in workerd by Miniflare, and a ProxyState
// in Node that makes each call over HTTP to one Durable Object of it, so that the same contract cases run on real
// Durable Object storage. Subscriptions are streamed responses held open by the object.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { StateUnavailableError, type ProxyState } from '../../src/proxy/index.js';
import { freePort } from '../support/redis-server.js';
import { decode, encode } from '../workers/state-wire.js';

/** The object's storage: key-value (a class declared with `new_classes`) or SQLite (`new_sqlite_classes`). */
export type StorageKind = 'key-value' | 'sqlite';
const BINDINGS: Record<StorageKind, string> = { 'key-value': 'STATE', sqlite: 'SQLITE_STATE' };

export interface DurableObjectStates {
  /** A ProxyState on a new, empty Durable Object, or on the one called `name`. */
  state(storage: StorageKind, name?: string): ProxyState;
  /** The keys the object called `name` holds in storage. */
  keys(storage: StorageKind, name: string): Promise<string[]>;
  /** Stops workerd and starts it again on the same storage (persisted with `persistTo`). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startDurableObjectStates(
  options: { persistTo?: string } = {},
): Promise<DurableObjectStates> {
  const built = await build({
    entryPoints: [fileURLToPath(new URL('../workers/state-worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  const port = await freePort();
  const start = async () => {
    const worker = new Miniflare({
      modules: true,
      script: built.outputFiles[0]!.text,
      host: '127.0.0.1',
      port,
      compatibilityDate: '2025-01-01',
      durableObjects: {
        STATE: 'StateObject',
        SQLITE_STATE: { className: 'SqliteStateObject', useSQLite: true },
      },
      ...(options.persistTo ? { durableObjectsPersist: options.persistTo } : {}),
    });
    try {
      await worker.ready;
    } catch (error) {
      await worker.dispose().catch(() => {});
      throw error;
    }
    return worker;
  };
  let worker = await start();
  const subscriptions = new Set<AbortController>();
  const base = (storage: StorageKind, name: string) =>
    `http://127.0.0.1:${port}/${BINDINGS[storage]}/${name}`;

  return {
    state: (storage, name = crypto.randomUUID()) => remoteState(base(storage, name), subscriptions),
    async keys(storage, name) {
      return (await (await fetch(`${base(storage, name)}/keys`)).json()) as string[];
    },
    async restart() {
      for (const subscription of subscriptions) subscription.abort();
      await worker.dispose();
      worker = await start();
    },
    async dispose() {
      for (const subscription of subscriptions) subscription.abort();
      await worker.dispose();
    },
  };
}

function remoteState(base: string, subscriptions: Set<AbortController>): ProxyState {
  /** Subscriptions not yet registered by the object: a publish waits for them, as it would in one process. */
  const registering = new Set<Promise<void>>();
  const call = async (method: string, ...args: unknown[]): Promise<never> => {
    const response = await fetch(`${base}/call`, { method: 'POST', body: encode({ method, args }) });
    const body = decode(await response.text()) as { result: never; error?: string; message?: string };
    if (response.ok) return body.result;
    if (body.error === 'StateUnavailableError') throw new StateUnavailableError(body.message);
    throw new Error(`${method}: ${body.error}: ${body.message}`);
  };
  return {
    get: (...args) => call('get', ...args),
    compareAndSet: (...args) => call('compareAndSet', ...args),
    setIfAbsent: (...args) => call('setIfAbsent', ...args),
    holdLease: (...args) => call('holdLease', ...args),
    releaseLease: (...args) => call('releaseLease', ...args),
    takeFromWindow: (...args) => call('takeFromWindow', ...args),
    placesLeft: (...args) => call('placesLeft', ...args),
    giveBack: (...args) => call('giveBack', ...args),
    closeWindow: (...args) => call('closeWindow', ...args),
    append: (...args) => call('append', ...args),
    takeAll: (...args) => call('takeAll', ...args),
    schedule: (...args) => call('schedule', ...args),
    unschedule: (...args) => call('unschedule', ...args),
    due: (...args) => call('due', ...args),
    async publish(topic) {
      await Promise.all(registering);
      return call('publish', topic);
    },
    subscribe(topic, listener) {
      const controller = new AbortController();
      subscriptions.add(controller);
      let stopped = false;
      let registered!: () => void;
      const registration = new Promise<void>((resolve) => (registered = resolve));
      registering.add(registration);
      void registration.then(() => registering.delete(registration));
      void (async () => {
        try {
          const response = await fetch(`${base}/subscribe?topic=${encodeURIComponent(topic)}`, {
            signal: controller.signal,
          });
          const decoder = new TextDecoder();
          let received = '';
          const reader = response.body!.getReader();
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            received += decoder.decode(chunk.value, { stream: true });
            const events = received.split('\n\n');
            received = events.pop()!;
            for (const event of events) {
              if (event === 'data: subscribed') registered();
              else if (event === 'data: message' && !stopped) listener();
            }
          }
        } catch {
          // aborted: unsubscribed, or workerd stopped
        } finally {
          registered();
          subscriptions.delete(controller);
        }
      })();
      return () => {
        stopped = true;
        controller.abort();
      };
    },
  };
}
