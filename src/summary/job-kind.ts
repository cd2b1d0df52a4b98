import type { BelvoEmploymentRecordJob, JobKind } from '../contract/index.js';

/**
 * Employer names under which IMSS lists a person's voluntary continuation in the mandatory regime (Modalidad 40:
 * the person pays their own contributions after a job ended, often at the maximum base, to raise a pension). How
 * Belvo shows these records is not confirmed: this list and `jobKindOf` are the one place that decides. Written
 * folded (upper case, no accents, single spaces), as `foldName` makes the employer.
 */
const VOLUNTARY_CONTINUATION_EMPLOYERS = ['CONTINUACION VOLUNTARIA', 'MODALIDAD 40'];

/** The event IMSS records for a voluntary contribution. */
const VOLUNTARY_CONTRIBUTION_EVENT = 'VOLUNTARY_CONTRIBUTION';

/**
 * Whether a record is a paid job or a voluntary contribution (no income: the person pays IMSS, nobody pays them).
 * A voluntary contribution is a record whose employer is IMSS's voluntary continuation, or an open record whose
 * latest event (`latestEvent`: the event of its latest dated update, the last listed among those of one date) is
 * `VOLUNTARY_CONTRIBUTION` (an ended one that was once voluntary tells nothing of today).
 */
export function jobKindOf(record: BelvoEmploymentRecordJob, latestEvent: string | null): JobKind {
  const employer = foldName(record.employer);
  if (VOLUNTARY_CONTINUATION_EMPLOYERS.some((name) => employer.includes(name)))
    return 'voluntary_contribution';
  if (record.end_date === null && latestEvent?.trim().toUpperCase() === VOLUNTARY_CONTRIBUTION_EVENT) {
    return 'voluntary_contribution';
  }
  return 'employment';
}

/** Upper case, accents removed, every run of white space one space: "Continuación  voluntaria" → "CONTINUACION VOLUNTARIA". */
function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/gu, ' ').trim().toUpperCase();
}
