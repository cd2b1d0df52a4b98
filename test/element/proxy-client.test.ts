// The element's calls to the proxy, one level below the element: what any proxy implementing the contract may send.
import { expect } from '@open-wc/testing';
import { defaultSettings, getLink, type ProxyClient } from '../../src/element/proxy-client.js';
import { noAnswer } from '../support/interceptors.js';

/** A client of the proxy at /api/imss through `fetch`, with the default settings and `settings`. */
const client = (fetch: typeof window.fetch, settings = {}, endpoint = '/api/imss'): ProxyClient => ({
  fetch,
  endpoint,
  settings: { ...defaultSettings, ...settings },
});

/** A fetch that never answers, and rejects with the reason its signal aborts with. */
const hanging: typeof fetch = (_input, init) => noAnswer(init?.signal);

/** How a call ended: the name of the error it threw. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => 'answered',
    (error: Error) => error.name,
  );

describe('proxy client', () => {
  it('escapes the session handle in the poll URL (the contract allows any string)', async () => {
    const urls: string[] = [];
    const capture: typeof fetch = async (input) => {
      urls.push(String(input));
      return Response.json({ status: 'pending', step: 'connecting' });
    };
    const polled = await getLink(
      client(capture, {}, '/api/imss/'),
      'a/b c?',
      25,
      new AbortController().signal,
    );
    expect(urls).to.deep.equal(['/api/imss/links/a%2Fb%20c%3F?wait=25']);
    expect(polled).to.deep.equal({ ok: true, value: { status: 'pending', step: 'connecting' } });
  });

  it('gives a long poll its wait plus a margin, and still lets it be cancelled', async () => {
    const started = Date.now();
    const quick = client(hanging, { pollMarginMs: 50 });
    expect(await failure(getLink(quick, 's', 0, new AbortController().signal))).to.equal('TimeoutError');
    expect(Date.now() - started).to.be.within(40, 1000);

    const cancel = new AbortController();
    const polled = failure(getLink(client(hanging), 's', 0, cancel.signal));
    cancel.abort();
    expect(await polled).to.equal('AbortError');
  });

  it('cancels the body of a 5xx answer it does not read (its connection is free again)', async () => {
    let cancelled = false;
    const body = new ReadableStream({ cancel: () => void (cancelled = true) });
    const gateway: typeof fetch = async () => new Response(body, { status: 502 });
    expect(await failure(getLink(client(gateway), 's', 0, new AbortController().signal))).to.equal('Error');
    expect(cancelled).to.equal(true);
  });
});
