// What the proxy does about the transport whatever server runs it: `nosniff` on every answer, and an upload cut
// off by its client logged as the client's fault.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  delay,
  eventually,
  startFakeBelvo,
  startProxy,
  WEBHOOK_AUTHORIZATION,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';

/** Sends the head of a chunked POST and the first chunk of its body, then drops the connection. */
async function abortedUpload(url: string, headers: Record<string, string> = {}): Promise<void> {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const head = Object.entries({ 'content-type': 'application/json', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(
    `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n${head}Transfer-Encoding: chunked\r\n\r\n5\r\n{"cur\r\n`,
  );
  await delay(50);
  socket.destroy();
}

describe('proxy transport', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url } });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });

  test('every answer carries X-Content-Type-Options: nosniff, errors and unknown routes included', async () => {
    const session = await proxy.client.start('HEGJ850101HJCRNN06');
    const answers = await Promise.all([
      fetch(`${proxy.api}/links/${session}`),
      fetch(`${proxy.api}/links/${session}`, { method: 'DELETE' }),
      fetch(`${proxy.api}/links`, {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
      fetch(`${proxy.api}/links/unknown`),
      fetch(`${proxy.api}/nowhere`),
      fetch(proxy.webhookUrl, { method: 'POST', body: '{}' }),
    ]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 204, 400, 404, 404, 401],
    );
    for (const answer of answers) assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a chunked upload dropped midway is logged as request_aborted, never internal_error', async () => {
    const linksBefore = belvo.callsTo('POST', '/api/links/').length;
    await abortedUpload(`${proxy.api}/links`);
    await abortedUpload(proxy.webhookUrl, { authorization: WEBHOOK_AUTHORIZATION });
    await eventually(() => proxy.logs.filter((entry) => entry.event === 'request_aborted').length === 2);
    assert.ok(!proxy.logs.some((entry) => entry.event === 'internal_error'));
    // Nothing was started for the half-sent body, and the proxy still serves.
    assert.equal(belvo.callsTo('POST', '/api/links/').length, linksBefore);
    assert.equal((await proxy.client.create({ curp: 'GALM900514MDFRPR04' })).status, 202);
  });
});
