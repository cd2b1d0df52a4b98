// A site whose setup is wrong (the endpoint, the proxy's allowedOrigins): the person reads a neutral text and cannot
// do anything about it; the developer reads in the console what to fix.
import { expect } from '@open-wc/testing';
import { quickRetries } from '../support/retries.js';
import { fakeProxy } from './fake-proxy.js';
import { alertText, button, start } from './harness.js';

const CURP = 'GALM900514MDFRPR04';

describe('<imss-connect> on a site set up wrong', () => {
  let errors: string[];
  const original = console.error;
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  });
  afterEach(() => (console.error = original));

  it('reports configuration for an endpoint where no proxy answers (404 at {endpoint}/links)', async () => {
    const { el, events, sent } = await start(CURP, { endpoint: '/api/not-the-proxy' });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'configuration', retryable: false });
    expect(sent).to.have.length(1);
    await el.updateComplete;
    expect(alertText(el)).to.contain('no está disponible');
    expect(alertText(el)).to.not.match(/conexión|CURP/);
    expect(button(el, 'Intentar de nuevo')).to.equal(undefined);
    expect(errors.join('\n')).to.contain('/api/not-the-proxy/links').and.contain('endpoint');
    await expect(el).to.be.accessible();
  });

  it('reports configuration for a proxy that refuses the page’s origin (403 forbidden_origin)', async () => {
    const proxy = fakeProxy({
      create: [{ status: 403, body: { error: { code: 'forbidden_origin', message: 'Origin not allowed' } } }],
    });
    const { events } = await start(CURP, { fetch: proxy.fetch });
    const { detail } = await events.first('imss-error');
    expect(detail.code).to.equal('configuration');
    expect(errors.join('\n')).to.contain('allowedOrigins').and.contain(location.origin);
  });

  it('reports configuration, not network, for a proxy on another origin without CORS for this page', async () => {
    // The same real proxy, reached through the other name of the loopback address: another origin, not allowed.
    const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const endpoint = `${location.protocol}//${other}:${location.port}/api/imss`;
    const { el, events } = await start(CURP, { endpoint, settings: quickRetries(5) });
    const { detail } = await events.first('imss-error');
    expect(detail).to.deep.include({ code: 'configuration', retryable: false });
    await el.updateComplete;
    expect(alertText(el)).to.not.contain('conexión');
    expect(errors.join('\n')).to.contain('CORS').and.contain('allowedOrigins').and.contain(location.origin);
    await expect(el).to.be.accessible();
  });
});
