// Every way a retrieval can end without a summary that the real proxy reports, each reached through the real proxy:
// the sandbox's scripted CURPs, Belvo answers scripted by the test backend for test-only CURPs, and the proxy's own
// refusals (422, 429, 400). What is left for a fake, the network path failing, is in network.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { imssErrorCodes, type ImssErrorCode } from '../../src/contract/error-codes.js';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { shortReference } from '../../src/element/format.js';
import { fill } from '../../src/element/text.js';
import { esMX } from '../../src/element/translations/es-MX.js';
import { scriptedScenarios } from '../../src/sandbox/scenarios.js';
import { interceptedFetch, SCRIPTED_REQUEST_ID, withAttemptsLeft } from '../support/interceptors.js';
import { oneAttemptBackend, TEST_CURPS } from '../support/test-backend.js';
import {
  alertText,
  attemptIds,
  button,
  curpInput,
  errorPanelText,
  failOnConsoleErrors,
  focused,
  freshKey,
  press,
  start,
  statusText,
  typeCurp,
  waitFor,
  waitForAlert,
  waitForResult,
} from './harness.js';

failOnConsoleErrors();

/** Whether each outcome offers Retry: only what may pass with the same CURP in a while. */
const RETRYABLE: Record<ImssErrorCode, boolean> = {
  nss_not_found: false,
  nss_curp_mismatch: false,
  curp_not_in_renapo: false,
  curp_incorrect: false,
  curp_length: false,
  imss_data_inconsistent: false,
  no_nss: false,
  imss_visit_required: false,
  email_in_use: false,
  daily_limit: false,
  institution_unavailable: true,
  timeout: true,
  imss_rejected: false,
  service_error: true,
  service_busy: true,
};

/** The CURP that ends in each code: the sandbox's scripted one, else a test-only one. */
const CURP_FOR: Partial<Record<ImssErrorCode, string>> = {
  curp_length: TEST_CURPS.curpLength,
  imss_rejected: TEST_CURPS.imssRejected,
  imss_visit_required: TEST_CURPS.imssVisitRequired,
  email_in_use: TEST_CURPS.emailInUse,
  service_error: TEST_CURPS.serviceError,
  service_busy: TEST_CURPS.serviceBusy,
};
for (const [curp, scenario] of Object.entries(scriptedScenarios)) {
  if (scenario.expect !== 'success') CURP_FOR[scenario.expect] = curp;
}

describe('<imss-connect> errors', () => {
  it('has a way to reach every error code of the contract', () => {
    expect(imssErrorCodes.filter((code) => !CURP_FOR[code])).to.deep.equal([]);
  });

  for (const code of imssErrorCodes) {
    const retryable = RETRYABLE[code];
    it(`explains ${code} in an alert${retryable ? ', with Retry' : ''}`, async () => {
      const { el, events } = await start(CURP_FOR[code]!);
      const { detail } = await events.first('imss-error');
      await waitForAlert(el);
      const [what, advice] = esMX.errors[code];
      const next = fill(advice, esMX.links);
      expect(detail.code).to.equal(code);
      expect(detail.retryable).to.equal(retryable);
      // The proxy says how many of the CURP's checks are left today (daily_limit's own text says none are).
      const left = detail.attemptsLeft;
      const attempts =
        left === undefined || code === 'daily_limit'
          ? []
          : [fill(esMX.attemptsLeft[Math.min(left, 2)]!, { n: left })];
      expect(detail.message).to.equal([what, next, ...attempts].join(' '));
      expect(alertText(el)).to.contain(what).and.contain(next);
      // Where the advice sends the person, a link opens it in a new tab.
      for (const [slot, href] of [
        ['{curp}', 'https://www.gob.mx/curp/'],
        ['{office}', 'https://www.imss.gob.mx/directorio/'],
      ]) {
        const link = el.shadowRoot!.querySelector(`[role=alert] a[href="${href}"]`);
        expect(!!link, `${slot} link`).to.equal(advice.includes(slot!));
        if (link)
          expect([link.getAttribute('target'), link.getAttribute('rel')]).to.deep.equal([
            '_blank',
            'noopener',
          ]);
      }
      // IMSS's own words stay in the event's source (the proxy), never on the screen.
      const imssText = scriptedScenarios[CURP_FOR[code]!]?.refusal?.message;
      if (imssText) expect(alertText(el)).to.not.contain(imssText);
      if (code === 'service_error') expect(detail.requestId).to.equal(SCRIPTED_REQUEST_ID);
      // A short reference to read out, with a copy button; the event keeps Belvo's whole id.
      if (detail.requestId) {
        expect(errorPanelText(el)).to.contain(`Folio de soporte: ${shortReference(detail.requestId)}`);
        expect(shortReference(detail.requestId)).to.match(/^[\dA-F]{4}-[\dA-F]{4}$/);
        expect(button(el, 'Copiar folio')).to.not.equal(undefined);
      } else expect(errorPanelText(el)).to.not.contain('Folio');
      expect(focused(el)?.getAttribute('role')).to.equal('alert');
      expect(!!button(el, 'Intentar de nuevo')).to.equal(retryable);
      expect(button(el, 'Editar CURP')).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    });
  }

  it('explains errors in English with lang="en"', async () => {
    const { el } = await start(CURP_FOR.nss_not_found!, { lang: 'en' });
    await waitForAlert(el);
    expect(alertText(el)).to.contain('IMSS found no Social Security Number for your CURP.');
    expect(alertText(el)).to.contain('Visit your IMSS Subdelegación with an official ID');
    expect(errorPanelText(el)).to.contain('Support reference:');
    expect(button(el, 'Edit CURP')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  // Texts written out, not read from the translations, so that a change of wording is a deliberate one.
  it('explains imss_rejected without inviting the retry it does not offer, in Spanish and English', async () => {
    const texts = {
      'es-MX': [
        'El IMSS rechazó la consulta sin indicar un motivo claro.',
        'Revisa que tu CURP sea correcta; si lo es, acude a tu Subdelegación del IMSS con una identificación oficial.',
      ],
      en: [
        'IMSS refused the check without giving a clear reason.',
        'Check that your CURP is right; if it is, visit your IMSS Subdelegación with an official ID.',
      ],
    };
    for (const [lang, [what, next]] of Object.entries(texts)) {
      const { el } = await start(TEST_CURPS.imssRejected, { lang });
      await waitForAlert(el);
      expect(alertText(el), lang).to.contain(`${what} ${next}`);
      expect(alertText(el), lang).to.not.match(/de nuevo|más tarde|again|later/i);
      expect(button(el, /Intentar de nuevo|Try again/), lang).to.equal(undefined);
      await expect(el).to.be.accessible();
    }
  });

  it('says that the NSS IMSS has on file does not match the CURP (nss_curp_mismatch), in Spanish and English', async () => {
    const texts = {
      'es-MX': 'El Número de Seguridad Social que el IMSS tiene registrado para ti no coincide con tu CURP.',
      en: 'The Social Security Number IMSS has on file for you does not match your CURP.',
    };
    for (const [lang, what] of Object.entries(texts)) {
      const { el } = await start(CURP_FOR.nss_curp_mismatch!, { lang });
      await waitForAlert(el);
      expect(alertText(el), lang).to.contain(what);
      await expect(el).to.be.accessible();
    }
  });

  it('retries the same CURP with Retry, as a new submission, and then succeeds', async () => {
    const curp = TEST_CURPS.unavailableOnce;
    const externalId = freshKey();
    const { el, events, sent } = await start(curp, { externalId });
    await waitForAlert(el);
    expect(alertText(el)).to.contain('El IMSS no está respondiendo.');
    // The alert speaks for itself; the live region is emptied, so that the new attempt's first step is news.
    expect(statusText(el)).to.equal('');
    button(el, 'Intentar de nuevo')!.click();
    await waitFor(() => statusText(el) === esMX.steps.connecting, 'the first step announced at once');
    await events.first('imss-success');
    await waitForResult(el);
    const [first, retry] = attemptIds(sent);
    expect(sent.filter((r) => r.method === 'POST').map((post) => post.body)).to.deep.equal([
      { curp, externalId, attemptId: first },
      { curp, externalId, attemptId: retry },
    ]);
    expect(retry).to.not.equal(first);
    await expect(el).to.be.accessible();
  });

  it('goes back to the entry with "Editar CURP", keeping the CURP and focusing the field', async () => {
    const { el } = await start(CURP_FOR.curp_not_in_renapo!);
    await waitForAlert(el);
    button(el, 'Editar CURP')!.focus();
    button(el, 'Editar CURP')!.click();
    await el.updateComplete;
    expect(curpInput(el).value).to.equal(CURP_FOR.curp_not_in_renapo);
    expect(focused(el)).to.equal(curpInput(el));
    await expect(el).to.be.accessible();
  });
});

describe("<imss-connect> and the proxy's own refusals", () => {
  it('shows why the proxy refused the CURP (422 invalid_curp with its reason), without Retry', async () => {
    // The proxy runs the element's own CURP rules, so it refuses only what the browser did not send: here a host
    // fetch changes the check digit on the way, as a proxy with newer rules would see a different CURP.
    const { el, events, sent } = await start('GALM900514MDFRPR04', {
      fetch: (input, init) =>
        window.fetch(
          input,
          init?.method === 'POST' ? { ...init, body: '{"curp":"GALM900514MDFRPR05"}' } : init,
        ),
    });
    const { detail } = await events.first('imss-error');
    expect(sent[0]!.status).to.equal(422);
    expect(detail).to.deep.include({ code: 'invalid_curp', retryable: false, reason: 'checksum' });
    const [what] = esMX.errors.invalid_curp;
    expect(detail.message).to.equal(`${what} ${esMX.invalid.checksum}`);
    await el.updateComplete;
    expect(alertText(el)).to.contain(what).and.contain(esMX.invalid.checksum);
    expect(button(el, 'Intentar de nuevo')).to.equal(undefined);
    expect(focused(el)?.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it("reports the proxy's own daily limit (429) as daily_limit", async () => {
    // A backend of this test's own allows one retrieval per CURP: the first succeeds, the next is refused.
    const endpoint = oneAttemptBackend(freshKey());
    const first = await start('GALM900514MDFRPR04', { endpoint });
    await waitForResult(first.el);
    const { el, events, sent } = await start('GALM900514MDFRPR04', { endpoint });
    const { detail } = await events.first('imss-error');
    expect(sent[0]).to.deep.include({ method: 'POST', status: 429 });
    expect(detail).to.deep.include({ code: 'daily_limit', retryable: false });
    await el.updateComplete;
    // No number of attempts: the proxy's limit is configurable.
    expect(alertText(el)).to.contain(
      'Ya usaste los intentos de consulta de hoy para esta CURP. Vuelve a intentarlo mañana.',
    );
    expect(button(el, 'Intentar de nuevo')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('reports any other refusal of the proxy (400 invalid_request) as service_error, with Retry', async () => {
    const { el, events, sent } = await start('GALM900514MDFRPR04', { externalId: 'x'.repeat(201) });
    const { detail } = await events.first('imss-error');
    expect(sent[0]!.status).to.equal(400);
    expect(detail).to.deep.include({ code: 'service_error', retryable: true });
    await el.updateComplete;
    expect(alertText(el)).to.contain('Algo falló de nuestro lado.');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> with the keyboard only', () => {
  it('goes from the CURP to the result, through an error and Retry, without a mouse', async () => {
    const el = await fixture<ImssConnect>(
      html`<imss-connect privacy-url="/aviso" external-id=${freshKey()}></imss-connect>`,
    );
    await typeCurp(el, TEST_CURPS.unavailableOnce);
    await press(el, 'Tab'); // the gob.mx link
    await press(el, 'Tab'); // the consent box
    await press(el, 'Space');
    await press(el, 'Tab'); // the privacy link inside the label
    await press(el, 'Tab'); // the submit button
    expect(focused(el)?.textContent).to.contain('Consultar mi historial');
    await press(el, 'Enter');
    await waitForAlert(el);
    expect(focused(el)?.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    await press(el, 'Tab');
    expect(focused(el)?.textContent).to.contain('Intentar de nuevo');
    await press(el, 'Enter');
    await waitForResult(el);
    expect(focused(el)?.tagName).to.equal('H2');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> and the checks left today', () => {
  for (const [left, text] of [
    [2, 'Te quedan 2 intentos hoy.'],
    [1, 'Te queda 1 intento hoy.'],
    [0, 'Ya no te quedan intentos hoy.'],
  ] as const) {
    it(`says how many are left when the proxy knows (${left})`, async () => {
      const { el, events } = await start(CURP_FOR.institution_unavailable!, {
        fetch: interceptedFetch(withAttemptsLeft(left), (request) => window.fetch(request)),
      });
      const { detail } = await events.first('imss-error');
      expect(detail.attemptsLeft).to.equal(left);
      expect(detail.message).to.contain(text);
      await waitForAlert(el);
      expect(alertText(el)).to.contain(text);
      // No Retry once none is left.
      expect(!!button(el, 'Intentar de nuevo')).to.equal(left > 0);
      await expect(el).to.be.accessible();
    });
  }
});
