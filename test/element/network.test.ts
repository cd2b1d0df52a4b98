// Failures of the network path between the element and the proxy, which the real backend cannot produce on purpose:
// here a scripted stand-in (fake-proxy.ts) plays the proxy, or the connection to it.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { backoff } from '../../src/element/flow-controller.js';
import { timeouts } from '../../src/element/proxy-client.js';
import { fakeProxy, pending, ready, type Answer, type Script } from './fake-proxy.js';
import {
  aTimeout,
  alertText,
  button,
  currentStep,
  curpInput,
  failOnConsoleErrors,
  focused,
  record,
  submit,
  typeCurp,
  waitFor,
} from './harness.js';

failOnConsoleErrors();

const CURP = 'GALM900514MDFRPR04';

async function started(script: Script) {
  const proxy = fakeProxy(script);
  const el = await fixture<ImssConnect>(
    html`<imss-connect consent-given .fetch=${proxy.fetch}></imss-connect>`,
  );
  const events = record(el);
  await typeCurp(el, CURP);
  await submit(el);
  return { el, proxy, events };
}

/** Shortens the timeouts of the element's requests to `requestMs` for the tests of the enclosing describe. */
function shortTimeouts(requestMs: number): void {
  const saved = { ...timeouts };
  beforeEach(() => Object.assign(timeouts, { requestMs }));
  afterEach(() => Object.assign(timeouts, saved));
}

describe('<imss-connect> when the network or the proxy fails', () => {
  const saved = { ...backoff };
  beforeEach(() => Object.assign(backoff, { baseMs: 5, maxMs: 20 }));
  afterEach(() => Object.assign(backoff, saved));
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

  it('reports a 4xx that is not a ProxyErrorResponse (e.g. from a gateway) as service_error', async () => {
    const { el, events } = await started({ create: [{ status: 404, text: '<html>Not Found</html>' }] });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'service_error', retryable: true });
    await el.updateComplete;
    expect(alertText(el)).to.contain('Algo falló de nuestro lado.');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> when the proxy does not answer', () => {
  shortTimeouts(500);

  it('shows the connecting step until the proxy answers; cancelled, it sends nothing more once the POST ends unanswered', async () => {
    const { el, proxy, events } = await started({ create: ['hang'] });
    await events.first('imss-progress');
    await el.updateComplete;
    expect(currentStep(el)).to.equal('Conectando con el IMSS');
    await expect(el).to.be.accessible();
    button(el, 'Cancelar')!.click();
    await events.first('imss-cancel');
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(CURP);
    await expect(el).to.be.accessible();
    // The POST is not cut short by Cancel (its answer could bring a session to delete): it ends at its timeout, and
    // brings no session, so nothing is deleted and nothing is tried again.
    await waitFor(() => proxy.sent[0]!.aborted, 'the POST to time out');
    await aTimeout(50);
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

  it('goes back to the entry when removed before the proxy answered, and put back', async () => {
    const { el, proxy } = await started({ create: ['hang'] });
    await waitFor(() => proxy.sent.length === 1, 'the request');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(CURP);
    await expect(el).to.be.accessible();
  });
});
