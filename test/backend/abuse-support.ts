// Shared by the abuse tests: valid CURPs made to order, an `authorize` that reads the applicant from a header (as
// a partner's gateway or session middleware would), a memory probe, and the check that no log line carries any of
// the personal data a test used.
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { Authorize } from '../../src/proxy/applicants.js';
import type { ProxyLogEntry } from '../../src/proxy/index.js';
import { curpCheckDigit } from '../../src/curp/check-digit.js';

/** The `n`-th of 13 440 distinct valid CURPs (birth dates 1960–1999, men born in CDMX). */
export function validCurp(n: number): string {
  const day = (n % 28) + 1;
  const month = (Math.floor(n / 28) % 12) + 1;
  const year = 60 + (Math.floor(n / (28 * 12)) % 40);
  const two = (value: number) => String(value).padStart(2, '0');
  const first17 = `GALM${two(year)}${two(month)}${two(day)}HDFRPR0`;
  return first17 + curpCheckDigit(first17);
}

export const APPLICANT_HEADER = 'x-test-applicant';

/**
 * The applicant named by APPLICANT_HEADER (401 without it), refused (403) a CURP its KYC record does not list,
 * when `kyc` has an entry for it.
 */
export function headerAuthorize(kyc: Record<string, readonly string[]> = {}): Authorize {
  return (request, { curp }) => {
    const applicant = request.headers.get(APPLICANT_HEADER);
    if (!applicant) return { refuse: 'unauthenticated' };
    const known = kyc[applicant];
    if (curp !== undefined && known && !known.includes(curp)) return { refuse: 'forbidden' };
    return applicant;
  };
}

export const as = (applicant: string) => ({ [APPLICANT_HEADER]: applicant });

/** Asserts that no log line holds any of `secrets` (CURPs, applicant ids, addresses), nor a CURP-shaped string. */
export function assertNoPersonalData(logs: readonly ProxyLogEntry[], secrets: readonly string[]): void {
  assert.ok(logs.length > 0, 'the run logged something');
  for (const entry of logs) {
    const line = JSON.stringify(entry);
    for (const secret of secrets)
      assert.ok(!line.includes(secret), `a log line holds personal data: ${line}`);
    assert.doesNotMatch(line, /[A-Z]{4}\d{6}[HM][A-Z]{5}[0-9A-Z]\d/, `a CURP-shaped string in ${line}`);
  }
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after a full collection, in bytes. */
export async function heapUsed(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
