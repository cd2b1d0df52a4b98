import { parseCurp } from '../curp/index.js';

/** The kinds of personal data `personalDataIn` recognises. */
export type PersonalDataKind = 'curp' | 'nss' | 'email';

const CURP_LENGTH = 18;

/**
 * Whether a text the partner chose (the `externalId`, which goes to Belvo and comes back in every webhook) holds
 * personal data, and which:
 *  - `email`: an `@`;
 *  - `nss`: 11 digits in a row (the length of an NSS);
 *  - `curp`: a valid CURP anywhere in it: any 18 consecutive letters and digits, once spaces and punctuation are
 *    left out (so `GALM-900514-MDFRPR04` counts), that parseCurp accepts — check digit included, so ordinary
 *    references of 18+ characters are not mistaken for one.
 * Server-side only: the element sends the `externalId` as the host page set it, and the proxy refuses it.
 */
export function personalDataIn(text: string): PersonalDataKind | undefined {
  if (text.includes('@')) return 'email';
  if (/\d{11}/.test(text)) return 'nss';
  const compact = text.replace(/[^A-Za-z\d]/g, '');
  for (let start = 0; start + CURP_LENGTH <= compact.length; start++) {
    if (parseCurp(compact.slice(start, start + CURP_LENGTH)).valid) return 'curp';
  }
  return undefined;
}
