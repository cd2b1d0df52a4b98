import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CreateLinkResponse, ProxyErrorResponse } from '../../contract/proxy-api.js';
import { MAX_WAIT_SECONDS } from '../../contract/proxy-api.js';
import { readLinkRequest } from '../link-request.js';
import { parseWaitSeconds, type LinkUseCases } from '../link-use-cases.js';
import { invalidRequest, proxyError } from '../proxy-errors.js';
import { tooLarge, type BackgroundOf } from './route-helpers.js';

/** Request bodies are a CURP and two short ids. */
const MAX_LINK_BODY_BYTES = 4 * 1024;

/** POST /links, GET /links/{session} (long poll) and DELETE /links/{session}, for the browser. */
export function linksRoutes(links: LinkUseCases, backgroundOf: BackgroundOf): Hono {
  const app = new Hono();

  app.post('/', bodyLimit({ maxSize: MAX_LINK_BODY_BYTES, onError: tooLarge }), async (c) => {
    const body: unknown = await c.req.json().catch(() => NOT_JSON);
    if (body === NOT_JSON) return c.json(invalidRequest('The body must be a JSON object.'), 400);
    const request = readLinkRequest(body);
    if (!request.ok) return c.json(request.body, request.status);
    const opened = await links.start(request, backgroundOf(c));
    if (!opened) return c.json(dailyLimit(), 429);
    return c.json({ session: opened.handle, status: 'pending' } satisfies CreateLinkResponse, 202);
  });

  app.get('/:session', async (c) => {
    const waitSeconds = parseWaitSeconds(c.req.query('wait'));
    if (waitSeconds === undefined) {
      return c.json(invalidRequest(`wait must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`), 400);
    }
    const status = await links.status(
      c.req.param('session'),
      waitSeconds * 1000,
      () => c.req.raw.signal,
      backgroundOf(c),
    );
    return status ? c.json(status) : c.json(notFound(), 404);
  });

  app.delete('/:session', async (c) => {
    if (!(await links.withdraw(c.req.param('session'), backgroundOf(c)))) return c.json(notFound(), 404);
    return c.body(null, 204);
  });

  return app;
}

const NOT_JSON = Symbol('not JSON');

function dailyLimit(): ProxyErrorResponse {
  return proxyError(
    'daily_limit',
    'This CURP has used up its IMSS attempts for today. Please try again tomorrow.',
  );
}

function notFound(): ProxyErrorResponse {
  return proxyError('not_found', 'No such session: it never existed, expired or was deleted.');
}
