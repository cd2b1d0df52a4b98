import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CreateLinkResponse, ProxyErrorResponse } from '../../contract/proxy-api.js';
import { MAX_WAIT_SECONDS } from '../../contract/proxy-api.js';
import type { Identification } from '../applicants.js';
import { readLinkRequest } from '../link-request.js';
import { parseWaitSeconds, type LinkUseCases, type StartResult } from '../link-use-cases.js';
import { invalidRequest, proxyError } from '../proxy-errors.js';
import type { ProxyLogger } from '../proxy-log.js';
import { NOT_JSON, readJson, tooLarge, type BackgroundOf } from './route-helpers.js';

/** Request bodies are a CURP and two short ids. */
const MAX_LINK_BODY_BYTES = 4 * 1024;

export interface LinksRoutesOptions {
  links: LinkUseCases;
  backgroundOf: BackgroundOf;
  /** The applicant of a request (the partner's `authorize`), or the answer refusing it. */
  identify: (request: Request, curp: string | undefined) => Promise<Identification>;
  /** The client's address, for the per-client limit; undefined when unknown. */
  clientOf: (c: Context) => string | undefined;
  log: ProxyLogger;
}

/** POST /links, GET /links/{session} (long poll) and DELETE /links/{session}, for the browser. */
export function linksRoutes({ links, backgroundOf, identify, clientOf, log }: LinksRoutesOptions): Hono {
  const app = new Hono();
  const applicantOf = async (c: Context, curp?: string) => {
    const identified = await identify(c.req.raw, curp);
    if (!identified.ok) log({ event: 'applicant_refused', status: identified.status });
    return identified;
  };

  app.post('/', bodyLimit({ maxSize: MAX_LINK_BODY_BYTES, onError: tooLarge }), async (c) => {
    const body: unknown = await readJson(c);
    if (body === NOT_JSON) return c.json(invalidRequest('The body must be a JSON object.'), 400);
    const request = readLinkRequest(body);
    if (!request.ok) return c.json(request.body, request.status);
    const who = await applicantOf(c, request.curp);
    if (!who.ok) return c.json(who.body, who.status);
    const started = await links.start(request, { ...who, client: clientOf(c) }, backgroundOf(c));
    if (!started.ok) return refusal(c, started);
    return c.json({ session: started.handle, status: 'pending' } satisfies CreateLinkResponse, 202);
  });

  app.get('/:session', async (c) => {
    const waitSeconds = parseWaitSeconds(c.req.query('wait'));
    if (waitSeconds === undefined) {
      return c.json(invalidRequest(`wait must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`), 400);
    }
    const who = await applicantOf(c);
    if (!who.ok) return c.json(who.body, who.status);
    const status = await links.status(
      c.req.param('session'),
      who.owner,
      waitSeconds * 1000,
      () => c.req.raw.signal,
      backgroundOf(c),
    );
    return status ? c.json(status) : c.json(notFound(), 404);
  });

  app.delete('/:session', async (c) => {
    const who = await applicantOf(c);
    if (!who.ok) return c.json(who.body, who.status);
    if (!(await links.withdraw(c.req.param('session'), who.owner, backgroundOf(c))))
      return c.json(notFound(), 404);
    return c.body(null, 204);
  });

  return app;
}

/** 429 daily_limit or rate_limited, 503 overloaded; the last two with Retry-After. */
function refusal(c: Context, started: Exclude<StartResult, { ok: true }>): Response {
  if (started.refusal === 'daily_limit') {
    return c.json(
      proxyError(
        'daily_limit',
        'This CURP has used up its IMSS attempts for today. Please try again tomorrow.',
        {
          attemptsLeft: 0,
        },
      ),
      429,
    );
  }
  if (started.refusal === 'overloaded') {
    c.header('Retry-After', String(OVERLOADED_RETRY_SECONDS));
    return c.json(
      proxyError(
        'overloaded',
        'The proxy is handling as many retrievals as it can. Please try again shortly.',
        {
          retryAfterSeconds: OVERLOADED_RETRY_SECONDS,
        },
      ),
      503,
    );
  }
  const { limit, retryAfterSeconds } = started;
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json(proxyError('rate_limited', LIMIT_MESSAGES[limit], { retryAfterSeconds, limit }), 429);
}

const OVERLOADED_RETRY_SECONDS = 5;

const LIMIT_MESSAGES: Record<Extract<StartResult, { refusal: 'rate_limited' }>['limit'], string> = {
  applicant: 'Too many retrievals for this applicant. Please try again later.',
  curp: "This applicant has spent its share of this CURP's IMSS attempts for today.",
  client: 'Too many retrievals from this address. Please try again later.',
  service: 'The service is starting as many retrievals as it may for now. Please try again shortly.',
};

function notFound(): ProxyErrorResponse {
  return proxyError('not_found', 'No such session: it never existed, expired or was deleted.');
}
