import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkCurp,
  curpInvalidReasons,
  curpStates,
  parseCurp,
  type CurpResult,
} from '../../src/curp/index.js';
import { FIXED_TODAY, withCheckDigit } from './curp-test-helpers.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

const letter = fc.constantFrom(...LETTERS);
const vowelOrX = fc.constantFrom(...'AEIOUX');
const consonant = fc.constantFrom(...'BCDFGHJKLMNPQRSTVWXYZ');
const sex = fc.constantFrom('H', 'M', 'X');
const state = fc.constantFrom(...Object.keys(curpStates));
const birthDate = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: FIXED_TODAY,
  noInvalidDate: true,
});

interface GeneratedCurp {
  curp: string;
  birthDate: string;
  sex: string;
  state: string;
}

/** A valid CURP built field by field, the century marker and check digit computed to match. */
const validCurp: fc.Arbitrary<GeneratedCurp> = fc
  .record({
    initials: fc.tuple(letter, vowelOrX, letter, letter),
    date: birthDate,
    sex,
    state,
    consonants: fc.tuple(consonant, consonant, consonant),
    digitMarker: fc.constantFrom(...DIGITS),
    letterMarker: letter,
  })
  .map(({ initials, date, sex, state, consonants, digitMarker, letterMarker }) => {
    const iso = date.toISOString().slice(0, 10);
    const yymmdd = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
    const marker = date.getUTCFullYear() < 2000 ? digitMarker : letterMarker;
    const curp = withCheckDigit(initials.join('') + yymmdd + sex + state + consonants.join('') + marker);
    return { curp, birthDate: iso, sex, state };
  });

/** Characters that parseCurp removes before reading a CURP. */
const separator = fc.constantFrom(
  ' ',
  '-',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\u2028',
  '\ufeff',
);

/** Lone surrogates, which `[...s]` counts as one character each. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Strings of about CURP length, mostly of CURP characters, to reach the later rules often. */
const nearCurp = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...LETTERS, ...LETTERS.toLowerCase(), ...DIGITS) },
    { weight: 1, arbitrary: separator },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
  ),
  minLength: 14,
  maxLength: 22,
});

function assertWellFormed(result: CurpResult): void {
  if (result.valid) {
    assert.deepEqual(Object.keys(result).sort(), [
      'birthDate',
      'curp',
      'sex',
      'state',
      'stateName',
      'valid',
      'warnings',
    ]);
    assert.match(result.curp, /^[A-Z0-9]{18}$/);
    assert.match(result.birthDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(['H', 'M', 'X'].includes(result.sex));
    assert.equal(result.stateName, curpStates[result.state as keyof typeof curpStates]);
    assert.ok(result.warnings.every((warning) => warning === 'inconvenient_word'));
  } else {
    assert.deepEqual(Object.keys(result).sort(), ['reason', 'valid']);
    assert.ok(curpInvalidReasons.includes(result.reason));
  }
}

describe('parseCurp properties', () => {
  test('any string, full Unicode included, gives a well-formed result without throwing', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: loneSurrogate }),
      nearCurp,
    );
    fc.assert(
      fc.property(anyString, (input) => assertWellFormed(parseCurp(input, { today: FIXED_TODAY }))),
      { numRuns: 2000 },
    );
  });

  test('a generated valid CURP passes and its fields round-trip', () => {
    fc.assert(
      fc.property(validCurp, (generated) => {
        const result = parseCurp(generated.curp, { today: FIXED_TODAY });
        assert.ok(result.valid, `${generated.curp}: ${JSON.stringify(result)}`);
        assert.equal(result.curp, generated.curp);
        assert.equal(result.birthDate, generated.birthDate);
        assert.equal(result.sex, generated.sex);
        assert.equal(result.state, generated.state);
      }),
      { numRuns: 1000 },
    );
  });

  test('changing the check digit of a valid CURP always gives checksum', () => {
    fc.assert(
      fc.property(validCurp, fc.integer({ min: 1, max: 9 }), ({ curp }, shift) => {
        const wrongDigit = String((Number(curp[17]) + shift) % 10);
        assert.deepEqual(parseCurp(curp.slice(0, 17) + wrongDigit, { today: FIXED_TODAY }), {
          valid: false,
          reason: 'checksum',
        });
      }),
      { numRuns: 500 },
    );
  });

  test('spaces, hyphens and other whitespace inserted anywhere, and lower case, keep it valid', () => {
    const insertions = fc.array(fc.tuple(fc.nat({ max: 18 }), fc.string({ unit: separator, minLength: 1 })), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(validCurp, insertions, fc.boolean(), ({ curp }, inserts, lowerCase) => {
        let pasted = lowerCase ? curp.toLowerCase() : curp;
        // Insert from the highest position down so that earlier positions stay meaningful.
        for (const [position, text] of [...inserts].sort((a, b) => b[0] - a[0])) {
          pasted = pasted.slice(0, position) + text + pasted.slice(position);
        }
        const result = parseCurp(pasted, { today: FIXED_TODAY });
        assert.ok(result.valid, JSON.stringify(pasted));
        assert.equal(result.curp, curp);
      }),
      { numRuns: 500 },
    );
  });

  test('replacing any character with one that is not ASCII alphanumeric gives format', () => {
    const foreign = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((character) => !/[\s\-A-Za-z0-9]/.test(character));
    fc.assert(
      fc.property(validCurp, fc.nat({ max: 17 }), foreign, ({ curp }, position, character) => {
        const damaged = curp.slice(0, position) + character + curp.slice(position + 1);
        assert.deepEqual(parseCurp(damaged, { today: FIXED_TODAY }), { valid: false, reason: 'format' });
      }),
      { numRuns: 500 },
    );
  });

  test('dropping or adding a character gives length', () => {
    fc.assert(
      fc.property(validCurp, fc.nat({ max: 17 }), fc.boolean(), ({ curp }, position, drop) => {
        const changed = drop
          ? curp.slice(0, position) + curp.slice(position + 1)
          : curp.slice(0, position) + 'A' + curp.slice(position);
        assert.deepEqual(parseCurp(changed, { today: FIXED_TODAY }), { valid: false, reason: 'length' });
      }),
      { numRuns: 300 },
    );
  });

  test('checkCurp (what the browser runs) agrees with parseCurp on validity, reason and fields', () => {
    const input = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      nearCurp,
      validCurp.map(({ curp }) => curp),
    );
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parseCurp(text, { today: FIXED_TODAY });
        const checked = checkCurp(text, { today: FIXED_TODAY });
        if (parsed.valid) {
          const { stateName: _stateName, warnings: _warnings, ...fields } = parsed;
          assert.deepEqual(checked, fields);
        } else {
          assert.deepEqual(checked, parsed);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
