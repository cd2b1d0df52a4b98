// Where `npm start` reads a client's address: the TCP peer, or the header a trusted reverse proxy sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { clientAddressFrom } from '../../src/server/client-address.js';

test('from a trusted header: its last entry (the trusted proxy’s), plain IPv4, nothing for a non-address', async () => {
  const app = new Hono();
  const address = clientAddressFrom('x-forwarded-for');
  app.get('*', (c) => c.text(address(c) ?? 'none'));
  const cases: Array<[string | undefined, string]> = [
    ['3.130.254.46', '3.130.254.46'],
    ['203.0.113.9, 3.130.254.46', '3.130.254.46'],
    ['3.130.254.46, 203.0.113.9', '203.0.113.9'],
    ['::ffff:18.220.61.186', '18.220.61.186'],
    ['2001:db8::1', '2001:db8::1'],
    ['belvo.com', 'none'],
    ['', 'none'],
    [undefined, 'none'],
  ];
  for (const [header, expected] of cases) {
    const answer = await app.request('/', {
      headers: header === undefined ? {} : { 'x-forwarded-for': header },
    });
    assert.equal(await answer.text(), expected, String(header));
  }
});

test('without a trusted header, outside Node: no address (the header is not believed)', async () => {
  const app = new Hono();
  const address = clientAddressFrom();
  app.get('*', (c) => c.text(address(c) ?? 'none'));
  const answer = await app.request('/', { headers: { 'x-forwarded-for': '3.130.254.46' } });
  assert.equal(await answer.text(), 'none');
});
