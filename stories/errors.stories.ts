// Every error the element can show, one story per code (named after it). Most come from the sandbox's scripted
// CURPs through the real proxy; Belvo answers the sandbox has no CURP for are given through `belvoFetch`; the two
// the browser finds itself (network, invalid_curp) through a wrapper in front of the proxy.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConnectErrorCode } from '../src/element/events.js';
import {
  BELVO_REFUSALS,
  belvoRefusesLinks,
  belvoThrottlesLinks,
  networkDown,
  noProxyAtEndpoint,
  withAttemptsLeft,
} from '../test/support/interceptors.js';
import { proxyRefusesCurp, type StoryBackendOptions } from './support/backend.js';
import { imssConnectMeta, type ImssConnectArgs } from './support/meta.js';
import { imssConnect, submitAndFail } from './support/play.js';
import { quickRetries } from '../test/support/retries.js';

const meta = {
  ...imssConnectMeta,
  title: 'imss-connect/Errors',
  // Play functions do not run on docs pages: every story there would be the same idle form.
  tags: ['!autodocs'],
  args: { ...imssConnectMeta.args, 'consent-given': true },
} satisfies Meta<ImssConnectArgs>;
export default meta;

type Story = StoryObj<ImssConnectArgs>;

/** A CURP with no script of its own: the sandbox would answer with a success, unless the story changes that. */
const ANY_CURP = 'GALM900514MDFRPR04';

/** A story that submits `curp` and lands on the error panel for `code`. */
function failing(code: ConnectErrorCode, curp: string, backend?: StoryBackendOptions): Story {
  return {
    name: code,
    args: { curp },
    ...(backend ? { parameters: { backend } } : {}),
    play: async ({ canvasElement }) => submitAndFail(await imssConnect(canvasElement), code),
  };
}

// ── IMSS refusals, scripted in the sandbox ─────────────────────────────────────────────────────────────────────

/** TOVL880909HMCRLS09: “El NSS no fue localizado en el IMSS”. */
export const NssNotFound = failing('nss_not_found', 'TOVL880909HMCRLS09');

/** CAOR750412MDFSRS08: “El NSS capturado no coincide con la CURP”. */
export const NssCurpMismatch = failing('nss_curp_mismatch', 'CAOR750412MDFSRS08');

/** LUHJ960229HGTNRN07: the CURP is not in RENAPO. */
export const CurpNotInRenapo = failing('curp_not_in_renapo', 'LUHJ960229HGTNRN07');

/** MEDA990101MYNNZN08: “CURP es incorrecto”. */
export const CurpIncorrect = failing('curp_incorrect', 'MEDA990101MYNNZN08');

/** BECR830630HCHRRB08: inconsistent data at IMSS; the person has to visit their Subdelegación. */
export const ImssDataInconsistent = failing('imss_data_inconsistent', 'BECR830630HCHRRB08');

/** FIPA911111MOCLRN08: “La persona no cuenta con NSS”. */
export const NoNss = failing('no_nss', 'FIPA911111MOCLRN08');

/** JIMA870822HQTMRN05: IMSS's three logins per CURP a day are used up (Belvo's 403 forbidden_by_host). */
export const DailyLimit = failing('daily_limit', 'JIMA870822HQTMRN05');

/** OEGL930303MNERMR03: IMSS is down. Retryable: the panel offers “Intentar de nuevo”. */
export const InstitutionUnavailable = failing('institution_unavailable', 'OEGL930303MNERMR03');

/** VAPE800101HDFLRD03 (no webhook ever comes) with a 2 s session timeout. Retryable. */
export const Timeout = failing('timeout', 'VAPE800101HDFLRD03', { sessionTimeoutMs: 2000 });

// ── Belvo answers the sandbox has no CURP for, through createDemoBackend({ belvoFetch }) ───────────────────────

/** Belvo: 400 login_error “…Debe contener 18 caracteres” (IMSS disagreeing about a CURP the proxy found valid). */
export const CurpLength = failing('curp_length', ANY_CURP, {
  belvoFetch: belvoRefusesLinks(...BELVO_REFUSALS.curpLength),
});

/** Belvo: 400 login_error with an IMSS text the proxy does not know. Not retryable. */
export const ImssRejected = failing('imss_rejected', ANY_CURP, {
  belvoFetch: belvoRefusesLinks(...BELVO_REFUSALS.imssRejected),
});

/** Belvo: 500 unexpected_error. Retryable, with Belvo's request id as the support reference. */
export const ServiceError = failing('service_error', ANY_CURP, {
  belvoFetch: belvoRefusesLinks(...BELVO_REFUSALS.serviceError),
});

/** Belvo: 429 with a Retry-After of an hour, longer than the proxy may wait. Retryable. */
export const ServiceBusy = failing('service_busy', ANY_CURP, { belvoFetch: belvoThrottlesLinks });

// ── Found by the browser ───────────────────────────────────────────────────────────────────────────────────────

/**
 * The element's `fetch` rejects, as when the proxy cannot be reached. The element retries 5 times before giving up;
 * this story's `settings` shortens the waits between tries from 1–8 s to 0.1 s.
 */
const network = failing('network', ANY_CURP, { intercept: networkDown });
export const Network: Story = { ...network, args: { ...network.args, settings: quickRetries(100) } };

/**
 * Only reachable when the proxy disagrees with the browser about a CURP (both run the same CURP rules): a wrapper in
 * front of the proxy answers `POST /links` with 422 `invalid_curp` (reason `checksum`) for a valid CURP.
 */
export const InvalidCurp: Story = {
  ...failing('invalid_curp', ANY_CURP, { intercept: proxyRefusesCurp('checksum') }),
  name: 'invalid_curp (proxy disagrees with the browser)',
};

/** OEGL930303MNERMR03 (IMSS unavailable) through a proxy that counts the CURP's checks: two left today. */
export const AttemptsLeft: Story = {
  ...failing('institution_unavailable', 'OEGL930303MNERMR03', { intercept: withAttemptsLeft(2) }),
  name: 'institution_unavailable, 2 attempts left',
};

/** No proxy at the element's `endpoint` (404 to `POST /links`): a neutral text, and a console.error saying what to fix. */
export const Configuration = failing('configuration', ANY_CURP, { intercept: noProxyAtEndpoint });
