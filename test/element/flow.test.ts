import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { backoff } from '../../src/element/flow-controller.js';
import { failed, fakeProxy, pending, ready, summary, type Answer, type Script } from './fake-proxy.js';
import {
  aTimeout,
  alertText,
  button,
  currentStep,
  curpInput,
  failOnConsoleErrors,
  focused,
  press,
  progressText,
  record,
  resultFields,
  resultText,
  statusText,
  submit,
  typeCurp,
  waitFor,
  waitForAlert,
  waitForResult,
} from './harness.js';

failOnConsoleErrors();

const CURP = 'GALM900514MDFRPR04';

async function started(script: Script = {}, template?: (f: typeof fetch) => ReturnType<typeof html>) {
  const proxy = fakeProxy(script);
  const el = await fixture<ImssConnect>(
    template
      ? template(proxy.fetch)
      : html`<imss-connect consent-given .fetch=${proxy.fetch}></imss-connect>`,
  );
  const events = record(el);
  await typeCurp(el, CURP);
  await submit(el);
  return { el, proxy, events };
}

describe('<imss-connect> progress', () => {
  it('shows the connecting step while the request is sent, with the elapsed time, and announces it', async () => {
    const proxy = fakeProxy({ create: ['hang'] });
    const el = await fixture<ImssConnect>(
      html`<imss-connect consent-given .fetch=${proxy.fetch}></imss-connect>`,
    );
    await typeCurp(el, CURP);
    const progress = oneEvent(el, 'imss-progress');
    await submit(el);
    const { detail } = await progress;
    expect(detail.step).to.equal('connecting');
    expect(detail.elapsedMs).to.be.below(1000);
    expect(currentStep(el)).to.equal('Conectando con el IMSS');
    expect(progressText(el)).to.contain('Tiempo transcurrido: 0:00');
    expect(focused(el)?.getAttribute('part')).to.equal('progress');
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expect(el).to.be.accessible();
    await waitFor(() => progressText(el).includes('0:01'), 'the clock to tick', 2500);
  });

  it('names the retrieving step when the proxy reports it, and announces the change', async () => {
    const { el, events } = await started({ polls: [pending('retrieving'), 'hang'] });
    const { detail } = await events.first('imss-progress', (e) => e.detail.step === 'retrieving');
    expect(detail.elapsedMs).to.be.below(1000);
    await el.updateComplete;
    expect(currentStep(el)).to.equal('Obteniendo tu historial laboral');
    expect(statusText(el)).to.equal('Obteniendo tu historial laboral');
    await expect(el).to.be.accessible();
  });

  it('long-polls the session it was given, with wait=25, and never puts the CURP in a URL', async () => {
    const { el, proxy } = await started({
      create: [{ status: 202, body: { session: 'a/b c', status: 'pending' } }],
      polls: [pending('connecting'), pending('retrieving'), ready()],
    });
    await waitForResult(el);
    const gets = proxy.sent.filter((r) => r.method === 'GET');
    expect(gets.length).to.be.at.least(2);
    for (const get of gets) expect(get.url).to.equal('/api/imss/links/a%2Fb%20c?wait=25');
    for (const request of proxy.sent) expect(request.url).to.not.contain(CURP);
  });

  it('reassures the person when it takes more than 20 s', async () => {
    const { el } = await started({ polls: ['hang'] });
    const now = Date.now;
    Date.now = () => now() + 21_000;
    try {
      await waitFor(() => progressText(el).includes('tardando más de lo normal'), 'the long-wait note', 2500);
      expect(statusText(el)).to.contain('tardando más de lo normal');
      expect(progressText(el)).to.match(/Tiempo transcurrido: 0:2\d/);
      await expect(el).to.be.accessible();
    } finally {
      Date.now = now;
    }
  });

  it('fires imss-progress again about every 5 s while waiting', async function () {
    this.timeout(10_000);
    const { el, events } = await started({ polls: [pending('retrieving'), 'hang'] });
    await events.first('imss-progress', (e) => e.detail.step === 'retrieving');
    const { detail } = await oneEvent(el, 'imss-progress');
    expect(detail.step).to.equal('retrieving');
    expect(detail.elapsedMs).to.be.within(4500, 6500);
  });

  it('cancels: deletes the session, fires imss-cancel, and returns to the entry with the CURP kept', async () => {
    const { el, proxy } = await started({ polls: [pending('retrieving'), 'hang'] });
    await waitFor(() => currentStep(el) === 'Obteniendo tu historial laboral', 'the retrieving step');
    const cancelled = oneEvent(el, 'imss-cancel');
    button(el, 'Cancelar')!.click();
    const event = await cancelled;
    expect(event.detail).to.deep.equal({});
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(proxy.sent.at(-1)).to.deep.include({ method: 'DELETE', url: '/api/imss/links/sess-1' });
    expect(curpInput(el).value).to.equal(CURP);
    expect(focused(el)).to.equal(curpInput(el));
    expect(statusText(el)).to.equal('Consulta cancelada.');
    await expect(el).to.be.accessible();
    const count = proxy.sent.length;
    await aTimeout(100);
    expect(proxy.sent.length).to.equal(count);
  });
});

describe('<imss-connect> success', () => {
  it('shows a compact result card, fires imss-success and moves focus to the result heading', async () => {
    const { el, events } = await started();
    const { detail } = await events.first('imss-success');
    expect(detail).to.deep.equal({ session: 'sess-1', summary });
    await el.updateComplete;
    const heading = el.shadowRoot!.querySelector('h2')!;
    expect(heading.textContent).to.equal('Tu historial laboral');
    expect(focused(el)).to.equal(heading);
    expect(resultFields(el)).to.deep.equal({
      Nombre: 'María García López',
      NSS: '••••••• termina en 3582',
      Situación: 'Con empleo formal',
      'Semanas cotizadas': '1,234',
      'Empleo actual': 'Comercializadora del Bajío SA de CV',
      'Salario diario': '$512.35',
      'Ingreso mensual estimado': '$15,575.44',
      'Fecha del reporte': '31 de mayo de 2024',
    });
    expect(statusText(el)).to.equal('Listo: recibimos tu historial laboral.');
    // No inline styles anywhere (the bundle must work under CSP default-src 'self').
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('formats the card for English', async () => {
    const { el } = await started(
      {},
      (f) => html`<imss-connect lang="en" consent-given .fetch=${f}></imss-connect>`,
    );
    await waitForResult(el);
    const fields = resultFields(el);
    expect(fields['Daily salary']).to.equal('MX$512.35');
    expect(fields['Report date']).to.equal('May 31, 2024');
    expect(fields.Status).to.equal('Formally employed');
    await expect(el).to.be.accessible();
  });

  it('leaves out what the summary does not know', async () => {
    const sparse = { ...summary, nss: null, fullName: null, status: 'UNEMPLOYED' as const, currentJobs: [] };
    const { el } = await started({
      polls: [ready({ ...sparse, dailySalary: null, monthlyIncomeEstimate: null })],
    });
    await waitForResult(el);
    expect(Object.keys(resultFields(el))).to.deep.equal([
      'Situación',
      'Semanas cotizadas',
      'Fecha del reporte',
    ]);
    expect(resultFields(el)['Situación']).to.equal('Sin empleo formal');
  });

  it('with hide-summary, fires imss-success but shows only a confirmation', async () => {
    const proxy = fakeProxy();
    const el = await fixture<ImssConnect>(
      html`<imss-connect consent-given hide-summary .fetch=${proxy.fetch}></imss-connect>`,
    );
    await typeCurp(el, CURP);
    const success = oneEvent(el, 'imss-success');
    await submit(el);
    expect((await success).detail.summary).to.deep.equal(summary);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dl')).to.equal(null);
    expect(resultText(el)).to.equal('Listo: recibimos tu historial laboral.');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> errors', () => {
  const codes: [code: string, retryable: boolean, says: string, next: string][] = [
    [
      'nss_not_found',
      false,
      'no encontró un Número de Seguridad Social',
      'Acude a tu Subdelegación del IMSS',
    ],
    ['nss_curp_mismatch', false, 'no coincide', 'Acude a tu Subdelegación del IMSS'],
    ['curp_not_in_renapo', false, 'no aparece en el RENAPO', 'gob.mx/curp'],
    ['curp_incorrect', false, 'es incorrecta', 'gob.mx/curp'],
    ['curp_length', false, 'longitud', 'gob.mx/curp'],
    ['imss_data_inconsistent', false, 'datos inconsistentes', 'Acude a tu Subdelegación del IMSS'],
    ['no_nss', false, 'Número de Seguridad Social', 'imss.gob.mx'],
    ['daily_limit', false, 'los 3 intentos', 'mañana'],
    ['institution_unavailable', true, 'no está respondiendo', 'unos minutos'],
    ['timeout', true, 'tardó demasiado', 'unos minutos'],
    ['imss_rejected', false, 'no atendió', 'unos minutos'],
    ['service_error', true, 'Algo falló', 'unos minutos'],
  ];
  for (const [code, retryable, says, next] of codes) {
    it(`explains ${code} in an alert${retryable ? ', with Retry' : ''}`, async () => {
      const { el, events } = await started({
        polls: [pending('retrieving'), failed(code, retryable, 'req-42')],
      });
      const { detail } = await events.first('imss-error');
      await el.updateComplete;
      expect(detail.code).to.equal(code);
      expect(detail.retryable).to.equal(retryable);
      expect(detail.requestId).to.equal('req-42');
      expect(detail.message).to.contain(says).and.contain(next);
      expect(alertText(el)).to.contain(says).and.contain(next).and.contain('Folio de soporte: req-42');
      expect(alertText(el)).to.not.contain('Belvo says');
      expect(focused(el)?.getAttribute('role')).to.equal('alert');
      expect(!!button(el, 'Intentar de nuevo')).to.equal(retryable);
      expect(button(el, 'Corregir CURP')).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    });
  }

  it('reports the proxy refusing the CURP (422) as invalid_curp, without Retry', async () => {
    const { el, events } = await started({
      create: [{ status: 422, body: { error: { code: 'invalid_curp', message: 'no', reason: 'checksum' } } }],
    });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'invalid_curp', retryable: false });
    await el.updateComplete;
    expect(alertText(el)).to.contain('El servicio no aceptó tu CURP.');
    expect(button(el, 'Intentar de nuevo')).to.equal(undefined);
  });

  it("reports the proxy's own daily limit (429) as daily_limit", async () => {
    const { el, events } = await started({
      create: [{ status: 429, body: { error: { code: 'daily_limit', message: '3 per day' } } }],
    });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'daily_limit', retryable: false });
    await el.updateComplete;
    expect(alertText(el)).to.contain('Ya usaste los 3 intentos de hoy. Intenta de nuevo mañana.');
  });

  it('explains errors in English with lang="en"', async () => {
    const { el } = await started(
      { polls: [failed('nss_not_found', false)] },
      (f) => html`<imss-connect lang="en" consent-given .fetch=${f}></imss-connect>`,
    );
    await waitForAlert(el);
    expect(alertText(el)).to.contain('IMSS found no Social Security Number for your CURP.');
    expect(alertText(el)).to.contain('Visit your IMSS Subdelegación with an official ID');
    expect(button(el, 'Use another CURP')).to.not.equal(undefined);
  });

  it('retries the same CURP with Retry', async () => {
    const { el, proxy, events } = await started({
      polls: [failed('institution_unavailable', true), ready()],
    });
    await waitForAlert(el);
    button(el, 'Intentar de nuevo')!.click();
    await events.first('imss-success');
    const posts = proxy.sent.filter((r) => r.method === 'POST');
    expect(posts).to.have.length(2);
    expect(posts[1]!.body).to.deep.equal({ curp: CURP });
  });

  it('goes back to the entry with "Corregir CURP", keeping the CURP and focusing the field', async () => {
    const { el } = await started({ polls: [failed('curp_not_in_renapo', false)] });
    await waitForAlert(el);
    button(el, 'Corregir CURP')!.focus();
    button(el, 'Corregir CURP')!.click();
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(CURP);
    expect(focused(el)).to.equal(curpInput(el));
  });
});

describe('<imss-connect> network', () => {
  const saved = { ...backoff };
  beforeEach(() => Object.assign(backoff, { baseMs: 5, maxMs: 20 }));
  afterEach(() => Object.assign(backoff, saved));

  it('retries failures of the network, then reports network after 5 in a row', async () => {
    const { el, proxy, events } = await started({ create: ['reject'] });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'network', retryable: true });
    expect(proxy.sent).to.have.length(5);
    await el.updateComplete;
    expect(alertText(el)).to.contain('No pudimos conectarnos.');
    await expect(el).to.be.accessible();
  });

  it('rides out 5xx answers and unreadable bodies', async () => {
    const broken: Answer[] = [
      { status: 503, body: {} },
      { status: 200, text: '<html>' },
      { status: 200, body: {} },
    ];
    const { proxy, events } = await started({
      create: [...broken, { status: 202, body: { session: 's', status: 'pending' } }],
      polls: [...broken, ready()],
    });
    await events.first('imss-success');
    expect(proxy.sent.filter((r) => r.method === 'POST')).to.have.length(4);
    expect(proxy.sent.filter((r) => r.method === 'GET')).to.have.length(4);
  });

  it('reports an unknown session (404) as service_error', async () => {
    const { events } = await started({
      polls: [{ status: 404, body: { error: { code: 'not_found', message: 'x' } } }],
    });
    const { detail } = await events.first('imss-error');
    expect(detail.code).to.equal('service_error');
  });
});

describe('<imss-connect> with the keyboard only', () => {
  it('goes from the CURP to the result and back from an error without a mouse', async () => {
    const proxy = fakeProxy({ polls: [failed('institution_unavailable', true), ready()] });
    const el = await fixture<ImssConnect>(
      html`<imss-connect privacy-url="/aviso" .fetch=${proxy.fetch}></imss-connect>`,
    );
    await typeCurp(el, CURP);
    await press(el, 'Tab'); // the gob.mx link
    await press(el, 'Tab'); // the consent box
    await press(el, 'Space');
    await press(el, 'Tab'); // the privacy link inside the label
    await press(el, 'Tab'); // the submit button
    expect(focused(el)?.textContent).to.contain('Consultar mi historial');
    await press(el, 'Enter');
    await waitForAlert(el);
    expect(focused(el)?.getAttribute('role')).to.equal('alert');
    await press(el, 'Tab');
    expect(focused(el)?.textContent).to.contain('Intentar de nuevo');
    await press(el, 'Enter');
    await waitForResult(el);
    expect(focused(el)?.tagName).to.equal('H2');
  });
});

describe('<imss-connect> on and off the page', () => {
  it('stops every request when removed mid-flight, and resumes when put back', async () => {
    const proxy = fakeProxy({ polls: [pending('retrieving'), pending('retrieving'), ready()] });
    const el = await fixture<ImssConnect>(
      html`<imss-connect consent-given .fetch=${proxy.fetch}></imss-connect>`,
    );
    await typeCurp(el, CURP);
    await submit(el);
    await waitFor(() => proxy.sent.length >= 2, 'the first poll');
    const parent = el.parentElement!;
    el.remove();
    const count = proxy.sent.length;
    await aTimeout(1500);
    expect(proxy.sent.length).to.equal(count);
    parent.append(el);
    await oneEvent(el, 'imss-success');
  });

  it('uses the fetch property instead of the global fetch', async () => {
    const original = window.fetch;
    let globalCalls = 0;
    window.fetch = (...args) => (globalCalls++, original(...args));
    try {
      const { el, proxy } = await started();
      await waitForResult(el);
      expect(proxy.sent.length).to.be.at.least(2);
      expect(globalCalls).to.equal(0);
    } finally {
      window.fetch = original;
    }
  });

  it('is usable with the keyboard at 320 px and in dark mode', async () => {
    await setViewport({ width: 320, height: 640 });
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      const { el } = await started({ polls: [pending('retrieving'), 'hang'] });
      await waitFor(() => currentStep(el) === 'Obteniendo tu historial laboral', 'progress');
      expect(el.scrollWidth).to.be.at.most(320);
      const marker = getComputedStyle(el.shadowRoot!.querySelector('[aria-current]')!, '::before');
      expect(marker.animationName).to.equal('none');
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
      await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    }
  });

  it('tolerates being defined twice (the script loaded twice)', async () => {
    const { ImssConnect } = await import('../../src/element/imss-connect.js');
    await import('../../src/element/define.js');
    ImssConnect.define();
    expect(customElements.get('imss-connect')).to.equal(ImssConnect);
    class Again extends ImssConnect {}
    Again.define();
    expect(customElements.get('imss-connect')).to.equal(ImssConnect);
  });
});
