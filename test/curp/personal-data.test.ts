// One set of rules for personal identifiers in free text, shared by the proxy (externalId, Belvo's messages) and the
// sandbox (external_id).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { personalDataIn, scrubIdentifiers } from '../../src/curp/personal-data.js';

describe('personalDataIn', () => {
  test('finds an e-mail address, an NSS (11 digits, in a row or grouped), a phone number and a valid CURP', () => {
    const cases: Array<[string, ReturnType<typeof personalDataIn>]> = [
      ['maria@example.com', 'email'],
      ['nss-51099068598-a', 'nss'],
      ['cliente:12345678901234', 'nss'],
      ['nss-123-4567-8901', 'nss'],
      ['nss 5109 90 6859 8', 'nss'],
      ['ref_510.990.685.98', 'nss'],
      ['nss123/4567/8901', 'nss'],
      ['+52 55 1234 5678', 'phone'],
      ['tel (33) 3614-2020', 'phone'],
      ['cel-55-12-34-56-78', 'phone'],
      ['222.123.4567', 'phone'],
      ['+52 1 55 1234 5678', 'phone'],
      ['+52 5512345678', 'phone'],
      ['cliente-GALM900514MDFRPR04', 'curp'],
      ['ref hegj850101hjcrnn06', 'curp'],
      ['GALM-900514-MDFRPR04', 'curp'],
      ['GALM 900514 MDF RPR 04', 'curp'],
      ['galm_900514/mdfrpr.04', 'curp'],
    ];
    for (const [text, kind] of cases) assert.equal(personalDataIn(text), kind, text);
  });

  test('lets ordinary references through: CURP-shaped ones with a wrong check digit, UUIDs, dated counters', () => {
    for (const text of [
      'solicitud-2024-000123',
      'app-2024-000123',
      'loan_8842',
      'GALM900514MDFRPR05-x',
      'ORDER1234567890ABCDEF',
      '1234567890',
      '550e8400-e29b-41d4-a716-446655440000',
      'prospecto-00000000-0000-4000-8000-000000000000',
      'pedido 2024-12-01',
      '10-1234-5678',
    ]) {
      assert.equal(personalDataIn(text), undefined, text);
    }
  });
});

describe('scrubIdentifiers', () => {
  test('removes anything CURP-shaped (whatever its check digit), long numbers, phone numbers and e-mail addresses', () => {
    assert.equal(
      scrubIdentifiers('La CURP GALM900514MDFRPR04 con NSS 51099068598 falló'),
      'La CURP [CURP] con NSS [NSS] falló',
    );
    assert.equal(scrubIdentifiers('curp galm900514mdfrpr05.'), 'curp [CURP].');
    assert.equal(scrubIdentifiers('escribe a maria@example.com'), 'escribe a [EMAIL]');
    assert.equal(scrubIdentifiers('cuenta 123456789012345'), 'cuenta [NSS]');
    assert.equal(scrubIdentifiers('NSS 123-4567-8901 no válido'), 'NSS [NSS] no válido');
    assert.equal(scrubIdentifiers('llama al 55 1234 5678.'), 'llama al [PHONE].');
  });

  test('leaves IMSS’s texts as they are', () => {
    for (const text of [
      'El NSS no fue localizado en el IMSS',
      'Por favor, ingresa un CURP válido. Debe contener 18 caracteres',
      'Has agotado el número de solicitudes permitidas por día.',
      'Intenta de nuevo en 24 horas, 3 intentos por día.',
    ]) {
      assert.equal(scrubIdentifiers(text), text);
    }
  });
});
