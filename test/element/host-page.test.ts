// What a host page can rely on besides the events: focus, the page's language followed live, languages it adds,
// form association and custom states for styling.
import { expect, fixture, html } from '@open-wc/testing';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { registerTranslation } from '../../src/element/localize.js';
import { esMX } from '../../src/element/translations/es-MX.js';
import {
  curpInput,
  failOnConsoleErrors,
  focused,
  recordingFetch,
  start,
  submit,
  typeCurp,
  waitFor,
} from './harness.js';

failOnConsoleErrors();

const submitText = (el: ImssConnect) =>
  el.shadowRoot!.querySelector('button[type=submit]')!.textContent!.trim();

describe('<imss-connect> on its host page', () => {
  it('takes focus into the CURP field with focus() (delegatesFocus)', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect consent-given></imss-connect>`);
    el.focus();
    expect(focused(el)).to.equal(curpInput(el));
    expect(document.activeElement).to.equal(el);
  });

  it('follows a later change of <html lang> and of an ancestor’s lang, live', async () => {
    const saved = document.documentElement.lang;
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><imss-connect consent-given></imss-connect></div>`,
      );
      const el = wrapper.querySelector('imss-connect')!;
      document.documentElement.lang = 'en';
      await waitFor(() => submitText(el) === 'Get my employment history', 'English from <html lang>');
      wrapper.lang = 'es-MX';
      await waitFor(() => submitText(el) === 'Consultar mi historial', 'Spanish from the ancestor');
      el.setAttribute('lang', 'en-US');
      await waitFor(
        () => submitText(el) === 'Get my employment history',
        'English from its own lang (en-US → en)',
      );
    } finally {
      document.documentElement.lang = saved;
    }
  });

  it('speaks a language the host registers, and re-renders when it arrives', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect consent-given lang="x-test"></imss-connect>`);
    expect(submitText(el)).to.equal('Consultar mi historial');
    registerTranslation('x-test', { ...esMX, submit: 'Prueba de idioma' });
    await waitFor(() => submitText(el) === 'Prueba de idioma', 'the registered language');
    expect(el.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('x-test');
  });

  it('exposes its state as a custom state, for host styling', async () => {
    const el = await fixture<ImssConnect>(html`<imss-connect consent-given></imss-connect>`);
    expect(el.matches(':state(idle)')).to.equal(true);
    el.fetch = recordingFetch().fetch;
    await typeCurp(el, 'GALM900514MDFRPR04');
    await submit(el);
    await waitFor(
      () => el.matches(':state(retrieving)') || el.matches(':state(submitting)'),
      'an active state',
    );
    await waitFor(() => el.matches(':state(success)'), 'the success state');
    expect(el.matches(':state(idle)')).to.equal(false);
  });

  it('takes part in a form: invalid while required, then the session handle as its value', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><imss-connect consent-given name="imss" required></imss-connect></form>`,
    );
    const el = form.querySelector('imss-connect')!;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).get('imss')).to.equal(null);
    el.fetch = recordingFetch().fetch;
    const success = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('imss-success', (e) => resolve(e), { once: true }),
    );
    await typeCurp(el, 'GALM900514MDFRPR04');
    await submit(el);
    const { detail } = await success;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('imss')).to.equal(detail.session);
    form.reset();
    await el.updateComplete;
    expect(new FormData(form).get('imss')).to.equal(null);
    expect(curpInput(el).value).to.equal('');
  });

  it('shows no progress panel for an answer within 300 ms; for a slower one, from 300 ms on', async () => {
    /** Whether the progress panel is there at each of `at` (ms after the POST), with the answer at `answerMs`. */
    async function panelSeen(answerMs: number, at: number[]) {
      const seen: boolean[] = [];
      const shown: { el?: ImssConnect } = {};
      const watch = (ms: number) =>
        setTimeout(() => seen.push(!!shown.el?.shadowRoot!.querySelector('[part~=progress]')), ms);
      const started = await start('GALM900514MDFRPR04', {
        fetch: async () => {
          at.forEach(watch);
          await new Promise((resolve) => setTimeout(resolve, answerMs));
          return Response.json({ error: { code: 'invalid_curp', message: 'x' } }, { status: 422 });
        },
      });
      shown.el = started.el;
      await started.events.first('imss-error');
      await waitFor(() => seen.length === at.length, 'every look');
      return seen;
    }
    expect(await panelSeen(200, [100, 250, 400])).to.deep.equal([false, false, false]);
    expect(await panelSeen(800, [100, 200, 500])).to.deep.equal([false, false, true]);
  });
});
