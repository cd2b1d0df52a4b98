// A Durable Object holding createDurableObjectState(ctx.storage), its methods exposed over HTTP, so that the
// ProxyState contract (test/backend/state-contract.test.ts) runs on real Durable Object storage in workerd:
// `POST /{binding}/{object}/call` with `{ method, args }` answers `{ result }`; `GET /{binding}/{object}/subscribe?
// topic=…` streams server-sent events, `subscribed`, then `message` per message; `GET /{binding}/{object}/keys` lists the
// keys in storage. Two bindings, the same class on key-value storage (STATE) and on SQLite storage (SQLITE_STATE).
import { createDurableObjectState, type DurableObjectStorageLike } from '../../src/proxy/durable-object.js';
import type { ProxyState } from '../../src/proxy/index.js';
import { decode, encode, type StateCall } from './state-wire.js';

interface Namespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

const CALLABLE = new Set<string>([
  'get',
  'compareAndSet',
  'setIfAbsent',
  'holdLease',
  'releaseLease',
  'takeFromWindow',
  'placesLeft',
  'giveBack',
  'closeWindow',
  'append',
  'takeAll',
  'schedule',
  'unschedule',
  'due',
  'publish',
] satisfies Array<keyof ProxyState>);

export class StateObject {
  readonly #storage: DurableObjectStorageLike;
  readonly #state: ProxyState;

  constructor(ctx: { storage: DurableObjectStorageLike }) {
    this.#storage = ctx.storage;
    this.#state = createDurableObjectState(ctx.storage);
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const action = url.pathname.split('/')[3];
    if (action === 'subscribe') return this.#subscription(url.searchParams.get('topic') ?? '');
    if (action === 'keys') return Response.json([...(await this.#storage.list({})).keys()]);
    const { method, args } = decode(await request.text()) as StateCall;
    if (!CALLABLE.has(method)) return Response.json({ error: 'TypeError', message: method }, { status: 400 });
    try {
      const call = this.#state[method as keyof ProxyState] as (...args: unknown[]) => Promise<unknown>;
      return new Response(encode({ result: await call(...args) }));
    } catch (error) {
      const { name, message } = error as Error;
      return Response.json({ error: name, message }, { status: 500 });
    }
  }

  #subscription(topic: string): Response {
    const event = (data: string) => new TextEncoder().encode(`data: ${data}\n\n`);
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(event('subscribed'));
        stop = this.#state.subscribe(topic, () => {
          try {
            controller.enqueue(event('message'));
          } catch {
            stop(); // the client has gone
          }
        });
      },
      cancel: () => stop(),
    });
    // An event stream is sent as it is written; a text/plain body would be compressed, so held back.
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }
}

export class SqliteStateObject extends StateObject {}

export default {
  fetch(request: Request, env: Record<string, Namespace>): Promise<Response> | Response {
    const [, binding = '', object = ''] = new URL(request.url).pathname.split('/');
    const namespace = env[binding];
    if (!namespace) return new Response('no such binding', { status: 404 });
    return namespace.get(namespace.idFromName(object)).fetch(request);
  },
};
