import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { securityHeaders } from './security-headers.js';

/**
 * The demo page as `npm start` serves it with a real Belvo: the output of `vite build --mode demo` (demo-dist/),
 * files only, with security headers. Unlike Vite's dev server it has no access to the project's sources, so the
 * port can be exposed (a tunnel for Belvo's webhooks) without publishing them.
 */

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIST = fileURLToPath(new URL('../../demo-dist/', import.meta.url));

/** Builds the demo page into demo-dist/ (about a second), so what is served matches the sources. */
export async function buildDemoPage(): Promise<void> {
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, mode: 'demo', logLevel: 'warn' });
}

/** Serves `root` (default demo-dist/): GET and HEAD of its files, 404 for anything else; security headers on all. */
export function staticDemoApp(root: string = DEMO_DIST): Hono {
  if (!existsSync(`${root}/index.html`)) throw new Error(`No built demo page in ${root}.`);
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite names built assets by their content hash: a changed file has a new name.
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.get('*', serveStatic({ root }));
  app.all('*', (c) => c.text('Not found', 404));
  return app;
}
