// A scripted stand-in for the partner's proxy, passed to the element as its `fetch`: answers each request from a
// script and records every request, so tests see exactly what the element sent.
//
// Only for failures of the network path, which the product cannot produce on purpose: the fetch rejecting (the proxy
// unreachable), the proxy (or a gateway in front of it) answering 5xx or a body that is not the contract's, and the
// proxy not answering at all. Everything the real proxy and the Belvo sandbox can produce is tested against them
// (see test/support/backend-middleware.ts); do not script it here.
import type { EmploymentSummary } from '../../src/contract/summary.js';
import { networkFailure, noAnswer } from '../support/interceptors.js';
import { recordingFetch } from './harness.js';

/** One answer: a status and JSON body, raw text, a thrown network failure, or no answer at all. */
export type Answer = { status: number; body?: unknown; text?: string } | 'reject' | 'hang';

export interface Script {
  /** Answers to POST /links, in order; the last one repeats. */
  create?: Answer[];
  /** Answers to GET /links/{session}, in order; the last one repeats. */
  polls?: Answer[];
}

export const summary: EmploymentSummary = {
  curp: 'GALM900514MDFRPR04',
  nss: '12345673582',
  nssList: ['12345673582'],
  fullName: 'María García López',
  birthDate: '1990-05-14',
  status: 'EMPLOYED',
  weeksContributed: 1234,
  weeksRedeemed: 0,
  weeksReinstated: 0,
  jobs: [],
  currentJobs: [
    {
      employer: 'Comercializadora del Bajío SA de CV',
      employerId: 'E1',
      state: 'Jalisco',
      startDate: '2020-01-15',
      endDate: null,
      weeksEmployed: 200,
      dailySalary: 512.35,
      currency: 'MXN',
      kind: 'employment',
      tenureMonths: 52,
      salaryHistory: [{ date: '2020-01-15', dailySalary: 512.35, event: 'HIRED' }],
    },
  ],
  voluntaryContributions: [],
  currentTenureMonths: 52,
  dailySalary: 512.35,
  monthlyIncomeEstimate: 15575.44,
  salaryAtCap: false,
  employmentScore: null,
  warnings: [],
  reportDate: '2024-05-31',
};

export const pending = (step: 'connecting' | 'retrieving'): Answer => ({
  status: 200,
  body: { status: 'pending', step },
});
export const ready = (body: EmploymentSummary = summary): Answer => ({
  status: 200,
  body: { status: 'ready', summary: body },
});

/** The scripted proxy, recorded as the real one is (`sent` notes `aborted` for a 'hang' that timed out). */
export function fakeProxy(script: Script = {}) {
  const create = [...(script.create ?? [{ status: 202, body: { session: 'sess-1', status: 'pending' } }])];
  const polls = [...(script.polls ?? [pending('retrieving'), ready()])];
  const next = (answers: Answer[]) => (answers.length > 1 ? answers.shift()! : answers[0]!);

  const scripted = async (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    if (method === 'DELETE') return new Response(null, { status: 204 });
    const answer = next(method === 'POST' ? create : polls);
    if (answer === 'reject') return networkFailure();
    if (answer === 'hang') return noAnswer(init.signal);
    await Promise.resolve();
    const body = answer.text ?? (answer.body === undefined ? null : JSON.stringify(answer.body));
    return new Response(body, { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return recordingFetch(scripted);
}
