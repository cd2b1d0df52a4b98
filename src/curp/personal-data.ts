import { checkCurp, CURP_SHAPE } from './check-curp.js';

/**
 * Personal identifiers in free text, with one set of rules for the proxy (which refuses an `externalId` holding
 * one, and scrubs Belvo's messages before they reach the browser) and the sandbox (which drops such an
 * `external_id`, as Belvo does). Server-side only: the element never imports this module.
 */

/** The kinds of personal data `personalDataIn` recognises. */
export type PersonalDataKind = 'curp' | 'nss' | 'email';

const CURP_LENGTH = 18;
/** An NSS has 11 digits; any run of 11 or more digits may hold one. */
const NSS_RUN = /\d{11,}/g;
/** check-curp.ts's shape, unanchored, any case: a CURP inside a longer text. */
const CURP_ANYWHERE = new RegExp(CURP_SHAPE.source.replace(/^\^|\$$/g, ''), 'gi');
const EMAIL = /[^\s@]*@[^\s@]*/g;

/**
 * Whether a text holds personal data, and which:
 *  - `email`: an `@`;
 *  - `nss`: 11 digits in a row (the length of an NSS);
 *  - `curp`: a valid CURP anywhere in it: any 18 consecutive letters and digits, once spaces and punctuation are
 *    left out (so `GALM-900514-MDFRPR04` counts), that checkCurp accepts — check digit included, so ordinary
 *    references of 18+ characters are not mistaken for one.
 */
export function personalDataIn(text: string): PersonalDataKind | undefined {
  if (text.includes('@')) return 'email';
  if (/\d{11}/.test(text)) return 'nss';
  const compact = text.replace(/[^A-Za-z\d]/g, '');
  for (let start = 0; start + CURP_LENGTH <= compact.length; start++) {
    if (checkCurp(compact.slice(start, start + CURP_LENGTH)).valid) return 'curp';
  }
  return undefined;
}

/**
 * The text with its identifiers replaced by `[CURP]`, `[NSS]` and `[EMAIL]`, for messages that leave the server.
 * It errs on the side of removing: anything CURP-shaped goes, whatever its check digit, and so does every run of
 * 11 or more digits and every word with an `@`.
 */
export function scrubIdentifiers(text: string): string {
  return text.replace(EMAIL, '[EMAIL]').replace(CURP_ANYWHERE, '[CURP]').replace(NSS_RUN, '[NSS]');
}
