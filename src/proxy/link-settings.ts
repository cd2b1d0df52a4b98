import { IMSS_FETCH_RESOURCES, IMSS_INSTITUTION, type BelvoCreateLinkRequest } from '../contract/belvo.js';

/**
 * What every link the proxy creates at Belvo asks for, apart from the person's CURP and the partner's reference:
 * the institution, and how little Belvo keeps. Checked once, when the proxy is created, so that a wrong option fails
 * at start rather than as a `service_error` for every person.
 */
export interface LinkSettingsOptions {
  /** Belvo's name of the institution; default `imss_mx_employment`. */
  institution?: string | undefined;
  /** `nostore` (default), `store`, or a number of days such as `30d`. */
  credentialsStorage?: string | undefined;
  /** `1d`–`365d`; default `7d`. */
  staleIn?: string | undefined;
}

export type LinkSettings = Omit<BelvoCreateLinkRequest, 'username' | 'external_id'>;

export const DEFAULT_CREDENTIALS_STORAGE = 'nostore';
export const DEFAULT_STALE_IN = '7d';

/** Belvo's periods: a number of days, at most a year. */
const DAYS = /^([1-9]\d{0,2})d$/;
const MAX_DAYS = 365;
/** Belvo's institution names: `imss_mx_employment`, `planet_mx_employment`, `issste_mx_employment`… */
const INSTITUTION = /^[a-z0-9_]{1,64}$/;

export function linkSettings(options: LinkSettingsOptions): LinkSettings {
  const institution = options.institution ?? IMSS_INSTITUTION;
  const credentialsStorage = options.credentialsStorage ?? DEFAULT_CREDENTIALS_STORAGE;
  const staleIn = options.staleIn ?? DEFAULT_STALE_IN;
  if (!INSTITUTION.test(institution)) {
    throw new Error(
      `createImssProxy: institution must be a Belvo institution name such as ${IMSS_INSTITUTION} (lower-case letters, digits and _).`,
    );
  }
  if (credentialsStorage !== 'store' && credentialsStorage !== 'nostore' && !isDays(credentialsStorage)) {
    throw new Error(
      'createImssProxy: credentialsStorage must be "nostore", "store" or a number of days from "1d" to "365d".',
    );
  }
  if (!isDays(staleIn)) {
    throw new Error('createImssProxy: staleIn must be a number of days from "1d" to "365d", such as "7d".');
  }
  return {
    institution,
    // Single: one retrieval, never refreshed by Belvo on its own.
    access_mode: 'single',
    fetch_resources: [...IMSS_FETCH_RESOURCES],
    credentials_storage: credentialsStorage,
    stale_in: staleIn,
  };
}

function isDays(value: string): boolean {
  const days = DAYS.exec(value);
  return days !== null && Number(days[1]) <= MAX_DAYS;
}
