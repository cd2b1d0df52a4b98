// The element against the real proxy and the Belvo sandbox, mounted at /api/imss on the test server (at test speed:
// see test/support/backend-middleware.ts). Each scripted CURP of the sandbox ends on the screen it is meant to reach.
import { expect, fixture, html } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { esMX } from '../../src/element/translations/es-MX.js';
import { sandboxScenarios } from '../../src/sandbox/scenarios.js';
import {
  alertText,
  button,
  currentStep,
  curpInput,
  failOnConsoleErrors,
  record,
  resultFields,
  submit,
  typeCurp,
  waitFor,
  waitForAlert,
  waitForResult,
} from './harness.js';

failOnConsoleErrors();

/** Records what the element sends (method and URL), passing every request on to the test server. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch: typeof window.fetch = (input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return window.fetch(input, init);
  };
  return { fetch, sent };
}

async function run(curp: string, fetch?: typeof window.fetch) {
  const el = await fixture<ImssConnect>(
    html`<imss-connect consent-given privacy-url="/aviso" .fetch=${fetch}></imss-connect>`,
  );
  const events = record(el);
  await typeCurp(el, curp);
  await submit(el);
  return { el, events };
}

describe('<imss-connect> with the real proxy and the sandbox', () => {
  it('retrieves an employed person and shows the card', async () => {
    const { fetch, sent } = recordingFetch();
    const { el, events } = await run('GALM900514MDFRPR04', fetch);
    const { detail } = await events.first('imss-success');
    await waitForResult(el);
    expect(detail.session).to.be.a('string').and.not.equal('');
    expect(detail.summary.curp).to.equal('GALM900514MDFRPR04');
    expect(detail.summary.currentJobs).to.have.length(1);
    const fields = resultFields(el);
    expect(fields.Nombre).to.equal(detail.summary.fullName);
    expect(fields.NSS).to.match(/^•+ termina en \d{4}$/);
    expect(fields.NSS).to.contain(detail.summary.nss!.slice(-4));
    expect(fields['Situación']).to.equal('Con empleo formal');
    expect(fields['Empleo actual']).to.equal(detail.summary.currentJobs[0]!.employer);
    expect(fields['Salario diario']).to.match(/^\$[\d,]+\.\d{2}$/);
    expect(events.seen.filter((e) => e.type === 'imss-progress').length).to.be.at.least(1);
    expect(sent[0]).to.equal('POST /api/imss/links');
    expect(sent.slice(1).every((r) => /^GET \/api\/imss\/links\/[^/?]+\?wait=25$/.test(r))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows an unemployed person without a current employer', async () => {
    const { el } = await run('PEMA780715HPLRRN03');
    await waitForResult(el);
    expect(resultFields(el)['Situación']).to.equal('Sin empleo formal');
    expect(resultFields(el)).to.not.have.property('Empleo actual');
  });

  it('lists a long history and two profiles', async () => {
    for (const curp of ['HEGJ850101HJCRNN06', 'SAMC920320MVZNRR04', 'SOTM700707MJCTRR08']) {
      const { el, events } = await run(curp);
      const { detail } = await events.first('imss-success');
      await waitForResult(el);
      if (curp.startsWith('HEGJ')) expect(detail.summary.jobs).to.have.length(12);
      if (curp.startsWith('SOTM')) expect(detail.summary.jobs).to.have.length(0);
    }
  });

  it('succeeds after Belvo answers 503 once, and for a slow retrieval', async () => {
    for (const curp of ['ROSA010203MNLDNLA2', 'NUSE000101HSPXXXA2']) {
      const { el } = await run(curp);
      await waitForResult(el);
    }
  });

  for (const { curp, expect: code } of sandboxScenarios.filter((s) => s.expect !== 'success')) {
    it(`explains ${code} (${curp}) in an alert`, async () => {
      const { el, events } = await run(curp);
      const { detail } = await events.first('imss-error');
      await waitForAlert(el);
      expect(detail.code).to.equal(code);
      const [what, next] = esMX.errors[code as keyof typeof esMX.errors];
      expect(detail.message).to.equal(`${what} ${next}`);
      expect(alertText(el)).to.contain(what).and.contain(next);
      if (detail.requestId) expect(alertText(el)).to.contain(`Folio de soporte: ${detail.requestId}`);
      expect(!!button(el, 'Intentar de nuevo')).to.equal(detail.retryable);
      expect(button(el, 'Corregir CURP')).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    });
  }

  it('cancels at the proxy (DELETE) and goes back to the CURP', async () => {
    const { fetch, sent } = recordingFetch();
    // The CURP whose data never comes: it stays pending long enough (3 s at test speed) to be cancelled.
    const { el, events } = await run('VAPE800101HDFLRD03', fetch);
    await waitFor(() => currentStep(el) !== '' && sent.some((r) => r.startsWith('GET')), 'polling');
    button(el, 'Cancelar')!.click();
    await events.first('imss-cancel');
    await waitFor(() => sent.some((r) => r.startsWith('DELETE /api/imss/links/')), 'the DELETE');
    await el.updateComplete;
    expect(curpInput(el).value).to.equal('VAPE800101HDFLRD03');
  });
});
