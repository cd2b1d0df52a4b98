// A retrieval under way, against the real proxy and the sandbox (test/support/backend-middleware.ts): its steps,
// clock and announcements, cancelling it, and the element leaving and re-entering the page meanwhile.
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quickRetries } from '../support/retries.js';
import { imssEventTypes } from '../../src/element/events.js';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { heldLinkCreation, interceptedFetch } from '../support/interceptors.js';
import { TEST_CURPS } from '../support/test-backend.js';
import {
  aTimeout,
  attemptIds,
  button,
  currentStep,
  curpInput,
  failOnConsoleErrors,
  focused,
  progressText,
  start,
  statusText,
  submit,
  typeCurp,
  waitFor,
  waitForResult,
} from './harness.js';

failOnConsoleErrors();

/** The sandbox never sends this CURP's data: its retrieval stays at "retrieving" until the 3 s session timeout. */
const NEVER_READY = 'VAPE800101HDFLRD03';
const CONNECTING = 'Conectando con el IMSS';
const RETRIEVING = 'Obteniendo tu historial laboral';

const steps = (el: ImssConnect) => [...el.shadowRoot!.querySelectorAll('[part~=progress] li')];
const marker = (step: Element) => getComputedStyle(step, '::before');

/**
 * A retrieval submitted on the real backend through a host fetch that holds the POST until `release()`: the element
 * stays at its first step, with no session yet, as long as the test needs.
 */
async function withHeldPost() {
  const { intercept, release } = heldLinkCreation();
  const started = await start('GALM900514MDFRPR04', {
    fetch: interceptedFetch(intercept, (request) => window.fetch(request)),
  });
  await waitFor(() => started.sent.length === 1, 'the POST');
  await waitFor(() => currentStep(started.el) === CONNECTING, 'the connecting step');
  return { ...started, release };
}

describe('<imss-connect> progress', () => {
  it('shows the connecting step while IMSS is reached, with the elapsed time, and announces it', async () => {
    const { el, events } = await start(TEST_CURPS.slowLink);
    const { detail } = await events.first('imss-progress');
    expect(detail.step).to.equal('connecting');
    expect(detail.elapsedMs).to.be.below(1000);
    await waitFor(() => currentStep(el) === CONNECTING, 'the connecting step');
    expect(statusText(el)).to.equal(CONNECTING);
    expect(progressText(el)).to.contain('Suele tardar menos de 30 segundos.');
    expect(progressText(el)).to.contain('Tiempo transcurrido: 0:00');
    expect(focused(el)?.getAttribute('part')).to.equal('progress');
    // No inline styles anywhere (the bundle must work under CSP default-src 'self').
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expect(el).to.be.accessible();
    await waitFor(() => progressText(el).includes('0:01'), 'the clock to tick', 2500);
  });

  it('moves to the retrieving step when the proxy reports it: the first is marked done, in words too', async () => {
    const { el, events } = await start(NEVER_READY);
    const { detail } = await events.first('imss-progress', (e) => e.detail.step === 'retrieving');
    expect(detail.elapsedMs).to.be.below(1000);
    await waitFor(() => currentStep(el) === RETRIEVING, 'the retrieving step');
    await waitFor(() => statusText(el) === RETRIEVING, 'the retrieving step announced');
    const [done, current] = steps(el);
    expect(done!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`${CONNECTING} (completado)`);
    expect(done!.querySelector('.sr-only')).to.not.equal(null);
    expect(current!.getAttribute('aria-current')).to.equal('step');
    await expect(el).to.be.accessible();
  });

  it('gives every step a marker of the same size, so that the step texts line up', async () => {
    const { el } = await start(TEST_CURPS.slowLink);
    await waitFor(() => currentStep(el) === CONNECTING, 'the connecting step');
    const [current, pending] = steps(el);
    expect(marker(pending!).width).to.equal(marker(current!).width);
    expect(marker(pending!).borderTopStyle).to.equal('solid');
    const textLeft = (step: Element) => {
      const range = document.createRange();
      range.selectNodeContents(step);
      return range.getClientRects()[0]!.left;
    };
    expect(textLeft(pending!)).to.be.closeTo(textLeft(current!), 0.5);
    await expect(el).to.be.accessible();
  });

  it('long-polls the session the proxy gave, with wait=25, and never puts the CURP in a URL', async () => {
    const { el, sent, sessions } = await start('GALM900514MDFRPR04');
    await waitForResult(el);
    const gets = sent.filter((r) => r.method === 'GET');
    expect(gets.length).to.be.at.least(1);
    for (const get of gets) expect(get.url).to.equal(`/api/imss/links/${sessions[0]}?wait=25`);
    for (const request of sent) expect(request.url).to.not.contain('GALM900514MDFRPR04');
    await expect(el).to.be.accessible();
  });

  it('reassures the person when it takes longer than the 30 s it says it usually takes', async () => {
    const { el } = await start(NEVER_READY);
    await waitFor(() => currentStep(el) === RETRIEVING, 'the retrieving step');
    const now = Date.now;
    Date.now = () => now() + 20_000;
    await aTimeout(1100);
    expect(progressText(el)).to.not.contain('tardando más de lo normal');
    Date.now = () => now() + 31_000;
    try {
      await waitFor(() => progressText(el).includes('tardando más de lo normal'), 'the long-wait note', 2500);
      expect(statusText(el)).to.contain('tardando más de lo normal');
      expect(progressText(el)).to.match(/Tiempo transcurrido: 0:3\d/);
      await expect(el).to.be.accessible();
    } finally {
      Date.now = now;
    }
  });

  it('cancels: fires imss-cancel, deletes the session at the proxy, and returns to the entry with the CURP kept', async () => {
    const { el, events, sent, sessions } = await start(NEVER_READY);
    await waitFor(() => currentStep(el) === RETRIEVING && sent.some((r) => r.method === 'GET'), 'polling');
    const cancelled = oneEvent(el, 'imss-cancel');
    button(el, 'Cancelar')!.click();
    const event = await cancelled;
    expect(event.detail).to.deep.equal({});
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(NEVER_READY);
    expect(focused(el)).to.equal(curpInput(el));
    expect(statusText(el)).to.equal('Consulta cancelada.');
    await expect(el).to.be.accessible();
    // The held poll is aborted first; the DELETE follows once it has settled, and the proxy confirms it. The DELETE
    // may still reach the proxy before it notices the aborted poll, which it then answers 404, to nobody (the test
    // runner may list that poll under "404 network requests").
    await waitFor(() => sent.some((r) => r.method === 'DELETE' && r.status === 204), 'the DELETE');
    expect(sent.at(-1)).to.deep.include({ method: 'DELETE', url: `/api/imss/links/${sessions[0]}` });
    const count = sent.length;
    await aTimeout(200);
    expect(sent.length).to.equal(count);
    expect(events.seen.some((e) => e.type === 'imss-error' || e.type === 'imss-success')).to.equal(false);
  });

  it('reaches the host page through a shadow root around it with every event; reset() and cancel() from code', async () => {
    const outer = await fixture<HTMLElement>(html`<section></section>`);
    const root = outer.attachShadow({ mode: 'open' });
    root.innerHTML = '<imss-connect consent-given></imss-connect>';
    const el = root.querySelector('imss-connect')!;
    await el.updateComplete;
    const heard: string[] = [];
    for (const type of imssEventTypes) outer.addEventListener(type, () => heard.push(type));

    await typeCurp(el, 'GALM900514MDFRPR04');
    await submit(el);
    await waitForResult(el);
    el.reset();
    await el.updateComplete;
    expect(curpInput(el).value).to.equal('');

    await typeCurp(el, 'TOVL880909HMCRLS09'); // nss_not_found
    await submit(el);
    await waitFor(() => heard.includes('imss-error'), 'imss-error');
    el.reset();
    await el.updateComplete;

    expect(el.cancel(), 'nothing to cancel').to.equal(false);
    await typeCurp(el, NEVER_READY);
    await submit(el);
    await waitFor(() => currentStep(el) === RETRIEVING, 'retrieving');
    expect(el.cancel()).to.equal(true);
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(NEVER_READY);
    expect([...new Set(heard)].sort()).to.deep.equal([...imssEventTypes].sort());
  });

  it('cancelled while the proxy has not answered the POST yet, deletes the session that answer brings, unseen', async () => {
    const { el, sent, sessions, events, release } = await withHeldPost();
    button(el, 'Cancelar')!.click();
    await events.first('imss-cancel');
    await el.updateComplete;
    expect(curpInput(el).value).to.equal('GALM900514MDFRPR04');
    expect(focused(el)).to.equal(curpInput(el));
    expect(statusText(el)).to.equal('Consulta cancelada.');
    await expect(el).to.be.accessible();
    release();
    await waitFor(() => sent.some((r) => r.method === 'DELETE' && r.status === 204), 'the DELETE');
    expect(sent).to.deep.equal([
      {
        method: 'POST',
        url: '/api/imss/links',
        body: { curp: 'GALM900514MDFRPR04', attemptId: attemptIds(sent)[0] },
        status: 202,
      },
      { method: 'DELETE', url: `/api/imss/links/${sessions[0]}`, status: 204 },
    ]);
    // The answer changed nothing the person sees or the host hears.
    expect(events.seen.map((e) => e.type)).to.deep.equal(['imss-progress', 'imss-cancel']);
    expect(el.shadowRoot!.querySelector('[part=form]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('removed while the proxy has not answered the POST yet, is back at the entry when put back, and deletes that session', async () => {
    const { el, sent, sessions, events, release } = await withHeldPost();
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(curpInput(el).value).to.equal('GALM900514MDFRPR04');
    await expect(el).to.be.accessible();
    release();
    await waitFor(() => sent.some((r) => r.method === 'DELETE' && r.status === 204), 'the DELETE');
    expect(sent.map((r) => r.method)).to.deep.equal(['POST', 'DELETE']);
    expect(sent[1]!.url).to.equal(`/api/imss/links/${sessions[0]}`);
    expect(events.seen.map((e) => e.type)).to.deep.equal(['imss-progress']);
  });

  it('stops every request when removed mid-flight, and resumes when put back', async () => {
    // Retries 5 ms apart: had the aborted poll been tried again, the request would show within the wait below.
    const { el, sent } = await start(TEST_CURPS.slowLink, { settings: quickRetries(5) });
    await waitFor(() => sent.some((r) => r.method === 'GET'), 'the first poll');
    const parent = el.parentElement!;
    el.remove();
    // The held poll is aborted at once (the proxy would otherwise hold it for seconds), and nothing follows it.
    await waitFor(() => sent.at(-1)!.aborted, 'the poll to be aborted', 500);
    const count = sent.length;
    await aTimeout(100);
    expect(sent.length).to.equal(count);
    const success = oneEvent(el, 'imss-success');
    parent.append(el);
    await success;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('uses the fetch property instead of the global fetch', async () => {
    const original = window.fetch;
    let globalCalls = 0;
    window.fetch = (...args) => (globalCalls++, original(...args));
    try {
      const { el, sent } = await start('GALM900514MDFRPR04', { fetch: original.bind(window) });
      await waitForResult(el);
      expect(sent.length).to.be.at.least(2);
      expect(globalCalls).to.equal(0);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = original;
    }
  });

  it('fits 320 px, in dark mode, with no motion when reduced motion is asked for', async () => {
    await setViewport({ width: 320, height: 640 });
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      const { el } = await start(NEVER_READY);
      await waitFor(() => currentStep(el) === RETRIEVING, 'progress');
      expect(el.scrollWidth).to.be.at.most(320);
      const cancel = button(el, 'Cancelar')!;
      expect(cancel.getBoundingClientRect().width).to.be.below(el.getBoundingClientRect().width / 2);
      expect(marker(el.shadowRoot!.querySelector('[aria-current]')!).animationName).to.equal('none');
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
      await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    }
  });
});
