import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { curpCheckDigit } from '../../src/curp/index.js';

describe('curpCheckDigit', () => {
  test('matches the check digit of real-format CURPs', () => {
    assert.equal(curpCheckDigit('GALM900514MDFRPR0'), '4');
    assert.equal(curpCheckDigit('LUHJ960229HGTNRN0'), '7');
    assert.equal(curpCheckDigit('ROSA010203MNLDNLA'), '2');
    assert.equal(curpCheckDigit('NUSE000101HSPXXXA'), '2');
  });

  test('values Ñ at 24, between N (23) and O (25)', () => {
    // Only the first character differs, weighted by 18: changing its value by one changes the sum by 18.
    const rest = 'AXX900101HDFXXX0';
    const n = Number(curpCheckDigit(`N${rest}`));
    const enye = Number(curpCheckDigit(`Ñ${rest}`));
    const o = Number(curpCheckDigit(`O${rest}`));
    assert.equal(enye, (n + 10 - 8) % 10);
    assert.equal(o, (enye + 10 - 8) % 10);
  });

  test('is a digit that brings the weighted sum to a multiple of ten', () => {
    const first17 = 'ZZZZ991231XZSZZZZ';
    const values = [...first17].map((c) => '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ'.indexOf(c));
    const sum = values.reduce((total, value, index) => total + value * (18 - index), 0);
    assert.equal((sum + Number(curpCheckDigit(first17))) % 10, 0);
  });

  test('refuses anything but 17 CURP characters', () => {
    assert.throws(() => curpCheckDigit('GALM900514MDFRPR'), RangeError);
    assert.throws(() => curpCheckDigit('GALM900514MDFRPR04'), RangeError);
    assert.throws(() => curpCheckDigit('galm900514mdfrpr0'), RangeError);
    assert.throws(() => curpCheckDigit('GALM900514MDFRP-0'), RangeError);
  });
});
