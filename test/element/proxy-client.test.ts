// The element's calls to the proxy, one level below the element: what any proxy implementing the contract may send.
import { expect } from '@open-wc/testing';
import { getLink } from '../../src/element/proxy-client.js';

describe('proxy client', () => {
  it('escapes the session handle in the poll URL (the contract allows any string)', async () => {
    const urls: string[] = [];
    const capture: typeof fetch = async (input) => {
      urls.push(String(input));
      return Response.json({ status: 'pending', step: 'connecting' });
    };
    const polled = await getLink(capture, '/api/imss/', 'a/b c?', 25, new AbortController().signal);
    expect(urls).to.deep.equal(['/api/imss/links/a%2Fb%20c%3F?wait=25']);
    expect(polled).to.deep.equal({ ok: true, value: { status: 'pending', step: 'connecting' } });
  });
});
