// personalDataIn on generated identifiers: whatever separators a person puts in an NSS, a CURP or a phone number,
// it is still found; the references partners actually use are never taken for one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { personalDataIn } from '../../src/curp/personal-data.js';
import { withCheckDigit } from './curp-test-helpers.js';

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) =>
  fc.array(digit, { minLength: length, maxLength: length }).map((d) => d.join(''));
/** One to three of the separators people write inside identifiers. */
const separator = fc
  .array(fc.constantFrom(' ', '.', '-', '_', '/'), { minLength: 1, maxLength: 3 })
  .map((chars) => chars.join(''));
/** Text around the identifier, ending (and starting) with a separator or nothing, as in `nss-…` or `ref …`. */
const label = fc.constantFrom('', 'nss-', 'ref ', 'cliente_', 'id/', 'tel ', 'curp.');
const trailer = fc.constantFrom('', '-a', ' ok', '_v2');

/** The characters of `text` with a separator (or none) after each, at random. */
function withSeparators(text: string): fc.Arbitrary<string> {
  const characters = [...text];
  return fc
    .array(fc.option(separator, { nil: '' }), {
      minLength: characters.length - 1,
      maxLength: characters.length - 1,
    })
    .map((between) => characters.map((char, index) => char + (between[index] ?? '')).join(''));
}

const nss = digits(11);
const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const curp = fc
  .record({
    initials: fc.tuple(letter, fc.constantFrom(...'AEIOUX'), letter, letter),
    date: fc.date({
      min: new Date('1940-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sex: fc.constantFrom('H', 'M'),
    state: fc.constantFrom('AS', 'DF', 'JC', 'NL', 'YN', 'NE'),
    consonants: fc.tuple(...Array.from({ length: 3 }, () => fc.constantFrom(...'BCDFGHJKLMNPQRSTVWXYZ'))),
    marker: fc.tuple(digit, letter),
    lower: fc.boolean(),
  })
  .map(({ initials, date, sex, state, consonants, marker, lower }) => {
    const iso = date.toISOString();
    const yymmdd = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
    const homoclave = date.getUTCFullYear() < 2000 ? marker[0] : marker[1];
    const value = withCheckDigit(initials.join('') + yymmdd + sex + state + consonants.join('') + homoclave);
    return lower ? value.toLowerCase() : value;
  });

/** A Mexican phone number as people write it: grouped, maybe with +52 or an area code in parentheses. */
const phone = fc
  .record({
    first: fc.constantFrom(...'23456789'),
    rest: digits(9),
    grouping: fc.constantFrom([2, 4, 4], [3, 3, 4], [2, 2, 2, 2, 2], [3, 3, 2, 2], [2, 4, 2, 2]),
    separators: fc.array(separator, { minLength: 4, maxLength: 4 }),
    countryCode: fc.constantFrom('', '+52 ', '52-', '+52 1 '),
    parentheses: fc.boolean(),
  })
  .map(({ first, rest, grouping, separators, countryCode, parentheses }) => {
    const national = first + rest;
    let at = 0;
    const groups = grouping.map((length) => national.slice(at, (at += length)));
    if (parentheses) groups[0] = `(${groups[0]})`;
    return (
      countryCode +
      groups.map((group, index) => (index === 0 ? group : (separators[index - 1] ?? '') + group)).join('')
    );
  });

const within = (identifier: fc.Arbitrary<string>) =>
  fc.tuple(label, identifier, trailer).map((parts) => parts.join(''));

describe('personalDataIn on generated identifiers', () => {
  test('finds every NSS, whatever the separators between its digits', () => {
    fc.assert(
      fc.property(within(nss.chain(withSeparators)), (text) => {
        // Found, whatever it is taken for: `52 2345678901` is an NSS that reads as a phone number too.
        assert.notEqual(personalDataIn(text), undefined, text);
      }),
      { numRuns: 500 },
    );
  });

  test('finds every valid CURP, whatever the separators between its characters and its case', () => {
    fc.assert(
      fc.property(within(curp.chain(withSeparators)), (text) => {
        assert.equal(personalDataIn(text), 'curp', text);
      }),
      { numRuns: 500 },
    );
  });

  test('finds every phone number written the usual ways', () => {
    fc.assert(
      fc.property(within(phone), (text) => {
        assert.notEqual(personalDataIn(text), undefined, text);
      }),
      { numRuns: 500 },
    );
  });

  test('lets typical references through: dated counters, UUIDs, short numbered ids', () => {
    const reference = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('app', 'solicitud', 'APP', 'ref'),
          fc.constantFrom('-', '_', '/'),
          fc.integer({ min: 2000, max: 2099 }),
          fc.integer({ min: 0, max: 999_999 }),
        )
        .map(([prefix, sep, year, count]) => `${prefix}${sep}${year}${sep}${String(count).padStart(6, '0')}`),
      fc.uuid(),
      fc.uuid().map((id) => `prospecto_${id}`),
      fc
        .tuple(
          fc.constantFrom('loan_', 'cliente-', 'user/', 'order '),
          fc.integer({ min: 1, max: 99_999_999 }),
        )
        .map(([prefix, id]) => `${prefix}${id}`),
      fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => `pedido-${date.toISOString().slice(0, 10)}`),
    );
    fc.assert(
      fc.property(reference, (text) => {
        assert.equal(personalDataIn(text), undefined, text);
      }),
      { numRuns: 1000 },
    );
  });
});
