import type { IncomingMessage, ServerResponse } from 'node:http';

/** Anything with a web-standard fetch handler: the app createImssProxy returns, or a Hono app it is routed in. */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

export interface NodeHandlerOptions {
  /**
   * Where the proxy is mounted, e.g. `/api/imss`: removed from the start of each request's path before the proxy
   * sees it. Express's `app.use('/api/imss', …)` removes it already; a plain `node:http` server does not.
   */
  basePath?: string;
}

/** Express and Connect also pass `next`; a handler for the proxy's own paths never calls it. */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * The proxy as a Node request handler, for Express, Fastify, Koa or `node:http`, with no Hono in the host's code:
 *
 * ```ts
 * app.use('/api/imss', toNodeHandler(createImssProxy({ … })));
 * ```
 *
 * The request body is streamed to the proxy: mount it before a body parser, or leave the parsed body in
 * `request.body` (Express's `express.json()` and `express.raw()` do), which is then sent on instead. A client that
 * goes away aborts the request, so a long poll stops waiting for it.
 */
export function toNodeHandler(app: FetchHandler, { basePath = '' }: NodeHandlerOptions = {}): NodeHandler {
  const prefix = basePath.replace(/\/+$/, '');
  return async (request, response) => {
    const aborted = new AbortController();
    response.once('close', () => aborted.abort());
    try {
      const answer = await app.fetch(webRequest(request, prefix, aborted.signal));
      await send(answer, response);
    } catch (error) {
      if (aborted.signal.aborted) return; // the client left: there is no one to answer
      console.error('imss-connect proxy: the request failed outside the proxy', error);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'internal_error', message: 'The IMSS proxy failed.' } }),
        );
      } else {
        response.destroy();
      }
    }
  };
}

function webRequest(request: IncomingMessage, prefix: string, signal: AbortSignal): Request {
  let path = request.url ?? '/';
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`))) {
    path = path.slice(prefix.length) || '/';
  }
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
  const url = new URL(path, `${encrypted ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`);

  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = request.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = (request as IncomingMessage & { body?: unknown }).body;
    if (parsed !== undefined && request.readableEnded) {
      init.body =
        typeof parsed === 'string'
          ? parsed
          : parsed instanceof Uint8Array
            ? new TextDecoder().decode(parsed)
            : JSON.stringify(parsed);
      headers.delete('content-length');
    } else {
      init.body = bodyOf(request);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/**
 * The request's body as a web stream, read as the proxy reads it. Built by hand rather than with node:stream's
 * `Readable.toWeb`, so that `imss-connect/proxy` imports no Node module and bundles for edge runtimes as it is.
 */
function bodyOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = request[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await chunks.next();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: () => void request.destroy(),
  });
}

async function send(answer: Response, response: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // The proxy's answers are small JSON documents, sent whole once ready (a long poll's only when its wait ends).
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, answer.statusText, headers);
  response.end(body);
}
