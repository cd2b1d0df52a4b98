// The partner's own backend decides who may retrieve what (the proxy's `authorize`) and may keep the summary to
// itself (`onSummary` with `browserDelivery: 'minimal'`): what the person and the host page see then, against the
// real proxy and sandbox of the test backend (see TEST_APPLICANT_HEADER, MINIMAL_DELIVERY_BACKEND).
import { expect } from '@open-wc/testing';
import { fill } from '../../src/element/text.js';
import { esMX } from '../../src/element/translations/es-MX.js';
import { interceptedFetch, isLinkCreation } from '../support/interceptors.js';
import { DELIVERED, MINIMAL_DELIVERY_BACKEND, TEST_APPLICANT_HEADER } from '../support/test-backend.js';
import {
  alertText,
  button,
  failOnConsoleErrors,
  resultText,
  start,
  waitForAlert,
  waitForResult,
} from './harness.js';

const EMPLOYED = 'HEGJ850101HJCRNN06';

/** The element's fetch, sending the page's signed-in applicant as the host's own fetch would. */
const as =
  (applicant: string): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(TEST_APPLICANT_HEADER, applicant);
    return window.fetch(input, { ...init, headers });
  };

describe('<imss-connect> and the partner’s applicants', () => {
  failOnConsoleErrors();

  for (const [applicant, code] of [
    ['none', 'unauthenticated'],
    ['stranger', 'forbidden'],
  ] as const) {
    it(`a refusal of the partner's authorize (${code}) is explained, with no Retry`, async () => {
      const { el, events } = await start(EMPLOYED, { fetch: as(applicant) });
      const { detail } = await events.first('imss-error');
      await waitForAlert(el);
      const [what, next] = esMX.errors[code];
      expect(detail.code).to.equal(code);
      expect(detail.retryable).to.equal(false);
      expect(alertText(el)).to.contain(what).and.contain(fill(next, esMX.links));
      expect(button(el, esMX.retry)).to.equal(undefined);
      await expect(el).to.be.accessible();
    });
  }

  it('a request limit of the proxy (rate_limited) asks the person to try again shortly, with Retry', async () => {
    // The test backend runs without request limits; this is the proxy's answer when one is reached.
    const limited = interceptedFetch(
      (request, next) =>
        isLinkCreation(request)
          ? Promise.resolve(
              Response.json(
                {
                  error: {
                    code: 'rate_limited',
                    message: 'Too many requests.',
                    limit: 'client',
                    retryAfterSeconds: 60,
                  },
                },
                { status: 429, headers: { 'Retry-After': '60' } },
              ),
            )
          : next(request),
      (request) => window.fetch(request),
    );
    const { el, events } = await start(EMPLOYED, { fetch: limited });
    const { detail } = await events.first('imss-error');
    await waitForAlert(el);
    expect(detail.code).to.equal('service_busy');
    expect(alertText(el)).to.contain(esMX.errors.service_busy[0]);
    expect(button(el, esMX.retry)).to.not.equal(undefined);
  });

  it('with the summary delivered to the partner’s server only, the person is told it is done and imss-success fires without it', async () => {
    const { el, events } = await start(EMPLOYED, { endpoint: MINIMAL_DELIVERY_BACKEND });
    const { detail } = await events.first('imss-success');
    await waitForResult(el);
    expect(detail.summary).to.equal(undefined);
    expect(resultText(el)).to.equal(esMX.done);
    // The partner's backend received it, for this very session.
    const received = (await (await fetch(`${DELIVERED}/${detail.session}`)).json()) as { curp: string }[];
    expect(received).to.deep.equal([{ curp: EMPLOYED }]);
    await expect(el).to.be.accessible();
  });
});
