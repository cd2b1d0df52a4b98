import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BelvoWebhookSchema } from '../../contract/belvo.js';
import { describeIssues, invalidRequest, proxyError } from '../proxy-errors.js';
import type { ProxyLogger } from '../proxy-log.js';
import type { RetrievalFlow } from '../retrieval-flow.js';
import { isAuthorizedWebhook } from '../webhook-auth.js';
import { NOT_JSON, readJson, tooLarge, type BackgroundOf } from './route-helpers.js';

/** Webhooks are small JSON documents. */
const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

/** POST /webhooks/belvo: Belvo's webhooks, server to server. */
export function webhookRoutes(options: {
  flow: RetrievalFlow;
  webhookAuthorization: string;
  log: ProxyLogger;
  backgroundOf: BackgroundOf;
}): Hono {
  const { flow, webhookAuthorization, log, backgroundOf } = options;
  const app = new Hono();

  app.post('/belvo', bodyLimit({ maxSize: MAX_WEBHOOK_BODY_BYTES, onError: tooLarge }), async (c) => {
    if (!(await isAuthorizedWebhook(c.req.header('authorization'), webhookAuthorization))) {
      log({ event: 'webhook_rejected', status: 401 });
      return c.json(proxyError('unauthorized', 'Missing or wrong Authorization.'), 401);
    }
    // An authorised body the proxy cannot read is answered 400 and dropped. Belvo (its webhook documentation)
    // retries a delivery that is not answered 2xx, so it sends the same unreadable body a few more times, then
    // gives up: nothing that could have been used is lost. Any webhook naming a link (`link_id`) is accepted
    // (see BelvoWebhookSchema), so a readable one is never refused this way.
    const body: unknown = await readJson(c);
    if (body === NOT_JSON) {
      log({ event: 'webhook_rejected', status: 400 });
      return c.json(invalidRequest('The body is not JSON.'), 400);
    }
    const webhook = BelvoWebhookSchema.safeParse(body);
    if (!webhook.success) {
      log({ event: 'webhook_rejected', status: 400 });
      const issues = describeIssues(webhook.error.issues, body);
      return c.json(
        invalidRequest('The body is not a Belvo webhook: it must be a JSON object with a link_id.', issues),
        400,
      );
    }
    // Recorded (de-duplicated, parked or applied) before the 2xx, so that an answered webhook is never lost; the
    // download that may follow runs after the answer (Belvo expects one within seconds and retries otherwise).
    await flow.receiveWebhook(webhook.data, backgroundOf(c));
    return c.body(null, 204);
  });

  return app;
}
