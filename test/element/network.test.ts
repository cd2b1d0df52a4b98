// Failures of the network path between the element and the proxy, which the real backend cannot produce on purpose:
// here a scripted stand-in (fake-proxy.ts) plays the proxy, or an interceptor (test/support/interceptors.ts) breaks
// the connection to the real one.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import type { ConnectSettings } from '../../src/element/proxy-client.js';
import { quickRetries } from '../support/retries.js';
import { firstLinkAnswerLost, interceptedFetch } from '../support/interceptors.js';
import { oneAttemptBackend } from '../support/test-backend.js';
import { fakeProxy, pending, ready, type Answer, type Script } from './fake-proxy.js';
import {
  aTimeout,
  alertText,
  attemptIds,
  button,
  currentStep,
  curpInput,
  failOnConsoleErrors,
  focused,
  freshKey,
  progressText,
  record,
  statusText,
  start,
  submit,
  typeCurp,
  waitFor,
} from './harness.js';

failOnConsoleErrors();

const CURP = 'GALM900514MDFRPR04';

/** The element's `settings` in the current test, as the enclosing describes' hooks set them. */
let settings: Partial<ConnectSettings> = {};

/** Adds `more` to the element's settings for the tests of the enclosing describe. */
function withSettings(more: Partial<ConnectSettings>): void {
  beforeEach(() => (settings = { ...settings, ...more }));
  afterEach(() => (settings = {}));
}
afterEach(() => (settings = {}));

/** Sets the element's settings for the rest of the current test. */
function withSettingsNow(more: Partial<ConnectSettings>): void {
  settings = { ...settings, ...more };
}

async function started(script: Script) {
  const proxy = fakeProxy(script);
  const el = await fixture<ImssConnect>(
    html`<imss-connect consent-given .fetch=${proxy.fetch} .settings=${settings}></imss-connect>`,
  );
  const events = record(el);
  await typeCurp(el, CURP);
  await submit(el);
  return { el, proxy, events };
}

/** Shortens the timeouts of the element's requests to `requestTimeoutMs` for the tests of the enclosing describe. */
const shortTimeouts = (requestTimeoutMs: number) => withSettings({ requestTimeoutMs });

/**
 * Shortens the waits between retries to 5–20 ms for the tests of the enclosing describe: a retry comes within
 * 20 ms, so a test that waits longer than that and sees no request knows that none was made.
 */
const fastRetries = () => withSettings(quickRetries(5, 20));

describe('<imss-connect> when the network or the proxy fails', () => {
  fastRetries();
  shortTimeouts(50);

  it('retries an unreachable proxy, then reports network after 5 failures in a row, with Retry', async () => {
    const { el, proxy, events } = await started({ create: ['reject'] });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'network', retryable: true });
    expect(proxy.sent).to.have.length(5);
    await el.updateComplete;
    expect(alertText(el)).to.contain('No pudimos conectarnos.');
    expect(button(el, 'Intentar de nuevo')).to.not.equal(undefined);
    expect(focused(el)?.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('gives up on a proxy that takes the request and never answers: each try times out, then network', async () => {
    const { el, proxy, events } = await started({ create: ['hang'] });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'network', retryable: true });
    expect(proxy.sent.map((r) => r.method)).to.deep.equal(Array(5).fill('POST'));
    expect(proxy.sent.every((r) => r.aborted)).to.equal(true);
    await el.updateComplete;
    expect(alertText(el)).to.contain('No pudimos conectarnos.');
    expect(button(el, 'Intentar de nuevo')).to.not.equal(undefined);
    expect(focused(el)?.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('reports service_error, not network, when the proxy answers but keeps failing', async () => {
    const { el, proxy, events } = await started({
      create: [
        { status: 200, body: {} },
        { status: 500, body: {} },
      ],
    });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'service_error', retryable: true });
    expect(proxy.sent).to.have.length(5);
    await el.updateComplete;
    expect(alertText(el)).to.contain('Algo falló de nuestro lado.');
    expect(alertText(el)).to.not.contain('conexión');
    expect(button(el, 'Intentar de nuevo')).to.not.equal(undefined);
  });

  it('rides out 5xx answers and bodies that are not the contract', async () => {
    const broken: Answer[] = [
      { status: 503, body: {} },
      { status: 200, text: '<html>' },
      { status: 200, body: {} },
    ];
    const { el, proxy, events } = await started({
      create: [...broken, { status: 202, body: { session: 's', status: 'pending' } }],
      polls: [...broken, ready()],
    });
    await events.first('imss-success');
    expect(proxy.sent.filter((r) => r.method === 'POST')).to.have.length(4);
    expect(proxy.sent.filter((r) => r.method === 'GET')).to.have.length(4);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('leaves no listener on its abort signal after waiting between tries', async () => {
    // Every `abort` listener added from script, until removed (a fired `once` listener goes with its aborted signal).
    const attached = new Set<[AbortSignal, unknown]>();
    const proto = AbortSignal.prototype as AbortSignal & {
      addEventListener: EventTarget['addEventListener'];
    };
    proto.addEventListener = function (
      this: AbortSignal,
      type: string,
      listener: unknown,
      options?: unknown,
    ) {
      if (type === 'abort') attached.add([this, listener]);
      EventTarget.prototype.addEventListener.call(this, type, listener as EventListener, options as boolean);
    };
    proto.removeEventListener = function (
      this: AbortSignal,
      type: string,
      listener: unknown,
      options?: unknown,
    ) {
      for (const pair of attached) if (pair[0] === this && pair[1] === listener) attached.delete(pair);
      EventTarget.prototype.removeEventListener.call(
        this,
        type,
        listener as EventListener,
        options as boolean,
      );
    };
    try {
      const { proxy, events } = await started({
        create: ['reject', 'reject', { status: 202, body: { session: 's', status: 'pending' } }],
      });
      await events.first('imss-success');
      expect(proxy.sent.filter((r) => r.method === 'POST')).to.have.length(3);
      expect([...attached].filter(([signal]) => !signal.aborted)).to.have.length(0);
    } finally {
      delete (proto as Partial<typeof proto>).addEventListener;
      delete (proto as Partial<typeof proto>).removeEventListener;
    }
  });

  it('reports a 4xx that is not a ProxyErrorResponse (e.g. from a gateway) as service_error', async () => {
    const { el, events } = await started({ create: [{ status: 400, text: '<html>Bad Request</html>' }] });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'service_error', retryable: true });
    await el.updateComplete;
    expect(alertText(el)).to.contain('Algo falló de nuestro lado.');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> when the partner’s server cannot be reached', () => {
  it('says so while it keeps trying, instead of a step that is not happening', async () => {
    withSettingsNow({ retryBaseMs: 400 });
    const { el } = await started({
      create: ['reject', 'reject', { status: 202, body: { session: 's', status: 'pending' } }],
      polls: [pending('connecting'), 'hang'],
    });
    await waitFor(() => progressText(el).includes('No logramos comunicarnos con el servicio'), 'the note');
    expect(el.shadowRoot!.querySelector('[aria-current=step]')).to.equal(null);
    await waitFor(() => statusText(el).includes('No logramos comunicarnos'), 'the announcement');
    await expect(el).to.be.accessible();
    await waitFor(() => currentStep(el) === 'Conectando con el IMSS', 'the steps once it answers', 5000);
  });
});

describe('<imss-connect> retry timing', () => {
  it('does not hammer a proxy that answers pending at once instead of holding the poll', async () => {
    const { el, proxy } = await started({ polls: [pending('connecting')] });
    await aTimeout(2000);
    const polls = proxy.sent.filter((r) => r.method === 'GET');
    expect(polls.length).to.be.within(1, 3);
    el.remove();
  });

  it('waits about twice as long after each failure in a row', async () => {
    withSettingsNow({ retryBaseMs: 100, retryMaxMs: 10_000 });
    const { proxy, events } = await started({
      create: [
        'reject',
        'reject',
        'reject',
        'reject',
        { status: 202, body: { session: 's', status: 'pending' } },
      ],
    });
    await events.first('imss-success');
    const at = proxy.times.filter((_, i) => proxy.sent[i]!.method === 'POST');
    const gaps = at.slice(1).map((time, i) => time - at[i]!);
    expect(gaps).to.have.length(4);
    gaps.forEach((gap, i) => {
      const expected = 100 * 2 ** i;
      // Never early (timers are not); late by at most what a loaded machine adds.
      expect(gap, `wait ${i + 1} of ${gaps.join(', ')}`).to.be.within(expected * 0.95, expected * 1.5 + 250);
    });
  });
});

describe('<imss-connect> when the proxy does not answer', () => {
  fastRetries();
  shortTimeouts(500);

  it('shows the connecting step until the proxy answers; cancelled, it sends nothing more once the POST ends unanswered', async () => {
    const { el, proxy, events } = await started({ create: ['hang'] });
    await events.first('imss-progress');
    await waitFor(() => currentStep(el) === 'Conectando con el IMSS', 'the connecting step');
    await expect(el).to.be.accessible();
    button(el, 'Cancelar')!.click();
    await events.first('imss-cancel');
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(CURP);
    await expect(el).to.be.accessible();
    // The POST is not cut short by Cancel (its answer could bring a session to delete): it ends at its timeout, and
    // brings no session, so nothing is deleted and nothing is tried again (a retry would come within 20 ms).
    await waitFor(() => proxy.sent[0]!.aborted, 'the POST to time out');
    await aTimeout(100);
    expect(proxy.sent.map((r) => r.method)).to.deep.equal(['POST']);
    expect(events.seen.map((e) => e.type)).to.deep.equal(['imss-progress', 'imss-cancel']);
  });

  it('fires imss-progress again about every 5 s while the proxy holds the poll', async function () {
    this.timeout(10_000);
    const { el, events } = await started({ polls: [pending('retrieving'), 'hang'] });
    await events.first('imss-progress', (e) => e.detail.step === 'retrieving');
    const { detail } = await oneEvent(el, 'imss-progress');
    expect(detail.step).to.equal('retrieving');
    expect(detail.elapsedMs).to.be.within(4500, 6500);
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> when the answer to its POST is lost', () => {
  fastRetries();

  it('tries the POST again with the same attemptId, and the proxy answers with the session the lost answer held', async () => {
    // A backend that allows one retrieval per CURP: a retry that opened a second session would get 429.
    const endpoint = oneAttemptBackend(freshKey());
    const lostAnswer = firstLinkAnswerLost();
    const { el, events, sent } = await start(CURP, {
      endpoint,
      settings,
      fetch: interceptedFetch(lostAnswer.intercept, (request) => window.fetch(request)),
    });
    const { detail } = await events.first('imss-success');
    // The first POST reached the proxy, which opened a session; its answer never reached the element.
    const [lost, ...moreLost] = lostAnswer.lost as { session: string }[];
    expect(moreLost).to.deep.equal([]);
    const [first, retry, ...more] = sent.filter((r) => r.method === 'POST');
    expect(first!.status).to.equal(undefined);
    expect(more).to.deep.equal([]);
    const [firstId, retryId] = attemptIds(sent);
    expect(firstId).to.be.a('string');
    expect(firstId!.length).to.be.within(16, 64);
    expect(retryId).to.equal(firstId);
    expect(retry!.body).to.deep.equal(first!.body);
    // The retry spent no second attempt and opened no second session: one handle, which DELETE ends.
    expect(retry!.status).to.equal(202);
    expect(detail.session).to.equal(lost!.session);
    const links = `${endpoint}/links/${detail.session}`;
    expect((await window.fetch(links, { method: 'DELETE' })).status).to.equal(204);
    expect((await window.fetch(links, { method: 'DELETE' })).status).to.equal(404);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
