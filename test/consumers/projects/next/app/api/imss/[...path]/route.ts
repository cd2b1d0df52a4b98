// The proxy in a Next.js route handler, as README's "Mounting it" shows, with the package's sandbox playing Belvo
// in-process: the proxy's Belvo fetch is the sandbox's, and the sandbox posts its webhooks to this app directly.
import { Hono } from 'hono';
import { createImssProxy } from 'imss-connect/proxy';
import { createBelvoSandbox } from 'imss-connect/sandbox';

const keys = { secretId: 'next-consumer-id', secretPassword: 'next-consumer-password' };
const webhookAuthorization = 'Bearer next-consumer-webhook-token';

const app = new Hono();
const sandbox = createBelvoSandbox({
  ...keys,
  webhookUrl: 'https://next-consumer.invalid/api/imss/webhooks/belvo',
  webhookAuthorization,
  timeScale: 0.05,
  fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
});
app.route(
  '/api/imss',
  createImssProxy({
    belvo: {
      baseUrl: 'https://belvo-sandbox.invalid',
      ...keys,
      fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    },
    webhookAuthorization,
    authorize: 'open', // the sandbox's invented people; a real Belvo needs the signed-in applicant (README)
  }),
);

const handle = (request: Request) => app.fetch(request);
export const GET = handle,
  POST = handle,
  DELETE = handle,
  OPTIONS = handle;
