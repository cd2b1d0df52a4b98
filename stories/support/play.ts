// Play-function helpers: start a retrieval and wait until the story shows the state it is named after.
import { expect, waitFor } from 'storybook/test';
import type { ConnectErrorCode, ImssErrorDetail } from '../../src/element/events.js';
import type { ImssConnect } from '../../src/element/imss-connect.js';

/** Long enough for the slowest story (the timeout one, or the network one with its retries). */
const LANDING_TIMEOUT_MS = 15_000;

export async function imssConnect(canvasElement: HTMLElement): Promise<ImssConnect> {
  const element = canvasElement.querySelector('imss-connect');
  if (!element) throw new Error('No <imss-connect> in the story.');
  await element.updateComplete;
  return element;
}

/** The first match inside the element's shadow root, once it is there. */
export async function shown(element: ImssConnect, selector: string): Promise<Element> {
  return waitFor(
    () => {
      const found = element.shadowRoot?.querySelector(selector);
      if (!found) throw new Error(`Still waiting for ${selector}`);
      return found;
    },
    { timeout: LANDING_TIMEOUT_MS },
  );
}

/** Calls `submit()` with the CURP the story's args prefilled, and checks that a retrieval started. */
export async function submit(element: ImssConnect): Promise<void> {
  await expect(element.submit()).toBe(true);
  await element.updateComplete;
}

/** Submitted, the POST not answered yet: the first step is current. */
export const submitting = (element: ImssConnect) =>
  shown(element, '[part~=progress] li:first-child[aria-current=step]');

/** The proxy opened the session: the first step is done, the second current. */
export const retrieving = (element: ImssConnect) =>
  shown(element, '[part~=progress] li:last-child[aria-current=step]');

/** Submits and waits for the result card (or the one-line confirmation with `hide-summary`). */
export async function submitAndSucceed(element: ImssConnect): Promise<void> {
  await submit(element);
  await shown(element, '[part~=result]');
}

/** Submits and waits for the error panel, checking that the element reported `code` in its `imss-error` event. */
export async function submitAndFail(element: ImssConnect, code: ConnectErrorCode): Promise<void> {
  const reported: ImssErrorDetail[] = [];
  element.addEventListener('imss-error', (event) => reported.push(event.detail));
  await submit(element);
  await waitFor(() => expect(reported.at(-1)?.code).toBe(code), { timeout: LANDING_TIMEOUT_MS });
  await shown(element, '[role=alert]');
}
