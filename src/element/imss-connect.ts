import {
  LitElement,
  html,
  nothing,
  type CSSResult,
  type PropertyDeclarations,
  type TemplateResult,
} from 'lit';
import { checkCurp } from '../curp/check-curp.js';
import { normalizeCurp } from '../curp/normalize-curp.js';
import { emit } from './events.js';
import { FlowController, type ActiveFlowState, type FlowState } from './flow-controller.js';
import { clock, formats, shortReference } from './format.js';
import { historyCard } from './history-card.js';
import { styles } from './imss-connect.styles.js';
import { LocalizeController, type Localization } from './localize.js';
import { defaultSettings, type ConnectSettings, type FlowError } from './proxy-client.js';
import { fill, withLinks } from './text.js';
import type { Messages, Translation } from './translations/translation.js';
import { curpProblem } from './validation.js';

/** How long a retrieval usually takes (said under the steps); after this long, a reassuring note. */
const EXPECTED_MS = 30_000;
/** An answer within this long shows no progress panel at all: the form stays until it comes. */
const QUIET_MS = 300;
const LINKS = {
  curp: 'https://www.gob.mx/curp/',
  /** IMSS's directory of its offices, where a person finds their Subdelegación. */
  office: 'https://www.imss.gob.mx/directorio/',
};
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
 * Texts are Spanish (Mexico) by default, and follow the `lang` of the element, of its closest ancestor or of the
 * document, live. English and other languages are added with `registerTranslation`; override any text per language
 * with `messages`.
 *
 * Takes part in forms: with a `name`, the form value is the session handle once the summary arrived; `required`
 * keeps the form invalid until then. Its state shows as a custom state for host styling:
 * `:state(idle | submitting | retrieving | success | error)`.
 *
 * @tagname imss-connect
 * @summary Verifies a person's IMSS employment history from their CURP.
 *
 * @fires {CustomEvent<ImssProgressDetail>} imss-progress - A retrieval started or changed step, then about every
 *   5 s. `detail: { step: 'connecting' | 'retrieving', elapsedMs }`.
 * @fires {CustomEvent<ImssSuccessDetail>} imss-success - The summary arrived. `detail: { session, summary }`.
 * @fires {CustomEvent<ImssErrorDetail>} imss-error - The retrieval failed. `detail: { code, message, retryable,
 *   requestId?, reason?, attemptsLeft? }`; `message` is the text shown to the person; `reason`, with
 *   `invalid_curp`, is the CURP rule the proxy found broken; `attemptsLeft`, the CURP's checks left today, when the
 *   proxy said; `requestId` is Belvo's whole id (the person sees a short form of it).
 * @fires {CustomEvent<ImssCancelDetail>} imss-cancel - The person cancelled a retrieval. `detail: {}`.
 *
 * @csspart form - The CURP entry form.
 * @csspart input - The CURP text input.
 * @csspart button - Every button; each also has a part of its own: `submit`, `cancel`, `retry`, `edit`, `copy`, `more`.
 * @csspart submit - The button that starts a retrieval.
 * @csspart cancel - The button that stops a retrieval.
 * @csspart retry - The button that tries again after a retryable error.
 * @csspart edit - The button that goes back to the CURP from an error.
 * @csspart copy - The button that copies the support reference of an error.
 * @csspart more - The button that shows every job of a long history.
 * @csspart progress - The progress panel (steps, elapsed time, Cancel).
 * @csspart error - The error panel.
 * @csspart result - The result card, or the confirmation line with `hide-summary`.
 * @csspart timeline - The bars of the jobs over the years, in the result card.
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
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };
  static formAssociated = true;

  // Declared here rather than with decorators, whose helpers cost about 0.4 kB gzip in the standalone bundle.
  // (`attribute: false` on the states keeps them out of the custom-elements manifest's attributes.)
  static override properties: PropertyDeclarations = {
    endpoint: {},
    lang: {},
    name: {},
    required: { type: Boolean },
    externalId: { attribute: 'external-id' },
    consentGiven: { type: Boolean, attribute: 'consent-given' },
    privacyUrl: { attribute: 'privacy-url' },
    hideSummary: { type: Boolean, attribute: 'hide-summary' },
    curp: {},
    messages: { attribute: false },
    fetch: { attribute: false },
    settings: { attribute: false },
    finished: { state: true, attribute: false },
    consented: { state: true, attribute: false },
    consentMissing: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    quiet: { state: true, attribute: false },
    allJobs: { state: true, attribute: false },
  };

  /** Registers the element (once: a second load of the script on the same page is harmless). */
  static define(tag = 'imss-connect', registry: CustomElementRegistry = customElements): void {
    if (registry.get(tag)) return;
    registry.define(tag, this);
    // The style sheet, parsed now rather than by the first element's first render (Lit makes it on first use).
    void (styles as CSSResult).styleSheet;
  }

  /** Base URL of the partner's proxy; the element calls `{endpoint}/links`. */
  endpoint = '/api/imss';

  /**
   * Language of the texts: any registered one (`es-MX`, the default, is always there). When unset, the closest
   * ancestor's `lang`, then the document's, applies.
   */
  override lang = '';

  /** Name of the form field: its value is the session handle once the summary arrived. */
  name = '';

  /** Keeps the form invalid until the summary arrived. */
  required = false;

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

  /**
   * This element's retries and timeouts, any of: `retryBaseMs` (1000), `retryMaxMs` (8000), `retryAttempts` (5),
   * `requestTimeoutMs` (15000), `pollMarginMs` (10000), `quietPollMs` (1000). Read when a retrieval starts.
   */
  settings?: Partial<ConnectSettings>;

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
  /**
   * The first moments of a retrieval, when the form stays (a quick answer shows no progress panel).
   * @private
   */
  private quiet = false;
  /**
   * Whether the result card lists every job.
   * @private
   */
  private allJobs = false;

  // The rest is `#private`, which the minifier shortens (it cannot rename TypeScript's `private` members).
  #flow = new FlowController(this, {
    config: () => ({
      endpoint: this.endpoint,
      fetch: this.fetch ?? globalThis.fetch,
      settings: { ...defaultSettings, ...this.settings },
      externalId: this.externalId || undefined,
    }),
    onChange: (next, previous) => this.#onFlowChange(next, previous),
    onTick: (active, ticks) => this.#onFlowTick(active, ticks),
  });
  #localize = new LocalizeController(this);
  // `?.`: absent where custom elements are emulated without form association.
  #internals = this.attachInternals?.();

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

  /** A form reset empties the element too. */
  formResetCallback(): void {
    this.reset();
  }

  protected override firstUpdated(): void {
    if (!warned && !this.consentGiven && !this.privacyUrl) {
      warned = true;
      console.warn('<imss-connect>: set privacy-url or consent-given.');
    }
  }

  protected override updated(): void {
    const { status } = this.#flow.state;
    const internals = this.#internals;
    if (internals) {
      const states = internals.states;
      if (!states.has(status)) {
        states.clear();
        states.add(status);
      }
      const session = this.#flow.state.status === 'success' ? this.#flow.state.session : null;
      internals.setFormValue(session);
      if (this.required && !session)
        internals.setValidity(
          { valueMissing: true },
          this.#localization().t.required,
          this.renderRoot.querySelector<HTMLElement>('#curp') ?? undefined,
        );
      else internals.setValidity({});
    }
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
        state.status === 'idle' || (this.quiet && this.#flow.active && !this.#flow.active.unreachable)
          ? this.#renderForm(l)
          : state.status === 'success'
            ? this.hideSummary || !state.summary
              ? html`<p id="result" part="result" tabindex="-1">${l.t.done}</p>`
              : historyCard(l.t, formats(l.locale), state.summary, this.allJobs, () => {
                  this.allJobs = true;
                  this.#focusNext = '.jobs li:nth-child(4)';
                })
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
    return this.#localize.get(this.lang, this.messages);
  }

  #onFlowChange(next: FlowState, previous: FlowState): void {
    const { t, locale } = this.#localization();
    if (next.status === 'submitting' && previous.status !== 'submitting') {
      this.#longWaitAnnounced = false;
      this.allJobs = false;
      // From the form, the form stays a moment (a quick answer then replaces it); a Retry shows progress at once.
      this.quiet = previous.status === 'idle';
      this.#progress(next, !this.quiet);
      if (!this.quiet) this.#focusSoon('[part=progress]');
      // The result card's formatters, made while the proxy works rather than when its answer arrives.
      setTimeout(() => {
        formats(locale);
        const active = this.#flow.active;
        if (this.quiet && active?.startedAt === next.startedAt) {
          this.quiet = false;
          this.#progress(active, true, false);
          this.#focusSoon('[part=progress]');
        }
      }, QUIET_MS);
    } else if (next.status === 'submitting' || next.status === 'retrieving') {
      const step = (state: FlowState) => state.status === 'retrieving' && state.step;
      if (next.unreachable !== (previous as ActiveFlowState).unreachable)
        this.announcement = next.unreachable ? t.unreachable : '';
      else if (step(next) !== step(previous) && step(next) !== 'connecting')
        this.#progress(next, !this.quiet);
    } else if (next.status === 'success') {
      emit(this, 'imss-success', { session: next.session, summary: next.summary });
      this.announcement = t.done;
      this.#focusSoon('#result');
    } else {
      // Idle or error (the alert speaks for itself): emptied, so that the next attempt's first step is news again.
      this.announcement = '';
      if (next.status === 'error') {
        const { code, retryable, requestId, reason, attemptsLeft } = next.error;
        const message = errorText(t, next.error).join(' ');
        emit(this, 'imss-error', { code, message, retryable, requestId, reason, attemptsLeft });
        this.#focusSoon('[role=alert]');
      }
    }
  }

  /** Tells the host (with `emitted`) and, with `announce`, the person where the retrieval stands. */
  #progress(active: ActiveFlowState, announce: boolean, emitted = true): void {
    const step = active.status === 'retrieving' ? active.step : 'connecting';
    if (emitted) emit(this, 'imss-progress', { step, elapsedMs: Date.now() - active.startedAt });
    if (announce)
      this.announcement = active.unreachable
        ? this.#localization().t.unreachable
        : this.#localization().t.steps[step];
  }

  #onFlowTick(active: ActiveFlowState, ticks: number): void {
    if (ticks % 5 === 0) this.#progress(active, false);
    if (Date.now() - active.startedAt > EXPECTED_MS && !this.#longWaitAnnounced) {
      this.#longWaitAnnounced = true;
      this.announcement = this.#localization().t.longWait;
    }
  }

  // The field shows what is typed in capitals (CSS), and is read upper-cased (checkCurp): its value is never
  // rewritten under the caret or an IME's composition.
  #onInput(event: InputEvent): void {
    this.curp = (event.target as HTMLInputElement).value;
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

  async #copy(requestId: string): Promise<void> {
    await navigator.clipboard.writeText(requestId);
    this.announcement = this.#localization().t.copied;
  }

  #renderForm({ t, locale }: Localization): TemplateResult {
    const checked = checkCurp(this.curp);
    const problem = curpProblem(this.curp, this.finished, checked);
    const described = ['hint', 'count', problem ? 'curp-invalid' : checked.valid && 'decoded'];
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
        aria-describedby=${described.filter(Boolean).join(' ')}
        @input=${this.#onInput}
        @blur=${() => (this.finished ||= !!this.curp.trim())}
      />
      <p class="below">
        <span class="small" id="count">${fill(t.count, { n: [...normalizeCurp(this.curp)].length })}</span>
        ${
          problem
            ? html`<span class="invalid" id="curp-invalid">${t.invalid[problem]}</span>`
            : checked.valid
              ? html`<span class="small" id="decoded"
                  >${fill(t.decoded, { date: formats(locale).date(checked.birthDate) })}</span
                >`
              : nothing
        }
      </p>
      <a class="small" href=${LINKS.curp} target="_blank" rel="noopener">${t.lookup}</a>
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
                <label for="consent">${withLinks(t.consent, t.links, { privacy: this.privacyUrl })}</label>
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
    // While the partner's server cannot be reached, no step is current: nothing is connecting to IMSS then.
    return html`<div class="panel" part="progress" tabindex="-1">
      ${
        active.unreachable
          ? html`<p class="warning">${t.unreachable}</p>`
          : html`<ol class="steps">
              ${
                retrieving
                  ? html`<li class="done">
                      ${t.steps.connecting}<span class="sr-only"> (${t.stepDone})</span>
                    </li>`
                  : html`<li aria-current="step">${t.steps.connecting}</li>`
              }
              <li aria-current=${retrieving ? 'step' : nothing}>${t.steps.retrieving}</li>
            </ol>`
      }
      <p class="hint">${t.expected} ${t.elapsed} ${clock(elapsed)}</p>
      ${elapsed > EXPECTED_MS ? html`<p>${t.longWait}</p>` : nothing}
      <button part="button cancel" type="button" @click=${this.cancel}>${t.cancel}</button>
    </div>`;
  }

  #renderError(t: Translation, curp: string, error: FlowError): TemplateResult {
    const [what, next] = errorAdvice(t, error);
    const { requestId, attemptsLeft } = error;
    return html`<div class="panel" part="error">
      <div class="error" role="alert" tabindex="-1">
        <strong>${what}</strong>
        <p>${withLinks(next, t.links, LINKS)}</p>
        ${
          attemptsLeft === undefined || error.code === 'daily_limit'
            ? nothing
            : html`<p>${attemptsText(t, attemptsLeft)}</p>`
        }
      </div>
      <div class="actions">
        ${
          error.retryable && attemptsLeft !== 0
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
      ${
        requestId
          ? html`<p class="small">
              ${t.support} <span class="reference">${shortReference(requestId)}</span>
              <button class="link" part="button copy" type="button" @click=${() => this.#copy(requestId)}>
                ${t.copy}
              </button>
            </p>`
          : nothing
      }
    </div>`;
  }
}

/** What to tell the person about a failure: what happened, and what to do (for a refused CURP: what to fix). */
function errorAdvice(t: Translation, { code, reason }: FlowError): [string, string] {
  const [what, next] = t.errors[code];
  return [what, reason ? t.invalid[reason] : next];
}

const attemptsText = (t: Translation, left: number) => fill(t.attemptsLeft[Math.min(left, 2)]!, { n: left });

/** The whole text of a failure, as `imss-error` gives it: the links' texts in place of their slots. */
function errorText(t: Translation, error: FlowError): string[] {
  const [what, next] = errorAdvice(t, error);
  const text = [what, fill(next, t.links)];
  // daily_limit says it already: no checks are left today.
  if (error.attemptsLeft !== undefined && error.code !== 'daily_limit')
    text.push(attemptsText(t, error.attemptsLeft));
  return text;
}

declare global {
  interface HTMLElementTagNameMap {
    'imss-connect': ImssConnect;
  }
}
