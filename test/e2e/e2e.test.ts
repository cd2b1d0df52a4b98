// End to end: real Chromium against `npm start` (the proxy and the embedded sandbox over HTTP), through the demo
// page and the script-tag bundle under a strict CSP. (React, Vue and Node consumers of the packed package: test/consumers.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchConsole } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const STRICT_CSP = "default-src 'self'";

let server: DemoServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  return { page, problems: watchConsole(page) };
}

/** Types a CURP key by key, ticks the consent box and submits with Enter, as a keyboard user would. */
async function submitCurp(page: Page, curp: string, { consent = true } = {}) {
  const input = page.getByRole('textbox', { name: 'CURP' });
  await input.click();
  await input.pressSequentially(curp.toLowerCase());
  if (consent) {
    await page.keyboard.press('Tab'); // the gob.mx link
    await page.keyboard.press('Tab'); // the consent checkbox
    await page.keyboard.press('Space');
  }
  await input.press('Enter');
}

describe('the demo page on npm start', () => {
  test('a person retrieves their history: result card, focus, imss-success on the host page', async () => {
    const { page, problems } = await openPage();
    await page.goto(server.url);
    await submitCurp(page, 'GALM900514MDFRPR04');

    const heading = page.getByRole('heading', { name: 'Tu historial laboral', exact: true });
    await heading.waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () => document.querySelector('imss-connect')?.shadowRoot?.activeElement?.id === 'result',
      undefined,
      { timeout: 2_000 },
    ); // focus moves to the result
    const card = page.locator('imss-connect [part=result]');
    assert.match(await card.innerText(), /Con empleo formal/);
    assert.match(await card.innerText(), /\$[\d,]+\.\d\d/);
    assert.match(await page.locator('#event-log').innerText(), /imss-success/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an IMSS refusal shows what to do next, without Retry; a retryable one offers Retry', async () => {
    const { page, problems } = await openPage();
    await page.goto(server.url);
    await submitCurp(page, 'TOVL880909HMCRLS09');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.innerText(), /Subdelegación/);
    assert.equal(await page.getByRole('button', { name: 'Intentar de nuevo' }).count(), 0);

    await page.getByRole('button', { name: 'Editar CURP' }).click();
    const input = page.getByRole('textbox', { name: 'CURP' });
    await input.fill('');
    await input.pressSequentially('OEGL930303MNERMR03');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Intentar de nuevo' }).waitFor({ timeout: 15_000 });
    assert.match(await page.getByRole('alert').innerText(), /no está respondiendo/);
    assert.match(await page.locator('#event-log').innerText(), /"code": "institution_unavailable"/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an invalid CURP is explained and never sent', async () => {
    const { page } = await openPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/imss')) sent.push(request.url());
    });
    await page.goto(server.url);
    await submitCurp(page, 'GALM900514MDFRPR05');
    const input = page.getByRole('textbox', { name: 'CURP' });
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('imss-connect #curp-invalid').innerText(), /dígito verificador/);
    assert.deepEqual(sent, []);
    await page.close();
  });

  test('Cancel stops a retrieval: the session is deleted and the host hears imss-cancel', async () => {
    const { page, problems } = await openPage();
    const deletes: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'DELETE') deletes.push(request.url());
    });
    await page.goto(server.url);
    // This scripted CURP's webhook never comes, so the retrieval stays open until cancelled.
    await submitCurp(page, 'VAPE800101HDFLRD03');
    // The current step in the list; the live region may carry the same words at the same moment.
    await page
      .locator('imss-connect li[aria-current=step]', { hasText: 'Obteniendo tu historial laboral' })
      .waitFor();
    // The DELETE follows the aborted long poll a moment later (see FlowController.reset).
    const deleted = page.waitForRequest((request) => request.method() === 'DELETE');
    await page.getByRole('button', { name: 'Cancelar' }).click();

    await page.getByRole('textbox', { name: 'CURP' }).waitFor();
    await deleted;
    // The CURP is kept as it was typed (in lower case here; the field shows it in capitals).
    assert.equal(await page.getByRole('textbox', { name: 'CURP' }).inputValue(), 'vape800101hdflrd03');
    assert.match(await page.locator('#event-log').innerText(), /imss-cancel/);
    assert.equal(deletes.length, 1);
    assert.doesNotMatch(deletes[0]!, /VAPE/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a retrieval started as Ana is hers: Luis's token gets 404 for its handle, no token 401", async () => {
    const { page, problems } = await openPage();
    await page.goto(server.url);
    const signedIn = page.getByRole('combobox', { name: 'Sesión iniciada como' });
    assert.equal(await signedIn.locator('option:checked').innerText(), 'Ana (solicitante demo)');
    const created = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/api/imss/links'),
    );
    await submitCurp(page, 'GALM900514MDFRPR04');
    const answer = await created;
    assert.equal(answer.request().headers()['authorization'], 'Bearer demo-token-ana');
    const { session } = (await answer.json()) as { session: string };
    await page
      .getByRole('heading', { name: 'Tu historial laboral', exact: true })
      .waitFor({ timeout: 15_000 });

    // As a partner's backend or an attacker would: plain HTTP with the handle, from outside the page.
    const handle = `${server.url}/api/imss/links/${session}`;
    const as = (token?: string) => (token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const luis = await fetch(handle, as('demo-token-luis'));
    assert.equal(luis.status, 404);
    assert.equal(((await luis.json()) as { error: { code: string } }).error.code, 'not_found');
    assert.equal((await fetch(handle, { method: 'DELETE', ...as('demo-token-luis') })).status, 404);
    assert.equal((await fetch(handle)).status, 401);
    const ana = await fetch(handle, as('demo-token-ana'));
    assert.equal(ana.status, 200);
    assert.equal(((await ana.json()) as { status: string }).status, 'ready');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the server's output never contains a CURP", () => {
    const output = server.output();
    assert.ok(output.length > 0, 'the server printed something');
    for (const curp of [
      'GALM900514MDFRPR04',
      'TOVL880909HMCRLS09',
      'OEGL930303MNERMR03',
      'VAPE800101HDFLRD03',
    ]) {
      assert.equal(output.includes(curp), false, `${curp} in the server output`);
    }
  });
});

describe('the script-tag bundle', () => {
  test(`works on a page whose CSP is ${STRICT_CSP}, loaded twice`, async () => {
    const { page, problems } = await openPage();
    const html = await readFile(fromRoot('test/e2e/fixtures/script-tag.html'), 'utf8');
    const script = await readFile(fromRoot('dist/imss-connect.min.js'), 'utf8');
    // The page and the bundle are served at the server's origin with a real CSP header; the API is the server's.
    await page.route(`${server.url}/script-tag.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: html,
        headers: { 'content-security-policy': STRICT_CSP },
      }),
    );
    const signIn = await readFile(fromRoot('test/e2e/fixtures/sign-in.js'), 'utf8');
    await page.route(`${server.url}/imss-connect.min.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: script }),
    );
    await page.route(`${server.url}/sign-in.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: signIn }),
    );
    await page.goto(`${server.url}/script-tag.html`);
    await submitCurp(page, 'PEMA780715HPLRRN03', { consent: false });
    await page
      .getByRole('heading', { name: 'Tu historial laboral', exact: true })
      .waitFor({ timeout: 15_000 });
    assert.match(await page.locator('imss-connect [part=result]').innerText(), /Sin empleo formal/);
    assert.deepEqual(problems, [], 'no CSP violation, no error');
    await page.close();
  });
});
