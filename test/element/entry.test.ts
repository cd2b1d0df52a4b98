import { expect, fixture, html } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import {
  attemptIds,
  consentBox,
  curpInput,
  failOnConsoleErrors,
  fieldProblem,
  focused,
  pasteCurp,
  press,
  recordingFetch,
  submit,
  tickConsent,
  typeCurp,
  waitFor,
} from './harness.js';

failOnConsoleErrors();

/** The element on the real backend, with a host fetch that records what it sends. */
async function entry(attrs: { consent?: boolean } = {}) {
  const proxy = recordingFetch();
  const el = await fixture<ImssConnect>(
    html`<imss-connect
      privacy-url="/privacidad"
      ?consent-given=${attrs.consent ?? true}
      .fetch=${proxy.fetch}
    ></imss-connect>`,
  );
  return { el, proxy };
}

describe('<imss-connect> CURP entry', () => {
  it('works as a plain tag: a labelled field, a hint, the gob.mx look-up and a submit button', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect privacy-url="/privacidad"></imss-connect>`);
    await expect(el).to.be.accessible();
    const input = curpInput(el);
    expect(input.labels?.[0]?.textContent).to.equal('CURP');
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('autocapitalize')).to.equal('characters');
    expect(input.getAttribute('spellcheck')).to.equal('false');
    // Room for a CURP pasted with spaces and hyphens.
    expect(Number(input.getAttribute('maxlength'))).to.be.at.least(40);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    const [hintId, countId] = input.getAttribute('aria-describedby')!.split(' ');
    const hint = el.shadowRoot!.getElementById(hintId!);
    expect(hint?.textContent).to.contain('18 letras y números');
    expect(el.shadowRoot!.getElementById(countId!)?.textContent).to.equal('0 de 18');
    const lookup = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="https://www.gob.mx/curp/"]');
    expect(lookup?.textContent).to.contain('Consulta tu CURP en gob.mx');
    expect(el.shadowRoot!.querySelector('button[type=submit]')?.textContent).to.contain(
      'Consultar mi historial',
    );
    expect(getComputedStyle(el).display).to.equal('block');
  });

  it('shows the CURP in capitals as the person types, never rewriting it under the caret', async () => {
    const { el, proxy } = await entry();
    await typeCurp(el, 'galm900514');
    expect(getComputedStyle(curpInput(el)).textTransform).to.equal('uppercase');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    await typeCurp(el, 'x');
    // typeCurp focuses the field again; the caret stays where the person left it.
    expect(curpInput(el).value).to.equal('galm9005x14');
    expect(curpInput(el).selectionStart).to.equal(9);
    await press(el, 'Backspace');
    await press(el, 'End');
    await typeCurp(el, 'mdfrpr04');
    await submit(el);
    await waitFor(() => proxy.sent[0]?.status, 'the answer');
    expect((proxy.sent[0]!.body as { curp: string }).curp).to.equal('GALM900514MDFRPR04');
    await expect(el).to.be.accessible();
  });

  it('accepts a pasted CURP with spaces or hyphens and sends it normalised', async () => {
    const { el, proxy } = await entry();
    await pasteCurp(el, 'galm-900514 mdfrpr04');
    expect(curpInput(el).value).to.equal('galm-900514 mdfrpr04');
    expect(fieldProblem(el)).to.equal('');
    await submit(el);
    await waitFor(() => proxy.sent[0]?.status, 'the answer');
    expect(proxy.sent[0]).to.deep.equal({
      method: 'POST',
      url: '/api/imss/links',
      body: { curp: 'GALM900514MDFRPR04', attemptId: attemptIds(proxy.sent)[0] },
      status: 202,
    });
    await expect(el).to.be.accessible();
  });

  it('prefills the field from the curp attribute', async () => {
    const el = await fixture<ImssConnect>(
      html`<imss-connect consent-given curp="GALM900514MDFRPR04"></imss-connect>`,
    );
    expect(curpInput(el).value).to.equal('GALM900514MDFRPR04');
    await expect(el).to.be.accessible();
  });

  it('says nothing about a CURP that is still being typed, and that it is too short once the field is left', async () => {
    const { el } = await entry();
    await typeCurp(el, 'GALM9005');
    expect(fieldProblem(el)).to.equal('');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('false');
    await press(el, 'Tab');
    expect(fieldProblem(el)).to.equal('La CURP tiene 18 caracteres; revisa que esté completa.');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('marks an invalid field with a thicker border in the danger colour', async () => {
    const { el } = await entry();
    const input = curpInput(el);
    const valid = getComputedStyle(input);
    const [validColor, validShadow] = [valid.borderTopColor, valid.boxShadow];
    await typeCurp(el, 'G4');
    const invalid = getComputedStyle(input);
    expect(invalid.borderTopColor).to.not.equal(validColor);
    expect(invalid.borderTopColor).to.equal(
      getComputedStyle(el.shadowRoot!.querySelector('.invalid')!).color,
    );
    expect(invalid.boxShadow).to.not.equal(validShadow);
    await expect(el).to.be.accessible();
  });

  it('explains a character that cannot be right as soon as it is typed', async () => {
    const { el } = await entry();
    await typeCurp(el, 'G4');
    expect(fieldProblem(el)).to.contain('Hay un carácter fuera de lugar');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  // What the person sees under the field after typing, one key at a time: a character that cannot be right at once;
  // every other rule (in checkCurp's order: date, sex, state) once the 18 characters are there.
  const DATE = 'La fecha de nacimiento en tu CURP (posiciones 5 a 10) no existe.';
  const SEX = 'La posición 11 debe ser H, M o X.';
  const STATE = 'Las posiciones 12 y 13 no son una clave de estado.';
  const CHECKSUM =
    'El dígito verificador (último carácter) no coincide; revisa que no haya un error de captura.';
  const typings: [typed: string, shown: string, why: string][] = [
    ['GALM9013', '', 'month 13, not yet complete'],
    ['GALM901332MDFRPR04', DATE, 'month 13, complete'],
    ['GALM900230MDFRPR04', DATE, '30 February'],
    ['GALM010229MDFRPR04', DATE, '29 February 2001: not a leap year'],
    ['GALM000229MDFRPRA4', CHECKSUM, '29 February 2000 is right (a letter in position 17: the 2000s)'],
    ['GALM000229MDFRPR04', DATE, '29 February 1900 (a digit in position 17: the 1900s)'],
    ['GALM900514K', '', 'K for the sex, not yet complete'],
    ['GALM900514KDFRPR04', SEX, 'K for the sex, complete'],
    ['GALM000229KDFRPR04', DATE, 'both wrong: the date comes first, as in checkCurp'],
    ['GALM900514MZZRPR04', STATE, 'ZZ'],
    ['GALM900514MDFRPR0', '', 'a valid start'],
  ];
  for (const [typed, shown, why] of typings) {
    it(`after ${typed} (${why}) shows ${shown ? `"${shown}"` : 'nothing'}`, async () => {
      const { el } = await entry();
      await typeCurp(el, typed);
      const input = curpInput(el);
      expect(fieldProblem(el)).to.equal(shown);
      expect(input.getAttribute('aria-invalid')).to.equal(String(!!shown));
      expect(input.getAttribute('aria-describedby')).to.equal(
        shown ? 'hint count curp-invalid' : 'hint count',
      );
      await expect(el).to.be.accessible();
    });
  }

  it('explains a birth date that cannot exist in English too, once the CURP is complete', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect lang="en" consent-given></imss-connect>`);
    await typeCurp(el, 'GALM901332MDFRPR0');
    expect(fieldProblem(el)).to.equal('');
    await typeCurp(el, '4');
    expect(fieldProblem(el)).to.equal('The birth date in your CURP (characters 5 to 10) does not exist.');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says the CURP is too short when the field is left incomplete', async () => {
    const { el } = await entry();
    await typeCurp(el, 'GALM900514K');
    await press(el, 'Tab');
    expect(fieldProblem(el)).to.equal('La CURP tiene 18 caracteres; revisa que esté completa.');
    await expect(el).to.be.accessible();
  });

  it('explains a check digit that does not match as soon as the 18 characters are there', async () => {
    const { el } = await entry();
    await typeCurp(el, 'GALM900514MDFRPR0');
    expect(fieldProblem(el)).to.equal('');
    await typeCurp(el, '5');
    expect(fieldProblem(el)).to.contain('El dígito verificador (último carácter) no coincide');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('asks for the CURP when submitted empty, and focuses the field', async () => {
    const { el, proxy } = await entry();
    el.shadowRoot!.querySelector('button')!.focus();
    await press(el, 'Enter');
    expect(fieldProblem(el)).to.equal('Escribe tu CURP.');
    expect(focused(el)).to.equal(curpInput(el));
    expect(proxy.sent).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('never sends an invalid CURP', async () => {
    const { el, proxy } = await entry();
    for (const curp of ['GALM9005', 'GALM900514MDFRPR05', 'G4LM900514MDFRPR04']) {
      await typeCurp(el, curp);
      await submit(el);
      expect(el.submit()).to.equal(false);
      curpInput(el).select();
      await press(el, 'Backspace');
    }
    expect(proxy.sent).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('hides the problem again as soon as the CURP is fixed', async () => {
    const { el } = await entry();
    await typeCurp(el, 'GALM900514MDFRPR05');
    expect(fieldProblem(el)).to.not.equal('');
    await press(el, 'Backspace');
    await typeCurp(el, '4');
    expect(fieldProblem(el)).to.equal('');
    expect(curpInput(el).getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> consent', () => {
  it('blocks submission until the consent box is ticked', async () => {
    const { el, proxy } = await entry({ consent: false });
    const box = consentBox(el)!;
    expect(box.labels?.[0]?.textContent).to.contain('Autorizo consultar mi historial laboral en el IMSS');
    const link = box.labels![0]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('/privacidad');
    expect(link.textContent).to.contain('aviso de privacidad');

    await typeCurp(el, 'GALM900514MDFRPR04');
    await submit(el);
    expect(proxy.sent).to.have.length(0);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)?.textContent).to.contain(
      'Marca la casilla',
    );
    expect(focused(el)).to.equal(box);
    await expect(el).to.be.accessible();

    await tickConsent(el);
    expect(box.checked).to.equal(true);
    expect(box.getAttribute('aria-invalid')).to.equal('false');
    await submit(el);
    await waitFor(() => proxy.sent.length > 0, 'the request');
    expect(proxy.sent[0]?.method).to.equal('POST');
    await expect(el).to.be.accessible();
  });

  it('gives the checkbox a 24 px target, level with the first line of its label, at 320 px', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style="width: 320px"><imss-connect privacy-url="/privacidad"></imss-connect></div>`,
    );
    const el = wrapper.querySelector('imss-connect')!;
    await el.updateComplete;
    const box = consentBox(el)!.getBoundingClientRect();
    const label = consentBox(el)!.labels![0]!.getBoundingClientRect();
    expect(box.width).to.be.at.least(24);
    expect(box.height).to.be.at.least(24);
    expect(label.height).to.be.above(2 * box.height); // the label wraps onto several lines…
    expect(box.top).to.be.closeTo(label.top, 1); // …and the box stays at the first one
    await expect(el).to.be.accessible();
  });

  it('keeps every control inside the element at 320 px', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style="width: 320px"><imss-connect privacy-url="/privacidad"></imss-connect></div>`,
    );
    const el = wrapper.querySelector('imss-connect')!;
    await el.updateComplete;
    const inner = el.shadowRoot!.querySelector('form')!.getBoundingClientRect();
    for (const control of el.shadowRoot!.querySelectorAll('input, button')) {
      const { left, right } = control.getBoundingClientRect();
      expect(left, control.id).to.be.at.least(inner.left);
      expect(right, control.id).to.be.at.most(inner.right);
    }
    expect(el.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });

  it('shows no checkbox with consent-given', async () => {
    const { el } = await entry({ consent: true });
    expect(consentBox(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> language', () => {
  it('speaks English with lang="en"', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect lang="en" consent-given></imss-connect>`);
    expect(curpInput(el).labels?.[0]?.textContent).to.equal('CURP');
    expect(el.shadowRoot!.querySelector('button')?.textContent).to.contain('Get my employment history');
    await typeCurp(el, 'GALM900514MDFRPR05');
    expect(fieldProblem(el)).to.contain("The check digit (last character) doesn't match");
    await expect(el).to.be.accessible();
  });

  it('takes the language of the closest ancestor with lang, and follows changes of its own lang', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<section lang="en-GB">
        <div><imss-connect consent-given></imss-connect></div>
      </section>`,
    );
    const el = wrapper.querySelector('imss-connect')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')?.textContent).to.contain('Get my employment history');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'es-MX');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')?.textContent).to.contain('Consultar mi historial');
    await expect(el).to.be.accessible();
  });

  it('falls back to Spanish (Mexico) for other Spanish variants and other languages', async () => {
    for (const lang of ['es', 'es-AR', 'fr', 'not a tag']) {
      const el = await fixture<ImssConnect>(html`<imss-connect lang=${lang} consent-given></imss-connect>`);
      expect(el.shadowRoot!.querySelector('button')?.textContent, lang).to.contain('Consultar mi historial');
      // An invalid tag is what this test gives the host page on purpose; axe rightly flags it on the host.
      await expect(el).to.be.accessible(lang === 'not a tag' ? { ignoredRules: ['valid-lang'] } : {});
    }
  });

  it('declares the language its texts are in, for screen readers, however the language was chosen', async () => {
    const langOfTexts = (el: ImssConnect) => el.shadowRoot!.querySelector('[lang]')?.getAttribute('lang');
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr"><imss-connect consent-given></imss-connect></div>`,
    );
    const el = wrapper.querySelector('imss-connect')!;
    await el.updateComplete;
    expect(langOfTexts(el)).to.equal('es-MX');
    // As React and Vue set it: the property, which is not reflected to the host's attribute.
    el.lang = 'en';
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal(null);
    expect(el.shadowRoot!.querySelector('button')?.textContent).to.contain('Get my employment history');
    expect(langOfTexts(el)).to.equal('en');
    await expect(el).to.be.accessible();
  });

  it('lets the host override any text per language', async () => {
    const el = await fixture<ImssConnect>(
      html`<imss-connect
        consent-given
        .messages=${{ 'es-MX': { submit: 'Continuar', invalid: { checksum: 'Revisa el último carácter.' } } }}
      ></imss-connect>`,
    );
    expect(el.shadowRoot!.querySelector('button')?.textContent).to.contain('Continuar');
    await typeCurp(el, 'GALM900514MDFRPR05');
    expect(fieldProblem(el)).to.equal('Revisa el último carácter.');
    curpInput(el).select();
    await press(el, 'Backspace');
    await submit(el);
    // The other texts keep their defaults.
    expect(fieldProblem(el)).to.equal('Escribe tu CURP.');
    await expect(el).to.be.accessible();
  });
});

describe('<imss-connect> registration', () => {
  it('tolerates being defined twice (the script loaded twice)', async () => {
    const { ImssConnect } = await import('../../src/element/imss-connect.js');
    await import('../../src/element/define.js');
    ImssConnect.define();
    expect(customElements.get('imss-connect')).to.equal(ImssConnect);
    class Again extends ImssConnect {}
    Again.define();
    expect(customElements.get('imss-connect')).to.equal(ImssConnect);
    const el = await fixture<ImssConnect>(html`<imss-connect consent-given></imss-connect>`);
    expect(el).to.be.instanceOf(ImssConnect);
    await expect(el).to.be.accessible();
  });
});
