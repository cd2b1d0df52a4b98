// `npm run bench:element`: how fast <imss-connect> renders, in headless Chromium at 4× CPU throttling (CDP's
// Emulation.setCPUThrottlingRate), as a phone would. Prints ratios measured in this one run; not part of `npm test`.
//
//  1. The form's first render: the script-tag bundle (dist/imss-connect.min.js) against a bare Lit element (Lit and
//     a one-field form, bundled and minified the same way), each in a fresh page, alternating, BENCH_RUNS times;
//     the p50 of each and their ratio (goal: at most 1.5×), measured twice: for the element alone, from its
//     creation (its script already run) to its form laid out; and for a page with the element in its markup, from
//     the start of the navigation to the form laid out (what a person waits for: the script loaded and run too).
//  2. The success card's first render, from the moment the proxy's `ready` answer is read to the card on screen,
//     against the real proxy and sandbox (in this process, as `npm start` runs them); and whether the card's Intl
//     formatters were made before that answer arrived (the element makes them while the person types).
//
// Run `npm run build` first. BENCH_RUNS (default 15) sets the number of runs.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { build } from 'vite';
import { chromium, type Page } from 'playwright-core';
import { createDemoBackend, DEMO_BASE_PATH } from '../src/server/demo-backend.js';
import { chromeArgs, findChrome } from './chrome.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const THROTTLING = 4;
const GOAL = 1.5;

const BARE_ELEMENT = `
import { LitElement, html, css } from 'lit';
class BareElement extends LitElement {
  static styles = css\`:host { display: block }\`;
  render() {
    return html\`<form><label for="x">CURP</label><input id="x" /><button>Enviar</button></form>\`;
  }
}
customElements.define('bare-element', BareElement);
`;

/** The bare element, bundled and minified as the element's script-tag bundle is (vite, IIFE, es2022). */
async function bareBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bare-entry',
        enforce: 'pre',
        resolveId: (id) => (id.endsWith('virtual:bare') ? '\0bare' : undefined),
        load: (id) => (id === '\0bare' ? BARE_ELEMENT : undefined),
      },
    ],
    build: {
      write: false,
      target: 'es2022',
      lib: { entry: 'virtual:bare', formats: ['iife'], name: 'Bare', fileName: () => 'bare.js' },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as { output: Array<{ code: string }> };
  return result.output[0]!.code;
}

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const element = await readFile(new URL('../dist/imss-connect.min.js', import.meta.url), 'utf8').catch(
    () => {
      throw new Error('dist/imss-connect.min.js is missing: run `npm run build` first.');
    },
  );
  const scripts: Record<string, string> = { '/imss-connect.js': element, '/bare.js': await bareBundle() };
  const backend = createDemoBackend({ timeScale: 0.1, attemptsPerCurp: 1_000_000 });
  const api = getRequestListener(backend.fetch);
  const server = createServer((req, res) =>
    serve(req, res).catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    }),
  );
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(DEMO_BASE_PATH)) {
      await api(req, res);
    } else if (scripts[url.pathname]) {
      // The bundle is UTF-8 (its Spanish texts, the CURP alphabet's Ñ): said so, as a partner's server must.
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(scripts[url.pathname]);
    } else if (url.searchParams.has('tag')) {
      // A page that has the element in its markup, as a partner's onboarding page does: the time from the start of
      // the navigation to the form laid out includes loading, compiling and running the script.
      const tag = url.searchParams.get('tag') === 'bare-element' ? 'bare-element' : 'imss-connect';
      const script = tag === 'bare-element' ? '/bare.js' : '/imss-connect.js';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="es-MX"><body><${tag} privacy-url="/aviso"></${tag}><script src="${script}"></script>` +
          `<script>(async () => { const el = document.querySelector('${tag}'); await el.updateComplete;` +
          ` el.shadowRoot.querySelector('input').getBoundingClientRect(); window.formLaidOutAt = performance.now(); })();` +
          `</script></body></html>`,
      );
    } else {
      const script = url.searchParams.get('script') ?? '/imss-connect.js';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="es-MX"><body><script src="${script}"></script></body></html>`);
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });

  /** A fresh page (no cache, no template prepared, no Intl object made), throttled, at `query`. */
  async function freshPage(query: string): Promise<Page> {
    const context = await browser.newContext();
    // The functions below run in the page as tsx compiled them, naming functions with its `__name` helper.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING });
    await page.goto(`${origin}/?${query}`);
    return page;
  }

  /** Creates the element, appends it and waits until its form is rendered and laid out. */
  const firstRender = (page: Page, tag: string) =>
    page.evaluate(async (tag) => {
      const start = performance.now();
      const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
      el.setAttribute('privacy-url', '/aviso');
      document.body.append(el);
      await el.updateComplete;
      el.shadowRoot!.querySelector('input')!.getBoundingClientRect();
      return performance.now() - start;
    }, tag);

  try {
    const times = { element: [] as number[], bare: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      for (const [which, script, tag] of [
        ['element', '/imss-connect.js', 'imss-connect'],
        ['bare', '/bare.js', 'bare-element'],
      ] as const) {
        const page = await freshPage(`script=${script}`);
        times[which].push(await firstRender(page, tag));
        await page.context().close();
      }
    }
    const ratio = p50(times.element) / p50(times.bare);
    console.log(`First render of the form at ${THROTTLING}× CPU throttling, p50 of ${RUNS} fresh pages:`);
    console.log(`  from the element's creation (its script already run) to its form laid out:`);
    console.log(`    <imss-connect> ${ms(p50(times.element))}, a bare Lit element ${ms(p50(times.bare))}`);
    console.log(`    ratio ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×)${ratio <= GOAL ? '' : '  OVER THE GOAL'}`);

    const pages = { element: [] as number[], bare: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      for (const [which, tag] of [
        ['element', 'imss-connect'],
        ['bare', 'bare-element'],
      ] as const) {
        const page = await freshPage(`tag=${tag}`);
        await page.waitForFunction(() => 'formLaidOutAt' in window);
        pages[which].push(await page.evaluate(() => (window as { formLaidOutAt?: number }).formLaidOutAt!));
        await page.context().close();
      }
    }
    const pageRatio = p50(pages.element) / p50(pages.bare);
    console.log(
      `  from the start of a page with the element in its markup to its form laid out (script loaded and run):`,
    );
    console.log(`    <imss-connect> ${ms(p50(pages.element))}, a bare Lit element ${ms(p50(pages.bare))}`);
    console.log(
      `    ratio ${pageRatio.toFixed(2)}× (goal ≤ ${GOAL}×)${pageRatio <= GOAL ? '' : '  OVER THE GOAL'}`,
    );

    const cards: number[] = [];
    let formattersEarly = 0;
    for (let run = 0; run < RUNS; run++) {
      const page = await freshPage('script=/imss-connect.js');
      const { card, early } = await page.evaluate(async () => {
        // Counts the Intl objects made, and when: the card's formatters must exist before the answer arrives.
        const made: number[] = [];
        for (const name of ['NumberFormat', 'DateTimeFormat', 'ListFormat'] as const) {
          const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
          (Intl as Record<string, unknown>)[name] = new Proxy(Original, {
            construct(target, args) {
              made.push(performance.now());
              return new target(...args);
            },
          });
        }
        let answered = 0;
        const fetchReady: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          if ((init?.method ?? 'GET') === 'GET') {
            const text = await response.text();
            if (text.includes('"ready"')) answered = performance.now();
            return new Response(text, { status: response.status, headers: response.headers });
          }
          return response;
        };
        const el = document.createElement('imss-connect') as HTMLElement & {
          updateComplete: Promise<unknown>;
          fetch: typeof fetch;
          submit(): boolean;
        };
        el.setAttribute('consent-given', '');
        el.fetch = fetchReady;
        document.body.append(el);
        // As a person would: the CURP typed (the field shows its birth date), then sent.
        el.setAttribute('curp', 'GALM900514MDFRPR04');
        await el.updateComplete;
        const succeeded = new Promise((resolve) => el.addEventListener('imss-success', resolve));
        el.submit();
        await succeeded;
        await el.updateComplete;
        el.shadowRoot!.querySelector('[part~=result]')!.getBoundingClientRect();
        return {
          card: performance.now() - answered,
          early: made.every((time) => time < answered) && made.length > 0,
        };
      });
      cards.push(card);
      if (early) formattersEarly++;
      await page.context().close();
    }
    console.log(
      `Success card's first render at ${THROTTLING}× CPU throttling, from the ready answer read to the card laid out:`,
    );
    console.log(`  p50 ${ms(p50(cards))} over ${RUNS} fresh pages`);
    console.log(
      `  Intl formatters all made before the answer arrived: ${formattersEarly === RUNS ? 'yes' : 'NO'} (${formattersEarly} of ${RUNS} runs)`,
    );
  } finally {
    await browser.close();
    server.close();
    backend.dispose();
  }
}

await main();
