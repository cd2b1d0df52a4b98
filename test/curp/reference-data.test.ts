import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { curpStateCodes, curpStates, inconvenientWords } from '../../src/curp/index.js';

describe('curpStates', () => {
  test('has the 32 federal entities and NE', () => {
    const codes = Object.keys(curpStates).sort();
    assert.deepEqual(
      codes,
      'AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS'.split(
        ' ',
      ),
    );
  });

  test('names exactly the codes checkCurp accepts (curpStateCodes), once each', () => {
    assert.deepEqual(Object.keys(curpStates), [...curpStateCodes]);
    assert.equal(new Set(curpStateCodes).size, curpStateCodes.length);
  });

  test('uses the current official names', () => {
    assert.equal(curpStates.DF, 'Ciudad de México');
    assert.equal(curpStates.MC, 'Estado de México');
    assert.equal(curpStates.NE, 'Nacido en el extranjero');
    assert.equal(curpStates.CL, 'Coahuila');
    assert.equal(curpStates.MN, 'Michoacán');
    assert.equal(curpStates.NL, 'Nuevo León');
    assert.equal(curpStates.QT, 'Querétaro');
    assert.equal(curpStates.SP, 'San Luis Potosí');
    assert.equal(curpStates.YN, 'Yucatán');
  });
});

describe('inconvenientWords', () => {
  test("has RENAPO's 81 four-letter words", () => {
    assert.equal(inconvenientWords.size, 81);
    for (const word of inconvenientWords) assert.match(word, /^[A-Z]{4}$/);
    for (const word of ['BACA', 'BUEY', 'KULO', 'MEAR', 'QULO', 'RUIN', 'WUEY'])
      assert.ok(inconvenientWords.has(word));
    assert.ok(!inconvenientWords.has('ORIN'));
  });
});
