// Belvo's answers → the canonical error codes (src/contract/error-codes.ts), following Belvo's documented errors
// for IMSS (https://developers.belvo.com) and the README's table of error codes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BelvoFailure } from '../../src/proxy/belvo-client.js';
import { foldText, mapBelvoFailure, mapLinkErrorWebhook } from '../../src/proxy/error-mapping.js';

const REQUEST_ID = '0123456789abcdef0123456789abcdef';
const answer = (status: number, code: string | null, message: string | null): BelvoFailure => ({
  kind: 'http',
  status,
  errors: [{ code, message, request_id: REQUEST_ID, field: null }],
});

describe('mapBelvoFailure', () => {
  const cases: Array<[number, string, string, string, boolean]> = [
    [400, 'invalid_credentials', 'El NSS no fue localizado en el IMSS', 'nss_not_found', false],
    [400, 'invalid_credentials', 'El NSS capturado no coincide con la CURP', 'nss_curp_mismatch', false],
    [
      400,
      'login_error',
      'El CURP proporcionado no fue localizado en la entidad externa RENAPO',
      'curp_not_in_renapo',
      false,
    ],
    [400, 'login_error', 'CURP es incorrecto', 'curp_incorrect', false],
    [
      400,
      'login_error',
      'Por favor, ingresa un CURP válido. Debe contener 18 caracteres',
      'curp_length',
      false,
    ],
    [
      400,
      'missing_credentials',
      'Los datos registrados en el IMSS asociados a la CURP, presentan alguna inconsistencia, por favor acude a tu Subdelegación para obtener tu Número de Seguridad Social.',
      'imss_data_inconsistent',
      false,
    ],
    [400, 'missing_credentials', 'La persona no cuenta con NSS', 'no_nss', false],
    [
      400,
      'login_error',
      'Es necesario que acudas a la subdelegación más cercana a tu domicilio a presentar tu trámite',
      'imss_visit_required',
      false,
    ],
    [
      400,
      'invalid_credentials',
      'Es necesario que acudas a la subdelegación más cercana a tu domicilio a presentar tu trámite',
      'imss_visit_required',
      false,
    ],
    [400, 'login_error', 'El correo ya está registrado con otro CURP', 'email_in_use', false],
    [400, 'missing_credentials', 'El correo ya está registrado con otro CURP', 'email_in_use', false],
    [
      403,
      'forbidden_by_host',
      'Has agotado el número de solicitudes permitidas por día.',
      'daily_limit',
      false,
    ],
    [
      400,
      'institution_down',
      'The financial institution is down, try again later',
      'institution_unavailable',
      true,
    ],
    [
      400,
      'institution_unavailable',
      'The financial institution is unavailable',
      'institution_unavailable',
      true,
    ],
    [
      400,
      'institution_inactive',
      'The institution has been temporarily deactivated',
      'institution_unavailable',
      true,
    ],
    [
      400,
      'too_many_sessions',
      'Impossible to login, a session is already opened',
      'institution_unavailable',
      true,
    ],
    [408, 'request_timeout', 'The request timed out', 'timeout', true],
    [400, 'login_error', 'Algo distinto que dijo el IMSS', 'imss_rejected', false],
    [400, 'invalid_credentials', 'Otro texto', 'imss_rejected', false],
    [400, 'missing_credentials', 'Otro texto', 'imss_rejected', false],
    [401, 'authentication_failed', 'Invalid Secret Keys', 'service_error', true],
    [500, 'unexpected_error', 'Belvo is unable to process the request', 'service_error', true],
    [503, 'service_unavailable', 'Try later', 'service_error', true],
    [404, 'not_found', 'Not found', 'service_error', true],
    [428, 'token_required', 'A MFA token is required', 'service_error', true],
  ];
  for (const [status, code, message, expected, retryable] of cases) {
    test(`${status} ${code} "${message.slice(0, 40)}" → ${expected}`, () => {
      const error = mapBelvoFailure(answer(status, code, message));
      assert.equal(error.code, expected);
      assert.equal(error.retryable, retryable);
      assert.equal(error.requestId, REQUEST_ID);
    });
  }

  test('matches IMSS texts ignoring case and accents', () => {
    assert.equal(mapBelvoFailure(answer(400, 'login_error', 'curp ES INCORRECTO.')).code, 'curp_incorrect');
    assert.equal(
      mapBelvoFailure(answer(400, 'missing_credentials', 'Los datos … PRESENTAN ALGUNA INCONSISTÉNCIA …'))
        .code,
      'imss_data_inconsistent',
    );
    assert.equal(
      mapBelvoFailure(answer(400, 'login_error', 'DEBE CONTENER 18 CARACTÉRES')).code,
      'curp_length',
    );
    assert.equal(
      mapBelvoFailure(answer(400, 'invalid_credentials', 'el nss no fué localizado')).code,
      'nss_not_found',
    );
    assert.equal(
      mapBelvoFailure(answer(400, 'login_error', 'ES NECESARIO QUE ACUDAS A LA SUBDELEGACION MAS CERCANA'))
        .code,
      'imss_visit_required',
    );
    assert.equal(
      mapBelvoFailure(answer(400, 'login_error', 'el correo ya esta  registrado con otro curp.')).code,
      'email_in_use',
    );
  });

  test('the subdelegación visit is not the inconsistent-data refusal, which also sends the person there', () => {
    // "…presentan alguna inconsistencia, por favor acude a tu Subdelegación…" names a different problem.
    assert.equal(
      mapBelvoFailure(answer(400, 'missing_credentials', 'Por favor acude a tu Subdelegación')).code,
      'imss_rejected',
    );
    const visit = mapBelvoFailure(
      answer(400, 'login_error', 'Es necesario que acudas a la subdelegación más cercana a tu domicilio'),
    );
    assert.deepEqual(
      { code: visit.code, retryable: visit.retryable, message: visit.message },
      {
        code: 'imss_visit_required',
        retryable: false,
        message: 'Es necesario que acudas a la subdelegación más cercana a tu domicilio',
      },
    );
  });

  test("keeps IMSS's text for refusals, and says something generic otherwise", () => {
    assert.equal(
      mapBelvoFailure(answer(400, 'missing_credentials', 'La persona no cuenta con NSS')).message,
      'La persona no cuenta con NSS',
    );
    const internal = mapBelvoFailure(answer(500, 'unexpected_error', 'Stack trace at belvo.internal:42'));
    assert.ok(!internal.message.includes('belvo.internal'));
  });

  test('matches IMSS texts whatever their white space: non-breaking spaces, doubled spaces, line breaks', () => {
    for (const message of [
      'CURP\u00a0es\u00a0incorrecto',
      'CURP  es incorrecto',
      'CURP es\nincorrecto',
      'CURP\tes \u202f incorrecto',
    ]) {
      assert.equal(mapBelvoFailure(answer(400, 'login_error', message)).code, 'curp_incorrect', message);
    }
    assert.equal(
      mapBelvoFailure(answer(400, 'missing_credentials', 'La persona no\u00a0cuenta con\u00a0NSS')).code,
      'no_nss',
    );
    assert.equal(foldText(' Subdelegación\u00a0\u00a0DEL  IMSS\n'), ' subdelegacion del imss ');
  });

  test('never passes on a CURP or an NSS, even if a message carried one', () => {
    const error = mapBelvoFailure(
      answer(400, 'login_error', 'La CURP GALM900514MDFRPR04 con NSS 51099068598 falló'),
    );
    assert.equal(error.code, 'imss_rejected');
    assert.ok(!error.message.includes('GALM900514MDFRPR04'));
    assert.ok(!error.message.includes('51099068598'));
  });

  test('no answer, garbage, or an error body that is not Belvo’s', () => {
    assert.deepEqual(mapBelvoFailure({ kind: 'unreachable' }).code, 'service_error');
    assert.deepEqual(mapBelvoFailure({ kind: 'invalid_response', status: 200 }).code, 'service_error');
    assert.deepEqual(mapBelvoFailure({ kind: 'timeout' }).code, 'timeout');
    const html502 = mapBelvoFailure({ kind: 'http', status: 502, errors: [] });
    assert.deepEqual(html502, {
      code: 'service_error',
      message: 'The employment-data service did not answer as expected. Please try again.',
      retryable: true,
    });
    assert.equal(mapBelvoFailure({ kind: 'http', status: 400, errors: [] }).code, 'service_error');
    assert.equal(mapBelvoFailure({ kind: 'http', status: 408, errors: [] }).code, 'timeout');
  });
});

describe('mapLinkErrorWebhook', () => {
  test("is always a retryable service_error with Belvo's request id, whatever the webhook's data says", () => {
    const error = mapLinkErrorWebhook(REQUEST_ID);
    assert.deepEqual(error, {
      code: 'service_error',
      message: 'The employment-data service did not answer as expected. Please try again.',
      retryable: true,
      requestId: REQUEST_ID,
    });
    assert.deepEqual(mapLinkErrorWebhook(null), {
      code: 'service_error',
      message: 'The employment-data service did not answer as expected. Please try again.',
      retryable: true,
    });
  });
});
