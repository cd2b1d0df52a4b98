// `npm start`'s environment: checked before anything starts, and a mistake ends the process with one line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readServerConfig } from '../../src/server/server-config.js';

const SECRETS = {
  BELVO_SECRET_ID: 'secret-id',
  BELVO_SECRET_PASSWORD: 'secret-password',
  BELVO_WEBHOOK_AUTH: 'Bearer webhook-token',
};

function problemOf(env: Record<string, string>): string {
  const reading = readServerConfig(env);
  assert.equal(reading.ok, false, JSON.stringify(env));
  return reading.ok ? '' : reading.problem;
}

describe('readServerConfig', () => {
  test('nothing set: the embedded sandbox on localhost:5173', () => {
    assert.deepEqual(readServerConfig({}), {
      ok: true,
      config: {
        port: 5173,
        host: 'localhost',
        backend: { kind: 'sandbox', timeScale: 1, sessionTimeoutMs: 60_000 },
        state: { kind: 'memory' },
        sessionTtlMs: 900_000,
      },
    });
  });

  test('BELVO_API_URL with the three secrets: Belvo', () => {
    const reading = readServerConfig({
      BELVO_API_URL: 'https://sandbox.belvo.com',
      ...SECRETS,
      PORT: '8080',
      HOST: '0.0.0.0',
      IMSS_SESSION_TIMEOUT_SECONDS: '120',
      IMSS_SESSION_TTL_SECONDS: '30',
    });
    assert.deepEqual(reading, {
      ok: true,
      config: {
        port: 8080,
        host: '0.0.0.0',
        backend: {
          kind: 'belvo',
          baseUrl: 'https://sandbox.belvo.com',
          secretId: 'secret-id',
          secretPassword: 'secret-password',
          webhookAuthorization: 'Bearer webhook-token',
          sessionTimeoutMs: 120_000,
        },
        state: { kind: 'memory' },
        sessionTtlMs: 30_000,
      },
    });
  });

  test('REDIS_URL: the shared state, with IMSS_STATE_SECRET required (checked, never quoted back)', () => {
    const secret = 'x'.repeat(32);
    const reading = readServerConfig({ REDIS_URL: 'redis://:pw@127.0.0.1:6379', IMSS_STATE_SECRET: secret });
    assert.ok(reading.ok);
    assert.deepEqual(reading.config.state, { kind: 'redis', url: 'redis://:pw@127.0.0.1:6379', secret });
    const envs: Array<Record<string, string>> = [
      { REDIS_URL: 'redis://127.0.0.1:6379' },
      { REDIS_URL: 'redis://127.0.0.1:6379', IMSS_STATE_SECRET: 'short-secret' },
    ];
    for (const env of envs) {
      const problem = problemOf(env);
      assert.match(problem, /^IMSS_STATE_SECRET is required with REDIS_URL: at least 32 random characters/);
      assert.ok(!problem.includes('short-secret'));
    }
    const problem = problemOf({ REDIS_URL: 'http://:hunter2@host', IMSS_STATE_SECRET: secret });
    assert.match(problem, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.ok(!problem.includes('hunter2'));
  });

  test('BELVO_API_URL must be an http(s) URL, and is not quoted back (it may hold credentials)', () => {
    for (const url of [
      'notaurl',
      'api.belvo.example',
      'ftp://belvo.example',
      'file:///etc/passwd',
      'http://',
    ]) {
      const problem = problemOf({ BELVO_API_URL: url, ...SECRETS });
      assert.match(problem, /^BELVO_API_URL must be an http\(s\) URL/, url);
      assert.ok(!problem.includes(url), url);
    }
    const withPassword = problemOf({ BELVO_API_URL: 'ht tp://user:hunter2@x', ...SECRETS });
    assert.ok(!withPassword.includes('hunter2'));
  });

  test('with BELVO_API_URL, the three secrets are required (blank is missing), and never quoted', () => {
    assert.equal(
      problemOf({ BELVO_API_URL: 'https://sandbox.belvo.com' }),
      'BELVO_SECRET_ID, BELVO_SECRET_PASSWORD and BELVO_WEBHOOK_AUTH are required when BELVO_API_URL is set.',
    );
    const problem = problemOf({
      BELVO_API_URL: 'https://sandbox.belvo.com',
      ...SECRETS,
      BELVO_WEBHOOK_AUTH: '  ',
    });
    assert.equal(problem, 'BELVO_WEBHOOK_AUTH is required when BELVO_API_URL is set.');
    assert.ok(!problem.includes('secret-id') && !problem.includes('secret-password'));
  });

  test('BELVO_WEBHOOK_IPS: belvo, off or a list of addresses, with BELVO_API_URL only; IMSS_CLIENT_IP_HEADER', () => {
    const belvo = { BELVO_API_URL: 'https://sandbox.belvo.com', ...SECRETS };
    const sourcesOf = (env: Record<string, string>) => {
      const reading = readServerConfig({ ...belvo, ...env });
      assert.ok(reading.ok && reading.config.backend.kind === 'belvo', JSON.stringify(env));
      return reading.config.backend.webhookSources;
    };
    assert.deepEqual(sourcesOf({ BELVO_WEBHOOK_IPS: 'belvo' }), [
      '3.130.254.46',
      '18.220.61.186',
      '18.223.45.212',
    ]);
    assert.deepEqual(sourcesOf({ BELVO_WEBHOOK_IPS: ' 10.0.0.1, ::1 ' }), ['10.0.0.1', '::1']);
    assert.equal(sourcesOf({ BELVO_WEBHOOK_IPS: 'off' }), undefined);
    assert.equal(sourcesOf({}), undefined);
    assert.equal(
      problemOf({ ...belvo, BELVO_WEBHOOK_IPS: '3.130.254.46, belvo.com' }),
      'BELVO_WEBHOOK_IPS must be "belvo", "off" or IP addresses separated by commas (got "belvo.com").',
    );
    assert.match(problemOf({ BELVO_WEBHOOK_IPS: 'belvo' }), /^BELVO_WEBHOOK_IPS needs BELVO_API_URL/);

    const reading = readServerConfig({ ...belvo, IMSS_CLIENT_IP_HEADER: 'X-Forwarded-For' });
    assert.equal(reading.ok && reading.config.clientAddressHeader, 'x-forwarded-for');
    assert.match(
      problemOf({ IMSS_CLIENT_IP_HEADER: 'X Forwarded: For' }),
      /^IMSS_CLIENT_IP_HEADER must be a header name/,
    );
  });

  test('BELVO_INSTITUTION: a Belvo institution name, with the sandbox or with Belvo', () => {
    const institutionOf = (env: Record<string, string>) => {
      const reading = readServerConfig(env);
      return reading.ok ? reading.config.institution : undefined;
    };
    assert.equal(institutionOf({}), undefined);
    assert.equal(institutionOf({ BELVO_INSTITUTION: ' planet_mx_employment ' }), 'planet_mx_employment');
    assert.equal(
      institutionOf({
        BELVO_API_URL: 'https://sandbox.belvo.com',
        ...SECRETS,
        BELVO_INSTITUTION: 'issste_mx_employment',
      }),
      'issste_mx_employment',
    );
    assert.equal(
      problemOf({ BELVO_INSTITUTION: 'IMSS México' }),
      'BELVO_INSTITUTION must be a Belvo institution name such as imss_mx_employment (got "IMSS México").',
    );
  });

  test('numbers out of range', () => {
    assert.match(
      problemOf({ PORT: '99999' }),
      /^PORT must be a whole number from 0 to 65535 \(got "99999"\)/,
    );
    assert.match(problemOf({ PORT: '80.5' }), /^PORT must be a whole number/);
    assert.match(problemOf({ SANDBOX_TIME_SCALE: 'fast' }), /^SANDBOX_TIME_SCALE must be a number ≥ 0/);
    assert.match(problemOf({ IMSS_SESSION_TIMEOUT_SECONDS: '0' }), /^IMSS_SESSION_TIMEOUT_SECONDS must be/);
    assert.match(problemOf({ IMSS_SESSION_TTL_SECONDS: 'soon' }), /^IMSS_SESSION_TTL_SECONDS must be/);
  });
});

describe('npm start with a bad environment', () => {
  test('exits 1 with one clear line, no stack trace', { timeout: 30_000 }, async () => {
    const start = fileURLToPath(new URL('../../src/server/start.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', start], {
      env: { ...process.env, BELVO_API_URL: 'notaurl', ...SECRETS, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'npm start: BELVO_API_URL must be an http(s) URL such as https://sandbox.belvo.com (or unset, for the embedded sandbox).\n',
    );
  });
});
