import type { ImssErrorCode } from '../contract/index.js';
import type { HistoryPlan } from './generate-records.js';

/**
 * The scripted CURPs: each one makes the sandbox behave as Belvo and IMSS do in one situation, so every screen
 * of the element and every branch of the proxy can be reached without a Belvo account. All of them are valid
 * CURPs (check digit included), so they pass the element's and the proxy's own checks and reach the sandbox.
 */

/** Delays before each webhook, in ms at demo speed (`timeScale` 1), counted from the link's creation. */
export interface WebhookTiming {
  ownersAfterMs: number;
  recordsAfterMs: number;
}

/** Belvo's answer to `POST /api/links/` for a login IMSS refuses: synchronous, as Belvo does for IMSS. */
export interface LinkRefusal {
  status: 400 | 403;
  code: string;
  message: string;
}

export interface Scenario {
  /** Short English description, for the README, Storybook and test names. */
  outcome: string;
  /** The same in Spanish, for the demo page (written for people in Mexico). */
  outcomeEs: string;
  /** What the proxy should end with. */
  expect: 'success' | ImssErrorCode;
  /** Set: the link is refused with this Belvo error. */
  refusal?: LinkRefusal;
  /**
   * The first `POST /api/links/` for this CURP after the sandbox starts (per sandbox instance, so once per
   * `npm start`, and again once the sandbox has forgotten it, after its `linkTtlMs`) is answered 503; every later
   * one succeeds.
   */
  unavailableOnFirstAttempt?: boolean;
  /** When the webhooks come; 'never' for a link whose data never arrives. */
  webhooks: WebhookTiming | 'never';
  /** The shape of the invented history; absent: derived from the CURP. */
  history?: HistoryPlan;
}

/** Demo speed: the owner a couple of seconds in, the history a little later (Belvo averages ~15 s). */
const DEFAULT_WEBHOOK_TIMING: WebhookTiming = { ownersAfterMs: 2_000, recordsAfterMs: 4_000 };
/** The slow scenario: IMSS took its time. */
const SLOW_WEBHOOK_TIMING: WebhookTiming = { ownersAfterMs: 16_000, recordsAfterMs: 20_000 };

const refused = (
  expect: ImssErrorCode,
  [outcome, outcomeEs]: [string, string],
  status: 400 | 403,
  code: string,
  message: string,
): Scenario => ({ outcome, outcomeEs, expect, refusal: { status, code, message }, webhooks: 'never' });

/** Belvo's messages for IMSS, verbatim, as Belvo's API returns them and its IMSS documentation lists them. */
export const IMSS_MESSAGES = {
  nssNotFound: 'El NSS no fue localizado en el IMSS',
  nssCurpMismatch: 'El NSS capturado no coincide con la CURP',
  curpNotInRenapo: 'El CURP proporcionado no fue localizado en la entidad externa RENAPO',
  curpIncorrect: 'CURP es incorrecto',
  curpLength: 'Por favor, ingresa un CURP válido. Debe contener 18 caracteres',
  dataInconsistent:
    'Los datos registrados en el IMSS asociados a la CURP, presentan alguna inconsistencia, por favor acude a tu Subdelegación para obtener tu Número de Seguridad Social.',
  noNss: 'La persona no cuenta con NSS',
  dailyLimit: 'Has agotado el número de solicitudes permitidas por día.',
  institutionUnavailable: 'The financial institution is unavailable',
} as const;

export const scriptedScenarios: Readonly<Record<string, Scenario>> = {
  GALM900514MDFRPR04: {
    outcome: 'Employed: one current job and two earlier ones',
    outcomeEs: 'Con empleo: un trabajo actual y dos anteriores',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [3], currentJob: true },
  },
  HEGJ850101HJCRNN06: {
    outcome: 'Long history: 12 jobs with salary modifications, one current',
    outcomeEs: 'Historial largo: 12 empleos con cambios de salario',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [12], currentJob: true },
  },
  PEMA780715HPLRRN03: {
    outcome: 'Unemployed: every job has ended',
    outcomeEs: 'Sin empleo actual: todos los empleos terminaron',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [5], currentJob: false },
  },
  SAMC920320MVZNRR04: {
    outcome: 'Two profiles with two different NSS, a current job in each (two pages with pageSize 1)',
    outcomeEs: 'Dos perfiles (dos NSS), con un empleo actual en cada uno',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [2, 2], currentJob: true, currentInEveryProfile: true },
  },
  SOTM700707MJCTRR08: {
    outcome: 'No employment history: zero profiles',
    outcomeEs: 'Sin historial laboral',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [], currentJob: false },
  },
  TOVL880909HMCRLS09: refused(
    'nss_not_found',
    ['NSS not found at IMSS', 'Error: el NSS no fue localizado en el IMSS'],
    400,
    'invalid_credentials',
    IMSS_MESSAGES.nssNotFound,
  ),
  CAOR750412MDFSRS08: refused(
    'nss_curp_mismatch',
    ['NSS does not match the CURP', 'Error: el NSS no coincide con la CURP'],
    400,
    'invalid_credentials',
    IMSS_MESSAGES.nssCurpMismatch,
  ),
  LUHJ960229HGTNRN07: refused(
    'curp_not_in_renapo',
    ['CURP not found at RENAPO', 'Error: la CURP no está en RENAPO'],
    400,
    'login_error',
    IMSS_MESSAGES.curpNotInRenapo,
  ),
  MEDA990101MYNNZN08: refused(
    'curp_incorrect',
    ['IMSS says the CURP is incorrect', 'Error: CURP incorrecta según el IMSS'],
    400,
    'login_error',
    IMSS_MESSAGES.curpIncorrect,
  ),
  BECR830630HCHRRB08: refused(
    'imss_data_inconsistent',
    ['Inconsistent IMSS data: visit the IMSS subdelegation', 'Error: datos inconsistentes en el IMSS'],
    400,
    'missing_credentials',
    IMSS_MESSAGES.dataInconsistent,
  ),
  FIPA911111MOCLRN08: refused(
    'no_nss',
    ['The person has no NSS', 'Error: la persona no cuenta con NSS'],
    400,
    'missing_credentials',
    IMSS_MESSAGES.noNss,
  ),
  JIMA870822HQTMRN05: refused(
    'daily_limit',
    ['Daily IMSS attempts used up (3 per CURP in 24 h)', 'Error: límite diario de consultas'],
    403,
    'forbidden_by_host',
    IMSS_MESSAGES.dailyLimit,
  ),
  OEGL930303MNERMR03: refused(
    'institution_unavailable',
    ['IMSS is unavailable', 'Error: el IMSS no está disponible (se puede reintentar)'],
    400,
    'institution_unavailable',
    IMSS_MESSAGES.institutionUnavailable,
  ),
  ROSA010203MNLDNLA2: {
    outcome:
      'Belvo answers 503 to the first link request after start (once per sandbox instance), then succeeds (the proxy retries)',
    outcomeEs:
      'Belvo responde 503 a la primera solicitud tras el arranque (una vez por sandbox) y el reintento funciona',
    expect: 'success',
    unavailableOnFirstAttempt: true,
    webhooks: DEFAULT_WEBHOOK_TIMING,
  },
  NUSE000101HSPXXXA2: {
    outcome: 'Slow: the data arrives after about 20 s at demo speed',
    outcomeEs: 'Lenta: los datos llegan en unos 20 segundos',
    expect: 'success',
    webhooks: SLOW_WEBHOOK_TIMING,
  },
  VAPE800101HDFLRD03: {
    outcome: 'Link created but no webhook ever comes: ends in timeout',
    outcomeEs: 'El aviso de Belvo nunca llega: termina por tiempo de espera',
    expect: 'timeout',
    webhooks: 'never',
  },
};

/** Any other valid CURP: a success with a history derived from the CURP. */
export const derivedScenario: Scenario = {
  outcome: 'Success with data derived from the CURP',
  outcomeEs: 'Éxito con datos derivados de la CURP',
  expect: 'success',
  webhooks: DEFAULT_WEBHOOK_TIMING,
};

/** The scenario of a CURP (already normalised by checkCurp). */
export function scenarioFor(curp: string): Scenario {
  return Object.hasOwn(scriptedScenarios, curp) ? scriptedScenarios[curp]! : derivedScenario;
}

/** The scripted CURPs with their outcome in English and Spanish, for the README, the demo page and tests. */
export const sandboxScenarios: ReadonlyArray<{
  curp: string;
  outcome: string;
  outcomeEs: string;
  expect: 'success' | ImssErrorCode;
}> = Object.entries(scriptedScenarios).map(([curp, { outcome, outcomeEs, expect }]) => ({
  curp,
  outcome,
  outcomeEs,
  expect,
}));
