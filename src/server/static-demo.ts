import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A built demo page in a folder of this process's own, and how to remove it. */
export interface BuiltDemoPage {
  root: string;
  remove(): Promise<void>;
}

/**
 * Builds the demo page (about a second), so what is served matches the sources. Each process builds into a
 * temporary folder of its own: several instances started at once (a multi-instance set-up, its tests) must not
 * empty the folder another one is serving from.
 */
export async function buildDemoPage(): Promise<BuiltDemoPage> {
  const { build } = await import('vite');
  const root = await mkdtemp(join(tmpdir(), 'imss-connect-demo-'));
  await build({ root: PROJECT_ROOT, mode: 'demo', logLevel: 'warn', build: { outDir: root } });
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Serves the files of `root`: GET and HEAD of its files, 404 for anything else; security headers on all. */
export function staticDemoApp(root: string): Hono {
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
