import type { ProgressStep } from '../../contract/proxy-api.js';
import type { EmploymentSummary, SummaryWarning } from '../../contract/summary.js';
import type { CurpInvalidReason } from '../../curp/check-curp.js';
import type { ConnectErrorCode } from '../events.js';

/**
 * Every text of `<imss-connect>` in one language. Override any part per language with the `messages` property, or
 * add a language with `registerTranslation`. `{name}` marks what the element puts in: a number, a date, or a link
 * (`{privacy}`, `{curp}`, `{office}`, whose texts are in `links`).
 */
export interface Translation {
  /** Label of the CURP input. */
  label: string;
  /** Under the label: what a CURP is and where to find it. */
  hint: string;
  /** Link to the CURP look-up at gob.mx. */
  lookup: string;
  /** Consent checkbox label; `{privacy}` becomes a link to `privacy-url` reading `links.privacy`. */
  consent: string;
  /** Shown when submitting without consent. */
  consentRequired: string;
  submit: string;
  /** Why a form with a `required` element cannot be sent yet. */
  required: string;
  /** Characters typed of the 18: `{n}`. */
  count: string;
  /**
   * Under a valid CURP, the birth date it encodes (`{date}`), for the person to catch a typo in its digits. (The
   * state of birth would cost the script-tag bundle its table of state names.)
   */
  decoded: string;
  /** Why the typed CURP is not valid, per checkCurp reason (the same reasons as parseCurp). */
  invalid: Record<CurpInvalidReason, string>;
  steps: Record<ProgressStep, string>;
  /** Visually hidden after a finished step, for screen readers (the current one is marked with aria-current). */
  stepDone: string;
  /** Label of the elapsed time. */
  elapsed: string;
  /** Under the steps: how long a retrieval usually takes (the long-wait note comes after that long). */
  expected: string;
  /** Shown and announced once a retrieval takes longer than `expected` says. */
  longWait: string;
  /** Instead of the steps while the partner's own server cannot be reached (the element keeps trying). */
  unreachable: string;
  cancel: string;
  /** Announced after cancelling. */
  cancelled: string;
  /**
   * Per error code: [what happened, what to do next]. For `invalid_curp` with a reason from the proxy, the second
   * part is the `invalid` text of that reason.
   */
  errors: Record<ConnectErrorCode, [string, string]>;
  /** The texts of the links in other texts. */
  links: { privacy: string; curp: string; office: string };
  /** The CURP's checks left today, when the proxy says: [none, one, `{n}`]. */
  attemptsLeft: [string, string, string];
  retry: string;
  /** Back to the CURP entry from an error. */
  edit: string;
  /** Label of the support reference (Belvo's request id, shortened). */
  support: string;
  /** The button that copies the support reference, and what is announced once it did. */
  copy: string;
  copied: string;
  /** Heading of the result card. */
  result: string;
  /** Announced on success; shown instead of the card with `hide-summary`. */
  done: string;
  /** Under the heading: where the history comes from; `{date}`, the report's. */
  verified: string;
  /** In the result card when IMSS has no job on record for the person. */
  noHistory: string;
  /** Instead of a current job: the end of the last one, `{date}`. */
  noJobSince: string;
  /** After a voluntary contribution's label: its start, `{date}`. */
  since: string;
  /** After the daily salary when it is at the legal cap (25 UMA); `warnings.salary_at_cap` explains it. */
  atCap: string;
  /** The summary's warnings, in plain words, under the figures (a code not listed here is not shown). */
  warnings: Record<SummaryWarning, string>;
  fields: {
    name: string;
    nss: string;
    /** Visually hidden before the last 4 digits of each masked NSS. */
    nssEnding: string;
    status: string;
    weeks: string;
    employers: string;
    /** The longest current employment's tenure. */
    tenure: string;
    salary: string;
    monthly: string;
    /**
     * Voluntary contributions (Modalidad 40): paid by the person to IMSS, not a job; also the name of such a record
     * in the list of jobs.
     */
    voluntary: string;
    /** Weeks withdrawn from the AFORE, and weeks paid back (shown when not zero). */
    redeemed: string;
    reinstated: string;
    /** Belvo's employment score (300–900), when the summary has one. */
    score: string;
  };
  /** The list of jobs and its timeline. */
  history: {
    title: string;
    /** The timeline, for screen readers: `{n}` jobs from `{from}` to `{to}` (years). */
    timeline: string;
    /** The end of an open job. */
    present: string;
    /** Marks a current job, and an open voluntary contribution. */
    current: string;
    ongoing: string;
    /** A job's last daily salary; a voluntary contribution's chosen base (no income). */
    salary: string;
    base: string;
    /** Shows the older jobs: `{n}`, all of them. */
    showAll: string;
  };
  statuses: Record<NonNullable<EmploymentSummary['status']>, string>;
}

/** Partial texts per language, as accepted by the `messages` property. Nested groups merge key by key. */
export type TranslationOverrides = {
  [K in keyof Translation]?: Translation[K] extends string ? string : Partial<Translation[K]>;
};

/** Overrides per language tag (`es-MX`, `en`, or any language registered with `registerTranslation`). */
export type Messages = Record<string, TranslationOverrides>;
