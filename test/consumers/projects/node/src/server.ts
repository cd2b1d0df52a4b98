// A partner's Node backend: node:http with the proxy at /api/imss through toNodeHandler (no Hono imported here),
// Belvo played by the package's sandbox, and static files (the React and Vue consumers' builds) around it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createImssProxy, toNodeHandler } from 'imss-connect/proxy';
import { createBelvoSandbox, type BelvoSandbox } from 'imss-connect/sandbox';

const keys = { secretId: 'consumer-id', secretPassword: 'consumer-password' };
const webhookAuthorization = 'Bearer consumer-webhook-token';
const staticRoot = process.argv[2] ?? '.';
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

// Belvo's API is answered in-process by the sandbox, created once the server's port (its webhook URL) is known.
let sandbox: BelvoSandbox | undefined;
const proxy = createImssProxy({
  belvo: {
    baseUrl: 'https://belvo.invalid',
    ...keys,
    fetch: (input, init) => sandbox!.fetch(new Request(input, init)),
  },
  webhookAuthorization,
});
const imss = toNodeHandler(proxy, { basePath: '/api/imss' });

const server = createServer(async (request, response) => {
  if (request.url?.startsWith('/api/imss/')) return imss(request, response);
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  try {
    const body = await readFile(join(staticRoot, path.endsWith('/') ? `${path}index.html` : path));
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/html' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = createBelvoSandbox({
    ...keys,
    webhookUrl: `${origin}/api/imss/webhooks/belvo`,
    webhookAuthorization,
    timeScale: 0.05,
  });
  console.log(`listening on ${origin}`);
});
process.on('SIGTERM', () => {
  sandbox?.dispose();
  server.closeAllConnections();
  server.close();
});
