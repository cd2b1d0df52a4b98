// Acts on <imss-connect> the way a person does (real key presses through the test runner) and reads what they see;
// starts it against the test server's real backend (the proxy and the sandbox, see test/support/backend-middleware.ts).
import { aTimeout, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/element/define.js';
import { registerTranslation } from '../../src/element/localize.js';
import { en } from '../../src/element/translations/en.js';
import { imssEventTypes, type ImssConnectEventMap } from '../../src/element/events.js';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import type { ConnectSettings } from '../../src/element/proxy-client.js';
import { BELVO_LOG, type BelvoLinkRequest } from '../support/test-backend.js';

// As the package entry does (and a script-tag page with imss-connect.en.min.js): English beside the default.
registerTranslation('en', en);

const shadow = (el: ImssConnect) => el.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const curpInput = (el: ImssConnect) => shadow(el).querySelector<HTMLInputElement>('input[type=text]')!;
export const consentBox = (el: ImssConnect) =>
  shadow(el).querySelector<HTMLInputElement>('input[type=checkbox]');

/** The button whose visible text matches. */
export function button(el: ImssConnect, name: string | RegExp): HTMLButtonElement | undefined {
  return [...shadow(el).querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? text(b) === name : name.test(text(b)),
  );
}

/** Focuses the CURP field and types, one key at a time. */
export async function typeCurp(el: ImssConnect, curp: string): Promise<void> {
  curpInput(el).focus();
  await sendKeys({ type: curp });
  await el.updateComplete;
}

/** Pastes into the CURP field, as a clipboard paste would. */
export async function pasteCurp(el: ImssConnect, value: string): Promise<void> {
  const input = curpInput(el);
  input.focus();
  input.value = value;
  input.dispatchEvent(
    new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }),
  );
  await el.updateComplete;
}

/** Presses a key (e.g. `Tab`, `Enter`). */
export async function press(el: ImssConnect, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

/** Presses Enter in the CURP field. */
export async function submit(el: ImssConnect): Promise<void> {
  curpInput(el).focus();
  await press(el, 'Enter');
}

/** Ticks the consent checkbox with the keyboard. */
export async function tickConsent(el: ImssConnect): Promise<void> {
  consentBox(el)!.focus();
  await press(el, 'Space');
}

/** The problem explained under the CURP field (what `aria-describedby` points at), or ''. */
export function fieldProblem(el: ImssConnect): string {
  const ids = curpInput(el).getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .filter((id) => id.endsWith('-invalid'))
    .map((id) => text(shadow(el).getElementById(id)))
    .join(' ');
}

export const alertText = (el: ImssConnect) => text(shadow(el).querySelector('[role=alert]'));
/** The whole error panel: the alert, the support reference and the buttons. */
export const errorPanelText = (el: ImssConnect) => text(shadow(el).querySelector('[part~=error]'));
export const statusText = (el: ImssConnect) => text(shadow(el).querySelector('[role=status]'));
export const progressText = (el: ImssConnect) => text(shadow(el).querySelector('[part~=progress]'));
export const resultText = (el: ImssConnect) => text(shadow(el).querySelector('[part~=result]'));
export const currentStep = (el: ImssConnect) => text(shadow(el).querySelector('[aria-current=step]'));

/** The values of the result card, by label. */
export function resultFields(el: ImssConnect): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const group of shadow(el).querySelectorAll('dl > div')) {
    fields[text(group.querySelector('dt'))] = text(group.querySelector('dd'));
  }
  return fields;
}

/** The element inside the shadow root that has focus, if any. */
export const focused = (el: ImssConnect) => shadow(el).activeElement;

export async function waitFor(what: () => unknown, message: string, timeout = 8000): Promise<void> {
  await waitUntil(what, message, { timeout, interval: 20 });
}

export const waitForAlert = (el: ImssConnect) =>
  waitFor(() => shadow(el).querySelector('[role=alert]'), 'an error');
export const waitForResult = (el: ImssConnect) =>
  waitFor(() => shadow(el).querySelector('[part~=result]'), 'a result');

export { aTimeout };

/** A request the element sent, and the status it got back (once it did). */
export interface Sent {
  method: string;
  url: string;
  body?: unknown;
  status?: number;
  /** Set when the request ended without an answer because its signal aborted: its timeout, or a cancel. */
  aborted?: true;
}

/**
 * A `fetch` for the element's `fetch` property, as a host page may give one: passes every request on to `base` (by
 * default the test server, the real backend) and records what the element sent. `sessions` lists the handles the
 * proxy returned.
 */
export function recordingFetch(base: typeof fetch = window.fetch.bind(window)) {
  const sent: Sent[] = [];
  /** When each of `sent` was sent (performance.now()). */
  const times: number[] = [];
  const sessions: string[] = [];
  const fetch: typeof window.fetch = async (input, init = {}) => {
    const request: Sent = { method: init.method ?? 'GET', url: String(input) };
    times.push(performance.now());
    if (typeof init.body === 'string') request.body = JSON.parse(init.body);
    sent.push(request);
    const response = await base(input, init).catch((error: unknown) => {
      if (init.signal?.aborted) request.aborted = true;
      throw error;
    });
    request.status = response.status;
    if (request.method === 'POST' && response.ok) {
      sessions.push(((await response.clone().json()) as { session: string }).session);
    }
    return response;
  };
  return { fetch, sent, times, sessions };
}

/** The `attemptId` of each POST the element sent. */
export const attemptIds = (sent: Sent[]) =>
  sent.filter((r) => r.method === 'POST').map((r) => (r.body as { attemptId?: string }).attemptId);

/**
 * A key no other test (nor another run on the same server) uses, for what the test backend remembers: an
 * `externalId` (letters only: never taken for personal data), or a one-attempt backend's.
 */
export const freshKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (n) => String.fromCharCode(97 + (n % 26))).join('');

/** The link requests scripted Belvo received with this `externalId`, and its answers (see test-backend.ts). */
export async function belvoLinkRequests(externalId: string): Promise<BelvoLinkRequest[]> {
  return (await fetch(`${BELVO_LOG}/${externalId}`)).json();
}

/**
 * Mounts `<imss-connect consent-given>` (plus `attributes`) on the real backend, types `curp` and submits it. Every
 * request is recorded on its way to `fetch` (default: the global one), which may stand between element and proxy.
 */
export async function start(
  curp: string,
  {
    lang,
    endpoint,
    hideSummary,
    externalId,
    fetch,
    settings,
  }: {
    lang?: string;
    endpoint?: string;
    hideSummary?: boolean;
    externalId?: string;
    fetch?: typeof window.fetch;
    settings?: Partial<ConnectSettings>;
  } = {},
) {
  const requests = recordingFetch(fetch);
  const el = await fixture<ImssConnect>(
    html`<imss-connect
      consent-given
      lang=${lang ?? ''}
      endpoint=${endpoint ?? '/api/imss'}
      external-id=${externalId ?? ''}
      ?hide-summary=${hideSummary}
      .fetch=${requests.fetch}
      .settings=${settings}
    ></imss-connect>`,
  );
  const events = record(el);
  await typeCurp(el, curp);
  await submit(el);
  return { el, events, ...requests };
}

/** Records the element's events from now on, so a test can await one that may already have fired. */
export function record(el: ImssConnect) {
  const seen: Event[] = [];
  for (const type of imssEventTypes) el.addEventListener(type, (event) => seen.push(event));
  return {
    seen,
    /** The first event of this type (and matching `where`), fired already or to come. */
    async first<K extends keyof ImssConnectEventMap>(
      type: K,
      where: (event: ImssConnectEventMap[K]) => boolean = () => true,
    ): Promise<ImssConnectEventMap[K]> {
      const find = () =>
        seen.find((e) => e.type === type && where(e as ImssConnectEventMap[K])) as
          ImssConnectEventMap[K] | undefined;
      await waitFor(find, type);
      return find()!;
    },
  };
}

/** Fails the current test when anything logs to console.error (Lit and the element keep the console clean). */
export function failOnConsoleErrors(): void {
  let errors: unknown[][] = [];
  const original = console.error;
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => {
      errors.push(args);
      original.apply(console, args);
    };
  });
  afterEach(() => {
    console.error = original;
    if (errors.length)
      throw new Error(`Unexpected console.error: ${errors.map((a) => a.join(' ')).join('\n')}`);
  });
}
