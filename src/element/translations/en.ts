import type { Translation } from './translation.js';

const OFFICE = 'Visit {office} with an official ID.';
const CHECK_CURP = 'Check it at {curp} and correct it if needed.';
const LATER = 'You can try again now or in a few minutes.';

/**
 * English. Not in the `<script src>` bundle: the package entry registers it; a script-tag page loads
 * `imss-connect.en.min.js` after `imss-connect.min.js`.
 */
export const en: Translation = {
  label: 'CURP',
  hint: '18 letters and digits; it is on your INE card.',
  lookup: 'Look up your CURP at gob.mx',
  consent: 'I authorize checking my employment history with IMSS and accept the {privacy}.',
  consentRequired: 'Tick the box to continue.',
  submit: 'Get my employment history',
  required: 'Get your employment history to continue.',
  count: '{n} of 18',
  decoded: 'Date of birth: {date}',
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
  expected: 'This usually takes less than 30 seconds.',
  longWait: 'IMSS is taking longer than usual; please keep this page open.',
  unreachable: 'We cannot reach the service right now; we keep trying.',
  cancel: 'Cancel',
  cancelled: 'Check cancelled.',
  errors: {
    nss_not_found: ['IMSS found no Social Security Number for your CURP.', OFFICE],
    nss_curp_mismatch: [
      'The Social Security Number IMSS has on file for you does not match your CURP.',
      OFFICE,
    ],
    curp_not_in_renapo: ['Your CURP is not in RENAPO.', CHECK_CURP],
    curp_incorrect: ['IMSS says your CURP is incorrect.', CHECK_CURP],
    curp_length: ['IMSS did not accept the length of your CURP.', CHECK_CURP],
    imss_data_inconsistent: ['IMSS has inconsistent data in your record.', OFFICE],
    no_nss: ['You have no Social Security Number yet.', 'Request one at imss.gob.mx or at {office}.'],
    imss_visit_required: ['IMSS asks you to complete a procedure in person.', OFFICE],
    email_in_use: ['Your email is registered to another CURP.', OFFICE],
    daily_limit: ["You have used today's checks for this CURP.", 'Please try again tomorrow.'],
    institution_unavailable: ['IMSS is not answering.', LATER],
    timeout: ['IMSS took too long to answer.', LATER],
    imss_rejected: [
      'IMSS refused the check without giving a clear reason.',
      'Check that your CURP is right; if it is, visit {office} with an official ID.',
    ],
    service_error: ['Something went wrong on our side.', LATER],
    service_busy: ['The service is receiving too many requests right now.', LATER],
    invalid_curp: ['The service did not accept your CURP.', 'Please check it.'],
    network: ['We could not connect.', 'Check your internet connection and try again.'],
    configuration: ['This service is not available on this page right now.', 'Please come back later.'],
  },
  links: { privacy: 'privacy notice', curp: 'gob.mx/curp', office: 'your IMSS Subdelegación' },
  attemptsLeft: [
    'No checks are left today for this CURP.',
    'You have 1 check left today.',
    'You have {n} checks left today.',
  ],
  retry: 'Try again',
  edit: 'Edit CURP',
  support: 'Support reference:',
  copy: 'Copy reference',
  copied: 'Reference copied.',
  result: 'Your employment history',
  done: 'Done: we received your employment history.',
  verified: 'Verified with IMSS · {date}',
  noHistory: 'IMSS has no jobs on record for your CURP.',
  noJobSince: 'Not formally employed since {date}',
  fields: {
    name: 'Name',
    nss: 'NSS',
    nssEnding: 'ending in',
    status: 'Status',
    weeks: 'Weeks contributed',
    employers: 'Current employment',
    salary: 'Daily salary',
    monthly: 'Estimated monthly income',
  },
  history: {
    title: 'Jobs',
    timeline: '{n} jobs from {from} to {to}',
    present: 'present',
    current: 'Current',
    salary: 'Last daily salary',
    showAll: 'Show all ({n})',
  },
  statuses: { EMPLOYED: 'Formally employed', UNEMPLOYED: 'Not formally employed', RETIRED: 'Retired' },
};
