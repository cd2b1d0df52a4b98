import type { ProgressStep } from '../../contract/proxy-api.js';
import type { EmploymentSummary } from '../../contract/summary.js';
import type { CurpInvalidReason } from '../../curp/check-curp.js';
import type { ConnectErrorCode } from '../events.js';
import type { Locale } from '../locale.js';

/** Every text of `<imss-connect>` in one language. Override any part per language with the `messages` property. */
export interface Translation {
  /** Label of the CURP input. */
  label: string;
  /** Under the label: what a CURP is and where to find it. */
  hint: string;
  /** Link to the CURP look-up at gob.mx. */
  lookup: string;
  /** Consent checkbox label; `{privacy}` becomes a link to `privacy-url` reading `privacy`. */
  consent: string;
  privacy: string;
  /** Shown when submitting without consent. */
  consentRequired: string;
  submit: string;
  /** Why the typed CURP is not valid, per checkCurp reason (the same reasons as parseCurp). */
  invalid: Record<CurpInvalidReason, string>;
  steps: Record<ProgressStep, string>;
  /** Visually hidden after a finished step, for screen readers (the current one is marked with aria-current). */
  stepDone: string;
  /** Label of the elapsed time. */
  elapsed: string;
  /** Shown and announced after 20 s. */
  longWait: string;
  cancel: string;
  /** Announced after cancelling. */
  cancelled: string;
  /**
   * Per error code: [what happened, what to do next]. For `invalid_curp` with a reason from the proxy, the second
   * part is the `invalid` text of that reason.
   */
  errors: Record<ConnectErrorCode, [string, string]>;
  retry: string;
  /** Back to the CURP entry from an error. */
  edit: string;
  /** Label of Belvo's request id. */
  support: string;
  /** Heading of the result card. */
  result: string;
  /** Announced on success; shown instead of the card with `hide-summary`. */
  done: string;
  /** In the result card when IMSS has no job on record for the person. */
  noHistory: string;
  fields: {
    name: string;
    nss: string;
    /** Visually hidden before the last 4 digits of the masked NSS. */
    nssEnding: string;
    status: string;
    weeks: string;
    employers: string;
    salary: string;
    monthly: string;
    reportDate: string;
  };
  statuses: Record<NonNullable<EmploymentSummary['status']>, string>;
}

/** Partial texts per language, as accepted by the `messages` property. Nested groups merge key by key. */
export type TranslationOverrides = {
  [K in keyof Translation]?: Translation[K] extends string ? string : Partial<Translation[K]>;
};

export type Messages = Partial<Record<Locale, TranslationOverrides>>;
