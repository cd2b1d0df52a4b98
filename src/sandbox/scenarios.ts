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
  /**
   * The first `tries` `POST /api/links/` for this CURP (counted like `unavailableOnFirstAttempt`) are answered 429
   * with a `Retry-After` of `retryAfterSeconds` (times `timeScale`, rounded up); every later one succeeds.
   */
  throttled?: { tries: number; retryAfterSeconds: number };
  /**
   * Set: Belvo accepts the link, then gives up on it: instead of the data, when the records would have come, a
   * `LINK` webhook with this `webhook_code` and `data` `{error_code: code, error_message: message, status: 400}`,
   * and the link turns `invalid`. A retrieval asked for later (`POST /api/employment-records/`) fails the same way.
   */
  linkError?: { webhookCode: string; code: string; message: string };
  /**
   * Set: the first retrieval's data is stored when its webhooks would come, but its `EMPLOYMENT_RECORDS` webhook
   * never reaches the partner (lost on the way): only asking Belvo for the records finds them.
   */
  recordsWebhookLost?: boolean;
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

/** Belvo's message for a login that failed for a reason the institution did not give. */
const BELVO_LOGIN_ERROR_MESSAGE =
  'Impossible to login, something unexpected happened while logging into the institution. Try again later.';

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
  MORG660315MDFRDD03: {
    outcome:
      'Voluntary contributions (Modalidad 40): every job ended about two years ago; an open record since, at 25 UMA, whose events are all VOLUNTARY_CONTRIBUTION',
    outcomeEs:
      'Continuación voluntaria (Modalidad 40): sin empleo desde hace unos dos años, cotiza por su cuenta a 25 UMA',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [4], currentJob: false, voluntaryContributions: true },
  },
  LOPA880214HNLPRL09: {
    outcome: 'Employed, with ABSENCE and SICK_LEAVE events in the current job',
    outcomeEs: 'Con empleo, con ausencias e incapacidades en el trabajo actual',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [3], currentJob: true, leaves: { absences: 2, sickLeaves: 2 } },
  },
  GUTE790910MJCTRL05: {
    outcome: 'Weeks redeemed (150, an AFORE withdrawal for unemployment) and partly reinstated (60)',
    outcomeEs: 'Semanas descontadas (150, por un retiro de la AFORE) y en parte reintegradas (60)',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [5], currentJob: true, weeks: { redeemed: 150, reinstated: 60 } },
  },
  VEMR751120HDFLRC08: {
    outcome: 'Current salary at the legal cap, 25 UMA (2,932.75 MXN a day in 2026), raised each February',
    outcomeEs: 'Salario actual en el tope legal de 25 UMA (2,932.75 MXN diarios en 2026)',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [4], currentJob: true, salaryAtCap: true },
  },
  CASD930607MGTSNN07: {
    outcome: "Employed, with Belvo's employment_scores (3, 6 and 12 months)",
    outcomeEs: 'Con empleo y con puntajes de empleo de Belvo (3, 6 y 12 meses)',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [2], currentJob: true, employmentScores: true },
  },
};

/**
 * Scripted CURPs for Belvo's less common answers, which a client must handle beyond the happy path: a 429 with
 * `Retry-After`, a `LINK` error webhook after the link was accepted, a job without the fields Belvo's description
 * lets it leave out. The sandbox plays them like every other scripted CURP; they are listed apart
 * (`sandboxVariationScenarios`) from `sandboxScenarios`, the list the demo page, the stories and the element's and
 * proxy's end-to-end tests go through.
 */
export const variationScenarios: Readonly<Record<string, Scenario>> = {
  NAVP910101HSLVRB05: {
    outcome:
      'Belvo answers 429 with Retry-After (2 s at demo speed) to the first two link requests, then succeeds',
    outcomeEs: 'Belvo responde 429 con Retry-After a las dos primeras solicitudes y después funciona',
    expect: 'success',
    throttled: { tries: 2, retryAfterSeconds: 2 },
    webhooks: DEFAULT_WEBHOOK_TIMING,
  },
  DIHR870420MCHZRS00: {
    outcome:
      'Link created, then a LINK error webhook (invalid_credentials, login_error) instead of the data: the link turns invalid',
    outcomeEs: 'Se crea el enlace y después llega un aviso LINK de error en lugar de los datos',
    expect: 'service_error',
    linkError: {
      webhookCode: 'invalid_credentials',
      code: 'login_error',
      message: BELVO_LOGIN_ERROR_MESSAGE,
    },
    webhooks: DEFAULT_WEBHOOK_TIMING,
  },
  REFJ820505HPLYLR08: {
    outcome:
      'A job without employer (and a null employer_id), and the oldest job without start_date, as the description allows',
    outcomeEs: 'Un empleo sin nombre de patrón y el más antiguo sin fecha de inicio',
    expect: 'success',
    webhooks: DEFAULT_WEBHOOK_TIMING,
    history: { jobsPerProfile: [3], currentJob: true, fieldsLeftOut: true },
  },
  TORB860303HDFHRT08: {
    outcome:
      'The records are stored as usual, but their EMPLOYMENT_RECORDS webhook never comes (the OWNERS one does)',
    outcomeEs: 'Los datos quedan guardados, pero el aviso EMPLOYMENT_RECORDS nunca llega',
    expect: 'success',
    recordsWebhookLost: true,
    webhooks: DEFAULT_WEBHOOK_TIMING,
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
  if (Object.hasOwn(scriptedScenarios, curp)) return scriptedScenarios[curp]!;
  if (Object.hasOwn(variationScenarios, curp)) return variationScenarios[curp]!;
  return derivedScenario;
}

export interface ScenarioListing {
  curp: string;
  outcome: string;
  outcomeEs: string;
  expect: 'success' | ImssErrorCode;
}

const listing = (scenarios: Readonly<Record<string, Scenario>>): readonly ScenarioListing[] =>
  Object.entries(scenarios).map(([curp, { outcome, outcomeEs, expect }]) => ({
    curp,
    outcome,
    outcomeEs,
    expect,
  }));

/** The scripted CURPs with their outcome in English and Spanish, for the README, the demo page and tests. */
export const sandboxScenarios: readonly ScenarioListing[] = listing(scriptedScenarios);

/** The scripted CURPs of Belvo's less common answers (see `variationScenarios`), listed the same way. */
export const sandboxVariationScenarios: readonly ScenarioListing[] = listing(variationScenarios);
