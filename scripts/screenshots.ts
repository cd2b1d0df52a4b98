// `npm run screenshots`: every state of <imss-connect> (Storybook's "Every state" page, from `npm run build-storybook`)
// photographed in headless Chromium at 1280 px, 320 px, in dark colours and at 200% zoom, into screenshots/; then a
// keyboard-only walk (Tab through the whole page) that lists what takes focus, and fails on a focused element
// without a visible focus ring. For people to look at: not part of `npm test`.
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from './chrome.js';

const ROOT = new URL('../storybook-static/', import.meta.url).pathname;
const OUT = new URL('../screenshots/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const PAGE = 'iframe.html?id=imss-connect-every-state--every-state&viewMode=story';

const server = createServer((req, res) => {
  const path = join(ROOT, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  readFile(path).then(
    (body) =>
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${PAGE}`;
const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });
await mkdir(OUT, { recursive: true });

/** Waits until every element of the page has left its first moments (its state shows). */
async function settled(page: import('playwright-core').Page): Promise<void> {
  await page.waitForSelector('imss-connect');
  await page.waitForTimeout(4000);
}

try {
  // 200% zoom: half the CSS pixels of a 1280 px window, each drawn twice as large.
  const views = [
    { name: '1280', viewport: { width: 1280, height: 900 }, scale: 1, dark: false },
    { name: '320', viewport: { width: 320, height: 700 }, scale: 1, dark: false },
    { name: '320-dark', viewport: { width: 320, height: 700 }, scale: 1, dark: true },
    { name: 'zoom-200', viewport: { width: 640, height: 450 }, scale: 2, dark: false },
  ];
  for (const view of views) {
    const context = await browser.newContext({
      viewport: view.viewport,
      deviceScaleFactor: view.scale,
      colorScheme: view.dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    await page.goto(url);
    await settled(page);
    const overflowing = await page.evaluate(
      () =>
        [...document.querySelectorAll('imss-connect')].filter((el) => el.scrollWidth > el.clientWidth + 1)
          .length,
    );
    await page.screenshot({ path: `${OUT}every-state-${view.name}.png`, fullPage: true });
    console.log(
      `screenshots/every-state-${view.name}.png${overflowing ? `: ${overflowing} elements overflow` : ''}`,
    );
    await context.close();
  }

  // Keyboard only: Tab from the top of the page to its end, noting each stop and whether its focus ring shows.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await settled(page);
  const stops: string[] = [];
  const unringed: string[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      const path: string[] = [];
      while (active?.shadowRoot?.activeElement) {
        path.push(active.tagName.toLowerCase());
        active = active.shadowRoot.activeElement;
      }
      if (!active || active === document.body) return null;
      const style = getComputedStyle(active);
      const label = (active.textContent || active.getAttribute('aria-label') || active.id || '')
        .trim()
        .slice(0, 40);
      const state =
        active.getRootNode() instanceof ShadowRoot ? (active.getRootNode() as ShadowRoot).host : null;
      const caption = state?.closest('figure')?.querySelector('figcaption')?.textContent ?? '';
      return {
        text: `${caption} › ${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''} "${label}"`,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!stop) break;
    if (stops.at(-1) === stop.text) break;
    stops.push(stop.text);
    if (!stop.ring) unringed.push(stop.text);
  }
  console.log(`Keyboard: ${stops.length} stops`);
  for (const stop of stops) console.log(`  ${stop}`);
  if (unringed.length) {
    console.error(`No visible focus ring on:\n  ${unringed.join('\n  ')}`);
    process.exitCode = 1;
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
