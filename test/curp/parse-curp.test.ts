import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { curpStates, parseCurp, type CurpInvalidReason, type CurpResult } from '../../src/curp/index.js';
import { FIXED_TODAY, withCheckDigit, withWrongCheckDigit } from './curp-test-helpers.js';

function reasonOf(result: CurpResult): CurpInvalidReason | 'valid' {
  return result.valid ? 'valid' : result.reason;
}

function assertValid(result: CurpResult): asserts result is Extract<CurpResult, { valid: true }> {
  assert.ok(result.valid, `expected a valid CURP, got ${JSON.stringify(result)}`);
}

/** CURPs used in the product's scripts and demos: all must be valid. */
const SCRIPTED_CURPS = [
  'GALM900514MDFRPR04',
  'HEGJ850101HJCRNN06',
  'PEMA780715HPLRRN03',
  'SAMC920320MVZNRR04',
  'SOTM700707MJCTRR08',
  'TOVL880909HMCRLS09',
  'CAOR750412MDFSRS08',
  'LUHJ960229HGTNRN07',
  'MEDA990101MYNNZN08',
  'BECR830630HCHRRB08',
  'FIPA911111MOCLRN08',
  'JIMA870822HQTMRN05',
  'OEGL930303MNERMR03',
  'ROSA010203MNLDNLA2',
  'NUSE000101HSPXXXA2',
  'VAPE800101HDFLRD03',
];

describe('parseCurp: scripted CURPs', () => {
  for (const curp of SCRIPTED_CURPS) {
    test(`${curp} is valid`, () => {
      const result = parseCurp(curp, { today: FIXED_TODAY });
      assertValid(result);
      assert.equal(result.curp, curp);
      assert.deepEqual(result.warnings, []);
    });
  }

  test('reads the fields', () => {
    assert.deepEqual(parseCurp('GALM900514MDFRPR04', { today: FIXED_TODAY }), {
      valid: true,
      curp: 'GALM900514MDFRPR04',
      birthDate: '1990-05-14',
      sex: 'M',
      state: 'DF',
      stateName: 'Ciudad de México',
      warnings: [],
    });
    assert.deepEqual(parseCurp('ROSA010203MNLDNLA2', { today: FIXED_TODAY }), {
      valid: true,
      curp: 'ROSA010203MNLDNLA2',
      birthDate: '2001-02-03',
      sex: 'M',
      state: 'NL',
      stateName: 'Nuevo León',
      warnings: [],
    });
    const bornAbroad = parseCurp('OEGL930303MNERMR03', { today: FIXED_TODAY });
    assertValid(bornAbroad);
    assert.equal(bornAbroad.state, 'NE');
    assert.equal(bornAbroad.stateName, 'Nacido en el extranjero');
    const mexicoState = parseCurp('TOVL880909HMCRLS09', { today: FIXED_TODAY });
    assertValid(mexicoState);
    assert.equal(mexicoState.sex, 'H');
    assert.equal(mexicoState.stateName, 'Estado de México');
    const leapDay = parseCurp('LUHJ960229HGTNRN07', { today: FIXED_TODAY });
    assertValid(leapDay);
    assert.equal(leapDay.birthDate, '1996-02-29');
    const newYear2000 = parseCurp('NUSE000101HSPXXXA2', { today: FIXED_TODAY });
    assertValid(newYear2000);
    assert.equal(newYear2000.birthDate, '2000-01-01');
  });
});

describe('parseCurp: accepted input', () => {
  const accepted: [label: string, input: string, normalised: string][] = [
    ['lower-case', 'galm900514mdfrpr04', 'GALM900514MDFRPR04'],
    ['mixed case', 'GaLm900514mDfRpR04', 'GALM900514MDFRPR04'],
    ['surrounding spaces', '  GALM900514MDFRPR04  ', 'GALM900514MDFRPR04'],
    ['inner spaces', 'GALM 900514 MDF RPR 04', 'GALM900514MDFRPR04'],
    ['hyphens', 'GALM-900514-MDFRPR-04', 'GALM900514MDFRPR04'],
    ['doubled hyphens and spaces', '--GALM - - 900514MDFRPR04-', 'GALM900514MDFRPR04'],
    ['tabs and newlines', '\tGALM900514\nMDFRPR04\r\n', 'GALM900514MDFRPR04'],
    ['non-breaking and ideographic spaces', '\u00a0GALM900514\u3000MDFRPR04\u2028', 'GALM900514MDFRPR04'],
    ['a byte order mark', '\ufeffGALM900514MDFRPR04', 'GALM900514MDFRPR04'],
    ['lower-case with spaces', 'rosa 010203 mnldnl a2', 'ROSA010203MNLDNLA2'],
  ];
  for (const [label, input, normalised] of accepted) {
    test(label, () => {
      const result = parseCurp(input, { today: FIXED_TODAY });
      assertValid(result);
      assert.equal(result.curp, normalised);
    });
  }

  test('sex X (non-binary) is accepted', () => {
    const result = parseCurp(withCheckDigit('PEMA780715XPLRRN0'), { today: FIXED_TODAY });
    assertValid(result);
    assert.equal(result.sex, 'X');
  });

  test('every state code, NE included, is accepted and named', () => {
    for (const [code, name] of Object.entries(curpStates)) {
      const result = parseCurp(withCheckDigit(`GALM900514M${code}RPR0`), { today: FIXED_TODAY });
      assertValid(result);
      assert.equal(result.state, code);
      assert.equal(result.stateName, name);
    }
  });

  test('X in position 2 and in positions 14–16 is accepted (RENAPO writes Ñ and missing letters as X)', () => {
    assertValid(parseCurp(withCheckDigit('MXXA900101HDFXXX0'), { today: FIXED_TODAY }));
  });

  test('Y counts as a consonant in positions 14–16', () => {
    assertValid(parseCurp(withCheckDigit('MAYA900101HDFYYY0'), { today: FIXED_TODAY }));
  });

  test('any letter is accepted in position 17 for the 2000s, any digit for the 1900s', () => {
    for (const marker of 'ABCJKZ') assertValid(parseCurp(withCheckDigit(`GALM050514MDFRPR${marker}`)));
    for (const marker of '0159') assertValid(parseCurp(withCheckDigit(`GALM050514MDFRPR${marker}`)));
  });
});

describe('parseCurp: birth date', () => {
  test('the century comes from position 17: 2000-02-29 is valid, 1900-02-29 is not', () => {
    const in2000 = parseCurp(withCheckDigit('GALM000229MDFRPRA'), { today: FIXED_TODAY });
    assertValid(in2000);
    assert.equal(in2000.birthDate, '2000-02-29');
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM000229MDFRPR0'), { today: FIXED_TODAY })), 'date');
  });

  test('leap years follow the Gregorian rule', () => {
    assertValid(parseCurp(withCheckDigit('GALM960229MDFRPR0'), { today: FIXED_TODAY }));
    assertValid(parseCurp(withCheckDigit('GALM240229MDFRPRA'), { today: FIXED_TODAY }));
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM970229MDFRPR0'), { today: FIXED_TODAY })), 'date');
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM230229MDFRPRA'), { today: FIXED_TODAY })), 'date');
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM960230MDFRPR0'), { today: FIXED_TODAY })), 'date');
  });

  const impossible: [label: string, yymmdd: string][] = [
    ['31 April', '900431'],
    ['31 June', '900631'],
    ['31 September', '900931'],
    ['31 November', '901131'],
    ['month 00', '900014'],
    ['month 13', '901314'],
    ['day 00', '900500'],
    ['day 32', '900132'],
  ];
  for (const [label, yymmdd] of impossible) {
    test(`${label} is a date error`, () => {
      assert.equal(
        reasonOf(parseCurp(withCheckDigit(`GALM${yymmdd}MDFRPR0`), { today: FIXED_TODAY })),
        'date',
      );
    });
  }

  test('31 of a long month is fine', () => {
    assertValid(parseCurp(withCheckDigit('GALM901231MDFRPR0'), { today: FIXED_TODAY }));
    assertValid(parseCurp(withCheckDigit('GALM900131MDFRPR0'), { today: FIXED_TODAY }));
  });

  test('a birth date after today is a date error; today itself is fine', () => {
    const today = new Date('2026-06-15');
    assertValid(parseCurp(withCheckDigit('GALM260615MDFRPRA'), { today }));
    assertValid(parseCurp(withCheckDigit('GALM260614MDFRPRA'), { today }));
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM260616MDFRPRA'), { today })), 'date');
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM270101MDFRPRA'), { today })), 'date');
  });

  test('today may be given as a local date too', () => {
    const today = new Date(2026, 5, 15);
    assertValid(parseCurp(withCheckDigit('GALM260615MDFRPRA'), { today }));
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM260616MDFRPRA'), { today })), 'date');
  });

  test('the time of day of today does not matter', () => {
    for (const today of [new Date('2026-06-15T00:00:00Z'), new Date('2026-06-15T12:00:00Z')]) {
      assertValid(parseCurp(withCheckDigit('GALM260615MDFRPRA'), { today }));
      assert.equal(reasonOf(parseCurp(withCheckDigit('GALM260617MDFRPRA'), { today })), 'date');
    }
  });

  test('without today, the clock is used', () => {
    assertValid(parseCurp('GALM900514MDFRPR04'));
    assert.equal(reasonOf(parseCurp(withCheckDigit('GALM990101MDFRPRA'))), 'date');
  });

  test('an invalid today is a programming error', () => {
    assert.throws(() => parseCurp('GALM900514MDFRPR04', { today: new Date('not a date') }), RangeError);
  });
});

describe('parseCurp: refused input', () => {
  const refused: [label: string, input: string, reason: CurpInvalidReason][] = [
    ['empty string', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['only hyphens and whitespace', ' -\t-\n- ', 'empty'],
    ['17 characters', 'GALM900514MDFRPR0', 'length'],
    ['19 characters', 'GALM900514MDFRPR044', 'length'],
    ['a single letter', 'G', 'length'],
    ['an en dash is not a hyphen', 'GALM–900514MDFRPR04', 'length'],
    ['an emoji counts as one character', 'GALM900514MDFRPR04😀', 'length'],
    ['a family emoji is five code points', 'GALM900514MDFRP👨‍👩‍👧', 'length'],
    ['17 characters with a non-ASCII one', 'GAßM900514MDFRPR0', 'length'],
    ['an emoji in 18 characters', 'GALM900514MDFRPR0😀', 'format'],
    ['ß', 'GAßM900514MDFRPR04', 'format'],
    ['dotless ı that would upper-case to I', 'fıpa911111moclrn08', 'format'],
    ['long ſ that would upper-case to S', 'ſOTM700707MJCTRR08', 'format'],
    ['Kelvin sign K', '\u212AULO900101HDFRRR03', 'format'],
    ['full-width digits', 'GALM９００５１４MDFRPR04', 'format'],
    ['full-width letters', 'ＧALM900514MDFRPR04', 'format'],
    ['Ñ', 'ÑUSE000101HSPXXXA2', 'format'],
    ['accented vowel', 'GÁLM900514MDFRPR04', 'format'],
    ['punctuation', 'GALM.900514MDFRPR4', 'format'],
    ['underscore', 'GALM_00514MDFRPR04', 'format'],
    ['digit among the first four letters', 'G4LM900514MDFRPR04', 'format'],
    ['letter in the date', 'GALM9O0514MDFRPR04', 'format'],
    ['digit for the sex', 'GALM9005141DFRPR04', 'format'],
    ['digit in the state', 'GALM900514M0FRPR04', 'format'],
    ['digit among positions 14–16', 'GALM900514MDFRP404', 'format'],
    ['letter as check digit', 'GALM900514MDFRPR0A', 'format'],
    ['symbol-free but shifted', '900514GALMMDFRPR04', 'format'],
    ['consonant in position 2', 'GBLM900514MDFRPR04', 'format'],
    ['Y in position 2', 'GYLM900514MDFRPR04', 'format'],
    ['vowel in position 14', 'GALM900514MDFAPR04', 'format'],
    ['vowel in position 15', 'GALM900514MDFREP04', 'format'],
    ['vowel in position 16', 'GALM900514MDFRPU04', 'format'],
    ['lower-case vowel in position 16', 'galm900514mdfrpo04', 'format'],
    ['sex F', withCheckDigit('GALM900514FDFRPR0'), 'sex'],
    ['sex Z', withCheckDigit('GALM900514ZDFRPR0'), 'sex'],
    ['state XX', withCheckDigit('GALM900514MXXRPR0'), 'state'],
    ['state CX (Mexico City is DF)', withCheckDigit('GALM900514MCXRPR0'), 'state'],
    ['state EM (State of Mexico is MC)', withCheckDigit('GALM900514MEMRPR0'), 'state'],
    ['wrong check digit', 'GALM900514MDFRPR05', 'checksum'],
    ['wrong check digit, lower-case', 'galm900514mdfrpr03', 'checksum'],
    ['swapped homoclave', 'GALM900514MDFRPR40', 'checksum'],
  ];
  for (const [label, input, reason] of refused) {
    test(`${label}: ${reason}`, () => {
      assert.deepEqual(parseCurp(input, { today: FIXED_TODAY }), { valid: false, reason });
    });
  }

  test('a wrong check digit on every scripted CURP is a checksum error', () => {
    for (const curp of SCRIPTED_CURPS) {
      assert.equal(
        reasonOf(parseCurp(withWrongCheckDigit(curp.slice(0, 17)), { today: FIXED_TODAY })),
        'checksum',
      );
    }
  });
});

describe('parseCurp: rules apply in order, the first failure is reported', () => {
  const cases: [label: string, input: string, reason: CurpInvalidReason][] = [
    ['wrong length and non-ASCII', 'GAßM900514MDFRPR0', 'length'],
    ['bad format and bad date', 'GBLM901314MDFRPR04', 'format'],
    ['bad format and bad sex', 'GBLM900514FDFRPR04', 'format'],
    ['bad date and bad checksum', withWrongCheckDigit('GALM900431MDFRPR0'), 'date'],
    ['bad date and bad sex', withCheckDigit('GALM900431FDFRPR0'), 'date'],
    ['future date and bad state', withCheckDigit('GALM990101MXXRPRA'), 'date'],
    ['bad sex and bad state', withCheckDigit('GALM900514FXXRPR0'), 'sex'],
    ['bad sex and bad checksum', withWrongCheckDigit('GALM900514FDFRPR0'), 'sex'],
    ['bad state and bad checksum', withWrongCheckDigit('GALM900514MXXRPR0'), 'state'],
  ];
  for (const [label, input, reason] of cases) {
    test(`${label}: ${reason}`, () => {
      assert.equal(reasonOf(parseCurp(input, { today: FIXED_TODAY })), reason);
    });
  }
});

describe('parseCurp: inconvenient words', () => {
  test('a CURP starting with an inconvenient word is valid, with a warning', () => {
    for (const word of ['BACA', 'BUEY', 'CULO', 'KOGE', 'MEAR', 'QULO', 'WUEY']) {
      const result = parseCurp(withCheckDigit(`${word}900101HDFRRR0`), { today: FIXED_TODAY });
      assertValid(result);
      assert.deepEqual(result.warnings, ['inconvenient_word']);
    }
  });

  test('the warning also applies to lower-case input', () => {
    const result = parseCurp(withCheckDigit('BACA900101HDFRRR0').toLowerCase(), { today: FIXED_TODAY });
    assertValid(result);
    assert.deepEqual(result.warnings, ['inconvenient_word']);
  });

  test('the form RENAPO actually issues, with X in position 2, has no warning', () => {
    const result = parseCurp(withCheckDigit('BXCA900101HDFRRR0'), { today: FIXED_TODAY });
    assertValid(result);
    assert.deepEqual(result.warnings, []);
  });

  test('an inconvenient word does not rescue an invalid CURP', () => {
    assert.equal(
      reasonOf(parseCurp(withWrongCheckDigit('BACA900101HDFRRR0'), { today: FIXED_TODAY })),
      'checksum',
    );
  });

  test('each result gets its own warnings array', () => {
    const first = parseCurp(withCheckDigit('BACA900101HDFRRR0'), { today: FIXED_TODAY });
    const second = parseCurp(withCheckDigit('BACA900101HDFRRR0'), { today: FIXED_TODAY });
    assertValid(first);
    assertValid(second);
    assert.notEqual(first.warnings, second.warnings);
  });
});
