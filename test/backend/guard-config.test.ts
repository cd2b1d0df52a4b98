// npm start's applicants and limits from the environment: the options they give the proxy, the lines it prints,
// and one sentence for each mistake.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guardLines, guardOptions, readGuardConfig } from '../../src/server/guard-config.js';

const read = (env: Record<string, string | undefined>, realBelvo = true) => readGuardConfig(env, realBelvo);

describe('npm start: applicants and limits', () => {
  test('with a real Belvo and neither IMSS_APPLICANT_HEADER nor IMSS_AUTHORIZE=open, it refuses to start', () => {
    const reading = read({});
    assert.equal(reading.ok, false);
    assert.match(!reading.ok ? reading.problem : '', /IMSS_APPLICANT_HEADER=.*or IMSS_AUTHORIZE=open/);
  });

  test("the embedded sandbox signs in the demo's fake applicants, and says they are fake", () => {
    const reading = read({}, false);
    assert.ok(reading.ok);
    assert.deepEqual(reading.config.applicants, { kind: 'demo' });
    assert.equal(guardOptions(reading.config).authorize, undefined); // the demo backend's demoApplicants
    // Enough for a visitor to try every scripted CURP as Ana; the environment still decides.
    assert.deepEqual(reading.config.limits, { applicantCurpsPerDay: 50, applicantSessionsPerMinute: 30 });
    const set = read({ IMSS_LIMIT_APPLICANT_CURPS_PER_DAY: '4' }, false);
    assert.ok(set.ok);
    assert.deepEqual(set.config.limits, { applicantCurpsPerDay: 4, applicantSessionsPerMinute: 30 });
    assert.match(
      guardLines(reading.config).join('\n'),
      /Applicants: fake ones, the demo page's sign-in \(Ana/,
    );
  });

  test('the embedded sandbox with IMSS_AUTHORIZE=open runs open, with its warning', () => {
    const reading = read({ IMSS_AUTHORIZE: 'open' }, false);
    assert.ok(reading.ok);
    assert.equal(guardOptions(reading.config).authorize, 'open');
    assert.match(guardLines(reading.config)[0] ?? '', /^WARNING: IMSS_AUTHORIZE=open/);
  });

  test('IMSS_AUTHORIZE=open and IMSS_LIMITS=off each print a warning line', () => {
    const reading = read({ IMSS_AUTHORIZE: 'open', IMSS_LIMITS: 'off' });
    assert.ok(reading.ok);
    const lines = guardLines(reading.config);
    assert.equal(lines.filter((line) => line.startsWith('WARNING: ')).length, 2);
    assert.equal(guardOptions(reading.config).limits, false);
  });

  test('IMSS_APPLICANT_HEADER: the applicant is that header; without it, unauthenticated', async () => {
    const reading = read({ IMSS_APPLICANT_HEADER: 'X-Forwarded-User' });
    assert.ok(reading.ok);
    const authorize = guardOptions(reading.config).authorize;
    assert.ok(typeof authorize === 'function');
    const request = (headers: Record<string, string>) => new Request('http://localhost/', { headers });
    assert.equal(await authorize(request({ 'x-forwarded-user': ' ana ' }), { curp: undefined }), 'ana');
    assert.deepEqual(await authorize(request({}), { curp: undefined }), { refuse: 'unauthenticated' });
  });

  test('limits and the client address header from the environment', () => {
    const reading = read({
      IMSS_AUTHORIZE: 'open',
      IMSS_LIMIT_CLIENT_SESSIONS_PER_MINUTE: '10',
      IMSS_LIMIT_LINKS_PER_MINUTE: '100',
    });
    assert.ok(reading.ok);
    const options = guardOptions(reading.config, 'X-Forwarded-For');
    assert.deepEqual(options.limits, { clientSessionsPerMinute: 10, linkCreationsPerMinute: 100 });
    const request = new Request('http://localhost/', { headers: { 'x-forwarded-for': '1.2.3.4, 10.0.0.9' } });
    assert.equal(options.clientAddress?.(request, { remoteAddress: '10.0.0.1' }), '10.0.0.9');
  });

  test('mistakes, one sentence each', () => {
    const problems = [
      { IMSS_AUTHORIZE: 'yes' },
      { IMSS_AUTHORIZE: 'open', IMSS_APPLICANT_HEADER: 'X-User' },
      { IMSS_APPLICANT_HEADER: 'not a header' },
      { IMSS_AUTHORIZE: 'open', IMSS_LIMITS: 'maybe' },
      { IMSS_AUTHORIZE: 'open', IMSS_LIMIT_APPLICANT_CURPS_PER_DAY: '0' },
    ].map((env) => read(env));
    for (const reading of problems) {
      assert.equal(reading.ok, false);
      assert.doesNotMatch(!reading.ok ? reading.problem : '', /\n/);
    }
  });
});
