import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { EmploymentSummary } from '../contract/summary.js';
import { checkCurp } from '../curp/check-curp.js';
import { emit } from './events.js';
import { FlowController, type ActiveFlowState, type FlowState } from './flow-controller.js';
import { clock, count, longDate, maskNss, money } from './format.js';
import { styles } from './imss-connect.styles.js';
import { localize, type Localization } from './locale.js';
import type { FlowError } from './proxy-client.js';
import type { Messages, Translation } from './translations/translation.js';
import { curpProblem } from './validation.js';

/** After this long a retrieval shows (and announces) a reassuring note. */
const LONG_WAIT_MS = 20_000;
const CURP_LOOKUP = 'https://www.gob.mx/curp/';
/**
 * Longest text the CURP field takes: more than the 18 characters, so that a CURP pasted with spaces or hyphens
 * (`GALM-900514 MDFRPR04`) fits whole, and a 19th typed character is seen and explained rather than dropped.
 */
const CURP_INPUT_MAX_LENGTH = 40;

let warned = false;

/**
 * Lets a person share their verified IMSS employment history by typing their CURP. Validates the CURP in the
 * browser, asks the partner's proxy (`endpoint`) to retrieve the history, shows live progress, and ends with a
 * localized error the person can act on, or with a compact result card and an `imss-success` event carrying the
 * employment summary.
 *
 * Texts are Spanish (Mexico) by default and English for `lang="en"`, taken from the element or its closest
 * ancestor with `lang`; override any of them per language with `messages`.
 *
 * @tagname imss-connect
 * @summary Verifies a person's IMSS employment history from their CURP.
 *
 * @fires {CustomEvent<ImssProgressDetail>} imss-progress - A retrieval started or changed step, then about every
 *   5 s. `detail: { step: 'connecting' | 'retrieving', elapsedMs }`.
 * @fires {CustomEvent<ImssSuccessDetail>} imss-success - The summary arrived. `detail: { session, summary }`.
 * @fires {CustomEvent<ImssErrorDetail>} imss-error - The retrieval failed. `detail: { code, message, retryable,
 *   requestId?, reason? }`; `message` is the text shown to the person; `reason`, with `invalid_curp`, is the CURP
 *   rule the proxy found broken.
 * @fires {CustomEvent<ImssCancelDetail>} imss-cancel - The person cancelled a retrieval. `detail: {}`.
 *
 * @csspart form - The CURP entry form.
 * @csspart input - The CURP text input.
 * @csspart button - Every button; each also has a part of its own: `submit`, `cancel`, `retry`, `edit`.
 * @csspart submit - The button that starts a retrieval.
 * @csspart cancel - The button that stops a retrieval.
 * @csspart retry - The button that tries again after a retryable error.
 * @csspart edit - The button that goes back to the CURP from an error.
 * @csspart progress - The progress panel (steps, elapsed time, Cancel).
 * @csspart error - The error panel.
 * @csspart result - The result card, or the confirmation line with `hide-summary`.
 *
 * @cssprop [--imss-connect-accent=#235b4e] - Buttons, focus ring, progress (dark: #7fd1b9).
 * @cssprop [--imss-connect-text=#1b1f24] - Text (dark: #eef0f2).
 * @cssprop [--imss-connect-muted=#4a5159] - Hints, labels and the input border (dark: #b8bec6).
 * @cssprop [--imss-connect-surface=#fff] - Background, and text on accent buttons (dark: #1a1d21).
 * @cssprop [--imss-connect-danger=#9f2241] - Errors (dark: #ffa3b1).
 * @cssprop [--imss-connect-radius=0.5rem] - Corner radius.
 * @cssprop [--imss-connect-font=system-ui, sans-serif] - Font family.
 */
export class ImssConnect extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators, whose helpers cost about 0.4 kB gzip in the standalone bundle.
  // (`attribute: false` on the states keeps them out of the custom-elements manifest's attributes.)
  static override properties: PropertyDeclarations = {
    endpoint: {},
    lang: {},
    externalId: { attribute: 'external-id' },
    consentGiven: { type: Boolean, attribute: 'consent-given' },
    privacyUrl: { attribute: 'privacy-url' },
    hideSummary: { type: Boolean, attribute: 'hide-summary' },
    curp: {},
    messages: { attribute: false },
    fetch: { attribute: false },
    finished: { state: true, attribute: false },
    consented: { state: true, attribute: false },
    consentMissing: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** Registers the element (once: a second load of the script on the same page is harmless). */
  static define(tag = 'imss-connect', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  /** Base URL of the partner's proxy; the element calls `{endpoint}/links`. */
  endpoint = '/api/imss';

  /**
   * Language of the texts: `es-MX` (default) or `en`. When unset, the closest ancestor's `lang`, then the
   * document's, applies.
   */
  override lang = '';

  /** The partner's own reference for this person, sent to the proxy (no personal data). */
  externalId?: string;

  /** Set when the host page already collected consent: hides the consent checkbox. */
  consentGiven = false;

  /** Privacy notice linked from the consent checkbox. */
  privacyUrl?: string;

  /** Emit the events but show no result card (only a one-line confirmation). */
  hideSummary = false;

  /** Prefills the CURP input; afterwards holds what the person typed. */
  curp = '';

  /** Overrides any text, per language: `{ 'es-MX'?: {...}, en?: {...} }`. Groups merge key by key. */
  messages?: Messages;

  /** A fetch to use instead of the global one, e.g. to add the partner's auth headers. */
  fetch?: typeof globalThis.fetch;

  // Reactive state: Lit turns these into accessors, so they cannot be `#private` like the members below.
  /**
   * Whether the CURP input was left or submitted: from then on an incomplete CURP is reported.
   * @private
   */
  private finished = false;
  /** @private */
  private consented = false;
  /** @private */
  private consentMissing = false;
  /**
   * Text of the polite live region.
   * @private
   */
  private announcement = '';

  // The rest is `#private`, which the minifier shortens (it cannot rename TypeScript's `private` members).
  #flow = new FlowController(this, {
    config: () => ({
      endpoint: this.endpoint,
      fetch: this.fetch ?? globalThis.fetch,
      externalId: this.externalId || undefined,
    }),
    onChange: (next, previous) => this.#onFlowChange(next, previous),
    onTick: (active, ticks) => this.#onFlowTick(active, ticks),
  });

  /** What to focus after the next render, if focus was inside the element. */
  #focusNext?: string;
  #longWaitAnnounced = false;

  /**
   * Validates the CURP (and consent) and starts a retrieval. Returns whether it started; if not, the problem is shown
   * next to the field.
   */
  submit(): boolean {
    if (this.#flow.active) return false;
    this.finished = true;
    const result = checkCurp(this.curp);
    if (!result.valid) {
      this.#focusSoon('#curp');
      return false;
    }
    if (!this.consentGiven && !this.consented) {
      this.consentMissing = true;
      this.#focusSoon('#consent');
      return false;
    }
    this.#flow.start(result.curp);
    return true;
  }

  /** Stops a retrieval (deleting it at the proxy) and returns to the CURP entry, keeping the CURP. */
  cancel(): boolean {
    if (!this.#flow.active) return false;
    this.#flow.reset();
    emit(this, 'imss-cancel', {});
    this.announcement = this.#localization().t.cancelled;
    this.#focusSoon('#curp');
    return true;
  }

  /** Back to an empty entry form, stopping any retrieval. */
  reset(): void {
    this.#flow.reset();
    this.curp = '';
    this.finished = this.consented = this.consentMissing = false;
  }

  protected override firstUpdated(): void {
    if (!warned && !this.consentGiven && !this.privacyUrl) {
      warned = true;
      console.warn('<imss-connect>: set privacy-url (your privacy notice) or consent-given.');
    }
  }

  protected override updated(): void {
    if (this.#focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusNext)?.focus();
      this.#focusNext = undefined;
    }
  }

  override render(): TemplateResult {
    const l = this.#localization();
    const state = this.#flow.state;
    // `lang` names the language the texts are in, whatever the page's is (fr gets Spanish) and however it was set
    // (a property set from React or Vue is not reflected to the host's attribute), for screen readers' voices.
    return html`<div lang=${l.locale}>
      ${
        state.status === 'idle'
          ? this.#renderForm(l.t)
          : state.status === 'success'
            ? this.#renderResult(l, state.summary)
            : state.status === 'error'
              ? this.#renderError(l.t, state.curp, state.error)
              : this.#renderProgress(l.t, state)
      }
      <div class="sr-only" role="status">${this.announcement}</div>
    </div>`;
  }

  /** Moves focus after the next render, but only when the person is working inside the element. */
  #focusSoon(selector: string): void {
    const active = document.activeElement;
    if (this.shadowRoot?.activeElement || !active || active === document.body) {
      this.#focusNext = selector;
    }
  }

  #localization(): Localization {
    return localize(this, this.lang, this.messages);
  }

  #onFlowChange(next: FlowState, previous: FlowState): void {
    const { t } = this.#localization();
    if (next.status === 'submitting') {
      this.#longWaitAnnounced = false;
      this.#progress(next, true);
      this.#focusSoon('[part=progress]');
    } else if (next.status === 'retrieving') {
      if (next.step !== (previous.status === 'retrieving' ? previous.step : 'connecting'))
        this.#progress(next, true);
    } else if (next.status === 'success') {
      emit(this, 'imss-success', { session: next.session, summary: next.summary });
      this.announcement = t.done;
      this.#focusSoon('#result');
    } else {
      // Idle or error (the alert speaks for itself): emptied, so that the next attempt's first step is news again.
      this.announcement = '';
      if (next.status === 'error') {
        const { code, retryable, requestId, reason } = next.error;
        const message = errorText(t, next.error).join(' ');
        emit(this, 'imss-error', { code, message, retryable, requestId, reason });
        this.#focusSoon('[role=alert]');
      }
    }
  }

  /** Tells the host (and, with `announce`, the person) where the retrieval stands. */
  #progress(active: ActiveFlowState, announce: boolean): void {
    const step = active.status === 'retrieving' ? active.step : 'connecting';
    emit(this, 'imss-progress', { step, elapsedMs: Date.now() - active.startedAt });
    if (announce) this.announcement = this.#localization().t.steps[step];
  }

  #onFlowTick(active: ActiveFlowState, ticks: number): void {
    if (ticks % 5 === 0) this.#progress(active, false);
    if (Date.now() - active.startedAt > LONG_WAIT_MS && !this.#longWaitAnnounced) {
      this.#longWaitAnnounced = true;
      this.announcement = this.#localization().t.longWait;
    }
  }

  #onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const upper = input.value.toUpperCase();
    // Upper-case as the person types, keeping the caret where it was (not while an IME is composing).
    if (upper !== input.value && !event.isComposing && upper.length === input.value.length) {
      const { selectionStart, selectionEnd } = input;
      input.value = upper;
      input.setSelectionRange(selectionStart, selectionEnd);
    }
    this.curp = input.value;
    this.finished = false;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  #onConsent(event: Event): void {
    this.consented = (event.target as HTMLInputElement).checked;
    this.consentMissing &&= !this.consented;
  }

  #edit(): void {
    this.#flow.reset();
    this.#focusSoon('#curp');
  }

  #renderForm(t: Translation): TemplateResult {
    const problem = curpProblem(this.curp, this.finished);
    const [before, after] = t.consent.split('{privacy}');
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <label for="curp">${t.label}</label>
      <p class="hint" id="hint">${t.hint}</p>
      <input
        id="curp"
        part="input"
        type="text"
        .value=${this.curp}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength=${CURP_INPUT_MAX_LENGTH}
        aria-invalid=${!!problem}
        aria-describedby=${problem ? 'hint curp-invalid' : 'hint'}
        @input=${this.#onInput}
        @compositionend=${this.#onInput}
        @blur=${() => (this.finished ||= !!this.curp.trim())}
      />
      <p class="invalid" id="curp-invalid" aria-live="polite">${problem ? t.invalid[problem] : ''}</p>
      <a class="small" href=${CURP_LOOKUP}>${t.lookup}</a>
      ${
        this.consentGiven
          ? nothing
          : html`<div class="consent">
                <input
                  id="consent"
                  type="checkbox"
                  .checked=${this.consented}
                  aria-invalid=${this.consentMissing}
                  aria-describedby=${this.consentMissing ? 'consent-invalid' : nothing}
                  @change=${this.#onConsent}
                />
                <label for="consent"
                  >${before}${
                    this.privacyUrl ? html`<a href=${this.privacyUrl}>${t.privacy}</a>` : t.privacy
                  }${after}</label
                >
              </div>
              <p class="invalid" id="consent-invalid" aria-live="polite">
                ${this.consentMissing ? t.consentRequired : ''}
              </p>`
      }
      <button class="primary" part="button submit" type="submit">${t.submit}</button>
    </form>`;
  }

  #renderProgress(t: Translation, active: ActiveFlowState): TemplateResult {
    const retrieving = active.status === 'retrieving' && active.step === 'retrieving';
    const elapsed = Date.now() - active.startedAt;
    // Each step has a marker (done ✓, current, pending ○); "done" is also said in words, "current" by aria-current.
    return html`<div class="panel" part="progress" tabindex="-1">
      <ol>
        ${
          retrieving
            ? html`<li class="done">${t.steps.connecting}<span class="sr-only"> (${t.stepDone})</span></li>`
            : html`<li aria-current="step">${t.steps.connecting}</li>`
        }
        <li aria-current=${retrieving ? 'step' : nothing}>${t.steps.retrieving}</li>
      </ol>
      <p class="hint">${t.elapsed} ${clock(elapsed)}</p>
      ${elapsed > LONG_WAIT_MS ? html`<p>${t.longWait}</p>` : nothing}
      <button part="button cancel" type="button" @click=${this.cancel}>${t.cancel}</button>
    </div>`;
  }

  #renderError(t: Translation, curp: string, error: FlowError): TemplateResult {
    const [what, next] = errorText(t, error);
    return html`<div class="panel" part="error">
      <div class="error" role="alert" tabindex="-1">
        <strong>${what}</strong>
        <p>${next}</p>
        ${error.requestId ? html`<p class="small">${t.support} ${error.requestId}</p>` : nothing}
      </div>
      <div class="actions">
        ${
          error.retryable
            ? html`<button
                class="primary"
                part="button retry"
                type="button"
                @click=${() => this.#flow.start(curp)}
              >
                ${t.retry}
              </button>`
            : nothing
        }
        <button part="button edit" type="button" @click=${this.#edit}>${t.edit}</button>
      </div>
    </div>`;
  }

  #renderResult({ t, locale }: Localization, summary: EmploymentSummary): TemplateResult {
    if (this.hideSummary) return html`<p id="result" part="result" tabindex="-1">${t.done}</p>`;
    const f = t.fields;
    const nss = summary.nss && maskNss(summary.nss);
    const jobs = summary.currentJobs;
    const ifKnown = <T>(value: T | null, show: (value: T) => unknown) =>
      value === null ? null : show(value);
    const rows: [string, unknown][] = [
      [f.name, summary.fullName],
      [
        f.nss,
        nss &&
          html`<span aria-hidden="true">${nss[0]}</span
            ><span class="sr-only"> ${f.nssEnding} </span>${nss[1]}`,
      ],
      [f.status, ifKnown(summary.status, (status) => t.statuses[status])],
      [f.weeks, ifKnown(summary.weeksContributed, (weeks) => count(weeks, locale))],
      [
        f.employers,
        jobs.length
          ? html`<ul>
              ${jobs.map((job) => html`<li>${job.employer}</li>`)}
            </ul>`
          : null,
      ],
      [f.salary, ifKnown(summary.dailySalary, (amount) => money(amount, locale))],
      [f.monthly, ifKnown(summary.monthlyIncomeEstimate, (amount) => money(amount, locale))],
      [f.reportDate, ifKnown(summary.reportDate, (date) => longDate(date, locale))],
    ].filter(([, value]) => value) as [string, unknown][];
    return html`<section class="panel" part="result" aria-labelledby="result">
      <h2 id="result" tabindex="-1">${t.result}</h2>
      ${summary.jobs.length ? nothing : html`<p>${t.noHistory}</p>`}
      ${
        rows.length
          ? html`<dl>
              ${rows.map(
                ([label, value]) =>
                  html`<div>
                    <dt>${label}</dt>
                    <dd>${value}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }
    </section>`;
  }
}

/** What to tell the person about a failure: what happened, and what to do (for a refused CURP: what to fix). */
function errorText(t: Translation, { code, reason }: FlowError): [string, string] {
  const [what, next] = t.errors[code];
  return [what, reason ? t.invalid[reason] : next];
}
