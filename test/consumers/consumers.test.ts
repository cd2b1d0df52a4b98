// The package as partners get it: `npm pack`, then small consumer projects built from the tarball — React 19 with
// TypeScript strict (wrapper, hook, bare tag), a Vue 3 SFC under `vue-tsc` strict templates, a node:http server
// mounting the proxy without importing Hono, a Lit SSR render, a script-tag page's own TypeScript and a Next.js App
// Router project — each type-checked and built; the React and Vue pages then complete a retrieval in Chromium
// against that server and the package's sandbox, and the Next.js page against its own route handler under
// `next start`.
// Offline: the tarball is unpacked into the consumers' node_modules, and their other dependencies are links to
// this repository's installed ones (what `npm ci` put there), so nothing is downloaded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { chromeArgs, findChrome } from '../../scripts/chrome.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('projects/', import.meta.url));
const consumers = ['react', 'vue', 'node', 'ssr', 'script-tag', 'next'] as const;
// Next.js asks to send usage data unless told not to; nothing here may reach the network.
const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

let work: string;
let packed: string[];
// The consumers' builds, started side by side in the second `before`, awaited by the tests that need them.
let react: Promise<string>;
let vue: Promise<string>;
let server: Promise<string>;
let ssr: Promise<string>;
let reactMarkup: Promise<string>;
let scriptTag: Promise<string>;
let nextBuild: Promise<string>;
// One Chromium for every page, launched by the first describe that needs it and closed by the last `after`.
let chrome: Promise<Browser> | undefined;
const launchChrome = () =>
  (chrome ??= chromium.launch({ executablePath: findChrome(), headless: true, args: chromeArgs }));

/** Runs a Node script in a consumer's folder; its output is in the error when it fails. */
async function node(
  consumer: string,
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [script, ...args], {
      cwd: join(work, consumer),
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${consumer}: ${script} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

/** A tool of the consumers' node_modules, e.g. `typescript/bin/tsc`. */
const tool = (consumer: string, bin: string, args: string[]) =>
  node(consumer, join(work, 'node_modules', bin), args);
const nextBin = () => join(work, 'node_modules/next/dist/bin/next');

const tsc = (consumer: string) => tool(consumer, 'typescript/bin/tsc', ['-p', '.']);
const viteBuild = (consumer: string) =>
  tool(consumer, 'vite/bin/vite.js', ['build', '--base', './', '--logLevel', 'warn']);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'imss-consumers-'));
  // `npm test` builds first (see package.json); --ignore-scripts packs that build instead of making another.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: root,
  });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packed = pack.files.map((file) => file.path).sort();

  const installed = join(work, 'node_modules', 'imss-connect');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(work, pack.filename), '-C', installed, '--strip-components=1']);

  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  const needed = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  for (const consumer of consumers) {
    await cp(join(fixtures, consumer), join(work, consumer), { recursive: true });
    const declared = JSON.parse(await readFile(join(fixtures, consumer, 'package.json'), 'utf8'));
    for (const name of Object.keys({ ...declared.dependencies, ...declared.devDependencies }))
      needed.add(name);
  }
  needed.delete('imss-connect');
  for (const name of needed) {
    const target = join(root, 'node_modules', name);
    assert.ok(existsSync(target), `${name} is not installed in this repository: run npm ci`);
    await mkdir(dirname(join(work, 'node_modules', name)), { recursive: true });
    await symlink(target, join(work, 'node_modules', name), 'dir');
  }
});

after(async () => {
  await chrome?.then(
    (browser) => browser.close(),
    () => {},
  );
  if (work) await rm(work, { recursive: true, force: true });
});

/** Opens a page in Chromium, collecting its console errors (and, with `warnings`, warnings) and uncaught exceptions. */
async function open(url: string, { warnings = false } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await (await launchChrome()).newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || (warnings && message.type() === 'warning'))
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems };
}

/** Types a CURP key by key into the element's field, then Enter, as a person would. */
async function submit(scope: Locator, curp: string): Promise<void> {
  const input = scope.getByRole('textbox', { name: 'CURP' });
  await input.pressSequentially(curp);
  await input.press('Enter');
}

/** `promise`, or a rejection naming `what` after `ms`: no wait in this file is unbounded. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('npm pack ships the built package and nothing else', () => {
  // Content-hashed chunk names vary from build to build.
  const shipped = [...new Set(packed.map((path) => path.replace(/-[\w-]{8}\.js$/, '-[hash].js')))];
  const declarations = shipped.filter((path) => path.startsWith('dist/types/'));
  assert.deepEqual(
    shipped.filter((path) => !path.startsWith('dist/types/')),
    [
      'LICENSE',
      'README.md',
      'custom-elements.json',
      'dist/belvo-[hash].js',
      'dist/check-curp-[hash].js',
      'dist/constant-time-[hash].js',
      'dist/contract.js',
      'dist/curp.js',
      'dist/define.js',
      'dist/imss-connect.en.min.js',
      'dist/imss-connect.min.js',
      'dist/index.js',
      'dist/proxy-api-[hash].js',
      'dist/proxy-durable-object.js',
      'dist/proxy-redis.js',
      'dist/proxy-state-[hash].js',
      'dist/proxy.js',
      'dist/react.js',
      'dist/sandbox.js',
      'dist/summary.js',
      'dist/vue.js',
      'package.json',
    ],
  );
  assert.ok(declarations.length > 0 && declarations.every((path) => path.endsWith('.d.ts')));
  for (const entry of ['index', 'element/define', 'react/index', 'vue/index', 'proxy/index', 'standalone']) {
    assert.ok(declarations.includes(`dist/types/${entry}.d.ts`), `dist/types/${entry}.d.ts`);
  }
});

describe('consumers type-check and build from the tarball', () => {
  before(() => {
    react = tsc('react').then(() => viteBuild('react'));
    vue = tool('vue', 'vue-tsc/bin/vue-tsc.js', ['-p', '.']).then(() => viteBuild('vue'));
    server = tsc('node');
    const ssrBuilt = tsc('ssr');
    ssr = ssrBuilt.then(() => node('ssr', 'build/render.js'));
    reactMarkup = ssrBuilt.then(() => node('ssr', 'build/react-markup.js'));
    scriptTag = tsc('script-tag');
    nextBuild = node('next', nextBin(), ['build'], nextEnv);
    // Failures are reported by the tests; unhandled until then they would end the run.
    for (const step of [react, vue, server, ssr, reactMarkup, scriptTag, nextBuild]) step.catch(() => {});
  });

  test('React 19 + TypeScript strict: wrapper, hook and bare tag typed, misuse refused, Vite build', async () => {
    await react;
    assert.ok(existsSync(join(work, 'react/dist/index.html')));
  });

  test('Vue 3 SFC: vue-tsc strict templates with typed events, misuse refused, Vite build', async () => {
    await vue;
    assert.ok(existsSync(join(work, 'vue/dist/index.html')));
  });

  test('a node:http server mounting the proxy type-checks under NodeNext without importing Hono', async () => {
    await server;
    const source = await readFile(join(work, 'node/src/server.ts'), 'utf8');
    assert.doesNotMatch(source, /from 'hono|@hono\//);
  });

  test('a page loading the script-tag bundle gets the tag and its events typed', async () => {
    await scriptTag;
  });

  test('Next.js 16 App Router: a Server Component rendering the wrapper, and a route handler, pass next build', async () => {
    const output = await nextBuild;
    assert.match(output, /Finished TypeScript/); // the type-check ran, over the project's tsconfig (strict)
    assert.match(output, /ƒ \/api\/imss\/\[\.\.\.path\]/); // the proxy's route, dynamic
    assert.match(output, /○ \/\s/); // the page, prerendered: the client components rendered on the server
  });

  test('React server rendering writes the wrapper’s properties as attributes, for the element before hydration', async () => {
    const markup = await reactMarkup;
    assert.match(markup, /^<imss-connect [^>]*>/);
    const tag = /^<imss-connect [^>]*>/.exec(markup)![0];
    assert.match(tag, /\bprivacy-url="\/aviso-de-privacidad"/);
    assert.match(tag, /\bconsent-given=""/);
    assert.match(tag, /\bendpoint="\/api\/imss"/);
    assert.doesNotMatch(tag, /hide-summary|messages|\[object/);
  });

  test('Lit SSR renders the element with a declarative shadow root', async () => {
    const markup = await ssr;
    assert.match(markup, /<imss-connect[^>]*privacy-url="\/aviso-de-privacidad"/);
    assert.match(markup, /<template shadowroot="open" shadowrootmode="open"/);
    assert.match(markup, /part="input"/);
  });
});

describe('the React and Vue consumers in Chromium, against the node:http consumer and the sandbox', () => {
  let backend: ChildProcess;
  let origin: string;

  before(
    async () => {
      await Promise.all([react, vue, server, launchChrome()]);
      backend = spawn(process.execPath, ['build/server.js', work], {
        cwd: join(work, 'node'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      origin = await new Promise<string>((resolve, reject) => {
        let output = '';
        backend.stdout!.on('data', (chunk: Buffer) => {
          output += chunk;
          const listening = /listening on (http:\S+)/.exec(output);
          if (listening) resolve(listening[1]!);
        });
        backend.once('exit', (code) => reject(new Error(`the node consumer exited (${code}):\n${output}`)));
      });
    },
    { timeout: 240_000 },
  );

  after(() => {
    backend?.kill('SIGTERM');
  });

  test('React: the wrapper (hook state, onError) and the bare tag (hook onSuccess) each complete a retrieval', async () => {
    const { page, problems } = await open(`${origin}/react/dist/index.html`);
    const [wrapper, bare] = [page.locator('section').nth(0), page.locator('section').nth(1)];
    await wrapper.getByRole('checkbox').check(); // the wrapper has a privacy notice to consent to
    await submit(wrapper, 'SAMC920320MVZNRR04');
    await page.locator('#wrapper-summary').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#wrapper-summary').innerText(), '2 empleo(s) actual(es)');

    await submit(bare, 'HEGJ850101HJCRNN06');
    await page.locator('#bare-summary').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#bare-summary').innerText(), '12 job(s)');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Vue: the SFC hears imss-success with the summary, in English', async () => {
    const { page, problems } = await open(`${origin}/vue/dist/index.html`);
    await submit(page.locator('main'), 'HEGJ850101HJCRNN06');
    await page
      .getByRole('heading', { name: 'Your employment history', exact: true })
      .waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#host-summary').innerText(), '12 job(s)');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('the Next.js consumer in Chromium, under next start', () => {
  let nextServer: ChildProcess | undefined;
  let origin: string;

  before(
    async () => {
      await Promise.all([nextBuild, launchChrome()]);
      // Its own process group, so that `after` ends whatever it starts.
      nextServer = spawn(process.execPath, [nextBin(), 'start', '--hostname', '127.0.0.1', '--port', '0'], {
        cwd: join(work, 'next'),
        env: nextEnv,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = nextServer;
      origin = await within(
        new Promise<string>((resolve, reject) => {
          let output = '';
          const read = (chunk: Buffer) => {
            output += chunk;
            const local = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
            if (local && /Ready in/.test(output)) resolve(local[1]!);
          };
          started.stdout!.on('data', read);
          started.stderr!.on('data', read);
          started.once('exit', (code) => reject(new Error(`next start exited (${code}):\n${output}`)));
        }),
        30_000,
        'next start',
      );
    },
    { timeout: 240_000 },
  );

  after(async () => {
    const started = nextServer;
    if (!started?.pid || started.exitCode !== null || started.signalCode !== null) return;
    const exited = new Promise((resolve) => started.once('exit', resolve));
    killGroup(started.pid, 'SIGTERM');
    await within(exited, 5_000, 'next start stopping').catch(() => killGroup(started.pid!, 'SIGKILL'));
  });

  /** Signals a process group; one that has already gone is fine. */
  function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  test('the wrapper in the Server Component tree and in a client component (hook) each complete a retrieval, console clean', async () => {
    const { page, problems } = await open(`${origin}/`, { warnings: true });
    // The server's HTML already carries the wrapper's configuration as attributes.
    const served = await (await fetch(`${origin}/`, { signal: AbortSignal.timeout(10_000) })).text();
    assert.match(served, /<imss-connect [^>]*privacy-url="\/aviso-de-privacidad"/);

    const serverTree = page.locator('#server-tree');
    await serverTree.getByRole('checkbox').check(); // privacyUrl given: a notice to consent to
    await submit(serverTree, 'GALM900514MDFRPR04');
    await serverTree
      .getByRole('heading', { name: 'Tu historial laboral', exact: true })
      .waitFor({ timeout: 15_000 });

    // The hook hears the element only once React has hydrated the client component.
    const clientComponent = page.locator('#client-component[data-hydrated]');
    await clientComponent.waitFor({ timeout: 15_000 });
    await clientComponent.getByRole('checkbox').check();
    await submit(clientComponent, 'HEGJ850101HJCRNN06');
    await clientComponent
      .getByRole('heading', { name: 'Your employment history', exact: true })
      .waitFor({ timeout: 15_000 });
    await page.locator('#host-summary').waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('#host-summary').innerText(), '1 current job(s)');

    // No hydration mismatch, no "set privacy-url or consent-given", nothing else either.
    assert.deepEqual(problems, []);
    await page.close();
  });
});
