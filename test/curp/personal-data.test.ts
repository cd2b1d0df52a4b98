// One set of rules for personal identifiers in free text, shared by the proxy (externalId, Belvo's messages) and the
// sandbox (external_id).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { personalDataIn, scrubIdentifiers } from '../../src/curp/personal-data.js';

describe('personalDataIn', () => {
  test('finds an e-mail address, an NSS (11 digits in a row) and a valid CURP anywhere', () => {
    const cases: Array<[string, ReturnType<typeof personalDataIn>]> = [
      ['maria@example.com', 'email'],
      ['nss-51099068598-a', 'nss'],
      ['cliente:12345678901234', 'nss'],
      ['cliente-GALM900514MDFRPR04', 'curp'],
      ['ref hegj850101hjcrnn06', 'curp'],
      ['GALM-900514-MDFRPR04', 'curp'],
      ['GALM 900514 MDF RPR 04', 'curp'],
    ];
    for (const [text, kind] of cases) assert.equal(personalDataIn(text), kind, text);
  });

  test('lets ordinary references through, CURP-shaped ones with a wrong check digit included', () => {
    for (const text of [
      'solicitud-2024-000123',
      'GALM900514MDFRPR05-x',
      'ORDER1234567890ABCDEF',
      '1234567890',
      '+52 55 1234 5678',
    ]) {
      assert.equal(personalDataIn(text), undefined, text);
    }
  });
});

describe('scrubIdentifiers', () => {
  test('removes anything CURP-shaped (whatever its check digit), runs of 11+ digits and e-mail addresses', () => {
    assert.equal(
      scrubIdentifiers('La CURP GALM900514MDFRPR04 con NSS 51099068598 falló'),
      'La CURP [CURP] con NSS [NSS] falló',
    );
    assert.equal(scrubIdentifiers('curp galm900514mdfrpr05.'), 'curp [CURP].');
    assert.equal(scrubIdentifiers('escribe a maria@example.com'), 'escribe a [EMAIL]');
    assert.equal(scrubIdentifiers('cuenta 123456789012345'), 'cuenta [NSS]');
  });

  test('leaves IMSS’s texts as they are', () => {
    for (const text of [
      'El NSS no fue localizado en el IMSS',
      'Por favor, ingresa un CURP válido. Debe contener 18 caracteres',
      'Has agotado el número de solicitudes permitidas por día.',
    ]) {
      assert.equal(scrubIdentifiers(text), text);
    }
  });
});
