import type { Translation } from './translation.js';

const VISIT = 'Visit your IMSS Subdelegación with an official ID.';
const CHECK_CURP = 'Check it at gob.mx/curp and try again.';
const LATER = 'Try again in a few minutes.';

/** English. */
export const en: Translation = {
  label: 'CURP',
  hint: '18 letters and digits; it is on your INE card.',
  lookup: 'Look up your CURP at gob.mx',
  consent: 'I authorize checking my employment history with IMSS and accept the {privacy}.',
  privacy: 'privacy notice',
  consentRequired: 'Tick the box to continue.',
  submit: 'Get my employment history',
  invalid: {
    empty: 'Enter your CURP.',
    length: 'A CURP has 18 characters; check that it is complete.',
    format: 'A character is out of place: a CURP has 4 letters, 6 digits, 6 letters and 2 more characters.',
    date: 'The birth date in your CURP (characters 5 to 10) does not exist.',
    sex: 'Character 11 must be H, M or X.',
    state: 'Characters 12 and 13 are not a state code.',
    checksum: "The check digit (last character) doesn't match; check for a typo.",
  },
  steps: { connecting: 'Connecting to IMSS', retrieving: 'Getting your employment history' },
  stepDone: 'done',
  elapsed: 'Time elapsed:',
  longWait: 'IMSS is taking longer than usual; please keep this page open.',
  cancel: 'Cancel',
  cancelled: 'Check cancelled.',
  errors: {
    nss_not_found: ['IMSS found no Social Security Number for your CURP.', VISIT],
    nss_curp_mismatch: [
      'The Social Security Number IMSS has on file for you does not match your CURP.',
      VISIT,
    ],
    curp_not_in_renapo: ['Your CURP is not in RENAPO.', CHECK_CURP],
    curp_incorrect: ['IMSS says your CURP is incorrect.', CHECK_CURP],
    curp_length: ['IMSS did not accept the length of your CURP.', CHECK_CURP],
    imss_data_inconsistent: ['IMSS has inconsistent data in your record.', VISIT],
    no_nss: ['You have no Social Security Number yet.', 'Request one at imss.gob.mx or your Subdelegación.'],
    imss_visit_required: ['IMSS asks for a procedure at your Subdelegación.', VISIT],
    email_in_use: ['Your email is registered to another CURP.', VISIT],
    daily_limit: ["You have used today's checks for this CURP.", 'Please try again tomorrow.'],
    institution_unavailable: ['IMSS is not answering.', LATER],
    timeout: ['IMSS took too long to answer.', LATER],
    imss_rejected: [
      'IMSS refused the check without giving a clear reason.',
      'Check that your CURP is right; if it is, visit your IMSS Subdelegación with an official ID.',
    ],
    service_error: ['Something went wrong on our side.', LATER],
    service_busy: ['The service is receiving too many requests right now.', LATER],
    invalid_curp: ['The service did not accept your CURP.', 'Please check it.'],
    network: ['We could not connect.', 'Check your connection and try again.'],
  },
  retry: 'Try again',
  edit: 'Edit CURP',
  support: 'Support reference:',
  result: 'Your employment history',
  done: 'Done: we received your employment history.',
  noHistory: 'IMSS has no jobs on record for your CURP.',
  fields: {
    name: 'Name',
    nss: 'NSS',
    nssEnding: 'ending in',
    status: 'Status',
    weeks: 'Weeks contributed',
    employers: 'Current employment',
    salary: 'Daily salary',
    monthly: 'Estimated monthly income',
    reportDate: 'Report date',
  },
  statuses: { EMPLOYED: 'Formally employed', UNEMPLOYED: 'Not formally employed', RETIRED: 'Retired' },
};
