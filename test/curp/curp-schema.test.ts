import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { CurpSchema } from '../../src/curp/index.js';
import { withCheckDigit } from './curp-test-helpers.js';

describe('CurpSchema', () => {
  test('parses to the normalised CURP', () => {
    assert.deepEqual(CurpSchema.safeParse(' galm-900514-mdfrpr04 '), {
      success: true,
      data: 'GALM900514MDFRPR04',
    });
    assert.equal(CurpSchema.parse('ROSA010203MNLDNLA2'), 'ROSA010203MNLDNLA2');
  });

  test('accepts a CURP with an inconvenient word, as parseCurp does', () => {
    const curp = withCheckDigit('BACA900101HDFRRR0');
    assert.equal(CurpSchema.parse(curp), curp);
  });

  const refused: [input: string, reason: string][] = [
    ['', 'empty'],
    ['GALM900514MDFRPR0', 'length'],
    ['GBLM900514MDFRPR04', 'format'],
    [withCheckDigit('GALM900431MDFRPR0'), 'date'],
    [withCheckDigit('GALM900514FDFRPR0'), 'sex'],
    [withCheckDigit('GALM900514MXXRPR0'), 'state'],
    ['GALM900514MDFRPR05', 'checksum'],
  ];
  for (const [input, reason] of refused) {
    test(`reports ${reason} as the issue message`, () => {
      const result = CurpSchema.safeParse(input);
      assert.equal(result.success, false);
      assert.equal(result.error?.issues.length, 1);
      assert.equal(result.error?.issues[0]?.code, 'custom');
      assert.equal(result.error?.issues[0]?.message, reason);
      assert.deepEqual(result.error?.issues[0]?.path, []);
    });
  }

  test('refuses what is not a string', () => {
    for (const input of [undefined, null, 12, {}]) {
      const result = CurpSchema.safeParse(input);
      assert.equal(result.success, false);
      assert.equal(result.error?.issues[0]?.code, 'invalid_type');
    }
  });

  test('reports the path inside a larger contract', () => {
    const Request = z.object({ curp: CurpSchema });
    assert.deepEqual(Request.parse({ curp: 'galm900514mdfrpr04' }), { curp: 'GALM900514MDFRPR04' });
    const result = Request.safeParse({ curp: 'GALM900514MDFRPR05' });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['curp']);
    assert.equal(result.error?.issues[0]?.message, 'checksum');
  });

  test('infers string as both input and output type', () => {
    // Decided by the compiler (`npm run typecheck`): any other type, wider or narrower, would not compile here.
    const exactlyString: [
      Same<z.input<typeof CurpSchema>, string>,
      Same<z.output<typeof CurpSchema>, string>,
    ] = [true, true];
    assert.deepEqual(exactlyString, [true, true]);
  });
});

/** `true` only when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
