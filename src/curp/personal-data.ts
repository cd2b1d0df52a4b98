import { checkCurp, CURP_SHAPE } from './check-curp.js';

/**
 * Personal identifiers in free text, with one set of rules for the proxy (which refuses an `externalId` holding
 * one, and scrubs Belvo's messages before they reach the browser) and the sandbox (which drops such an
 * `external_id`, as Belvo does). Server-side only: the element never imports this module.
 */

/** The kinds of personal data `personalDataIn` recognises. */
export type PersonalDataKind = 'curp' | 'nss' | 'phone' | 'email';

const CURP_LENGTH = 18;
/** An NSS has 11 digits: a number of 11 digits or more may hold one. */
const NSS_DIGITS = 11;
/** A Mexican phone number has 10 digits, after an optional country code 52 (and the old mobile prefix 1). */
const PHONE_DIGITS = 10;

/**
 * What people write between the digits of one number: spaces, dots, dashes, underscores, slashes, parentheses
 * around an area code and the `+` of a country code, several in a row too (`+52 (55) 1234-5678`).
 */
const SEPARATOR = String.raw`[\s._\-/()+]`;
const SEPARATORS = new RegExp(`${SEPARATOR}+`);
/** A number as written: digits, maybe in groups joined by separators (`123-4567-8901`). */
const WRITTEN_NUMBER = new RegExp(String.raw`\d+(?:${SEPARATOR}+\d+)*`, 'g');

/**
 * How phone numbers are grouped (digits per group of the 10-digit national number, area code first): `55 1234
 * 5678`, `222 123 4567`, `55 12 34 56 78`… A reference's number is grouped otherwise (`app-2024-000123`: 4-6),
 * which is what tells the two apart when both have 10 digits.
 */
const PHONE_GROUPINGS = new Set(['2-4-4', '3-3-4', '2-2-2-2-2', '3-3-2-2', '2-4-2-2', '2-8', '3-7']);

/** A UUID is a reference, whatever digits its groups happen to hold (`…-a716-446655440000`). */
const UUID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi;
/** check-curp.ts's shape, unanchored, any case: a CURP inside a longer text. */
const CURP_ANYWHERE = new RegExp(CURP_SHAPE.source.replace(/^\^|\$$/g, ''), 'gi');
const EMAIL = /[^\s@]*@[^\s@]*/g;

/**
 * Whether a text holds personal data, and which:
 *  - `email`: an `@`;
 *  - `phone`: 10 digits grouped as phone numbers are written (PHONE_GROUPINGS, first digit 2–9), maybe after
 *    `+52`; 10 digits in a row are let through, being as often an order or account number;
 *  - `nss`: any other number of 11 digits or more (an NSS's length), in a row or in groups joined by separators
 *    (`nss-123-4567-8901`); UUIDs excepted;
 *  - `curp`: a valid CURP anywhere in it: any 18 consecutive letters and digits, once spaces and punctuation are
 *    left out (so `GALM-900514-MDFRPR04` counts), that checkCurp accepts — check digit included, so ordinary
 *    references of 18+ characters are not mistaken for one.
 */
export function personalDataIn(text: string): PersonalDataKind | undefined {
  if (text.includes('@')) return 'email';
  for (const number of text.replace(UUID, ' ').match(WRITTEN_NUMBER) ?? []) {
    const kind = numberKind(number);
    if (kind) return kind;
  }
  const compact = text.replace(/[^A-Za-z\d]/g, '');
  for (let start = 0; start + CURP_LENGTH <= compact.length; start++) {
    if (checkCurp(compact.slice(start, start + CURP_LENGTH)).valid) return 'curp';
  }
  return undefined;
}

/**
 * The text with its identifiers replaced by `[CURP]`, `[NSS]`, `[PHONE]` and `[EMAIL]`, for messages that leave
 * the server. It errs on the side of removing: anything CURP-shaped goes, whatever its check digit, and so does
 * every number of 11 digits or more, every phone-like number and every word with an `@`.
 */
export function scrubIdentifiers(text: string): string {
  return text
    .replace(EMAIL, '[EMAIL]')
    .replace(CURP_ANYWHERE, '[CURP]')
    .replace(WRITTEN_NUMBER, (number) => {
      const kind = numberKind(number);
      return kind ? `[${kind.toUpperCase()}]` : number;
    });
}

/** What a written number is: a phone number, a number long enough to be an NSS, or neither. */
function numberKind(written: string): 'phone' | 'nss' | undefined {
  const groups = written.split(SEPARATORS);
  if (isPhoneNumber(groups)) return 'phone';
  const digits = groups.reduce((count, group) => count + group.length, 0);
  return digits >= NSS_DIGITS ? 'nss' : undefined;
}

/** Digit groups as a phone number is written: the national number alone, or after the country code 52 (and 1). */
function isPhoneNumber(groups: readonly string[]): boolean {
  if (isNationalNumber(groups, false)) return true;
  if (groups.length < 2 || groups[0] !== '52') return false;
  return isNationalNumber(groups[1] === '1' ? groups.slice(2) : groups.slice(1), true);
}

/** 10 digits, not starting with 0 or 1, grouped the way phone numbers are (in one group, after a country code). */
function isNationalNumber(groups: readonly string[], afterCountryCode: boolean): boolean {
  const digits = groups.join('');
  if (digits.length !== PHONE_DIGITS || digits.startsWith('0') || digits.startsWith('1')) return false;
  return (
    (afterCountryCode && groups.length === 1) || PHONE_GROUPINGS.has(groups.map((g) => g.length).join('-'))
  );
}
