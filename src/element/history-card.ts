import { html, nothing, svg, type TemplateResult } from 'lit';
import type { EmploymentSummary, Job, SummaryWarning } from '../contract/summary.js';
import { maskNss, type Formats } from './format.js';
import { fill } from './text.js';
import type { Translation } from './translations/translation.js';

/** Jobs listed before "show all". */
const SHOWN_JOBS = 3;

const time = Date.parse;

/**
 * The result card: headline figures (current employment and its tenure, the monthly estimate, weeks contributed),
 * the person's details (every NSS masked; voluntary contributions, weeks redeemed and reinstated, the employment
 * score when there are any), the summary's warnings in words, a timeline of every job and the list of them, most
 * recent first, the older ones behind "show all" (which then goes: focus moves to the first job it shows). A
 * voluntary contribution (Modalidad 40) is named as such, never as a job or as current employment. Tenures are the
 * summary's own.
 */
export function historyCard(
  t: Translation,
  f: Formats,
  summary: EmploymentSummary,
  expanded: boolean,
  expand: () => void,
): TemplateResult {
  const { fields, history } = t;
  /** The last day a job covers on the timeline: its end, or for an open one the report's date (else today). */
  const lastDay = (job: Job) => job.endDate ?? summary.reportDate ?? new Date().toISOString();
  /** Months in words; nothing when the summary could not count them. */
  const tenure = (months: number | null) => (months === null ? '' : f.tenure(months));
  const voluntary = (job: Job) => job.kind === 'voluntary_contribution';
  const jobs = summary.jobs; // most recent start first, as the summary promises
  const lastEnd = jobs.find((job) => job.endDate && !voluntary(job))?.endDate;
  const figure = (value: unknown) => value !== null && f.count(value as number);
  // [label, value, headline?]: a row without a value (nor an empty list) is left out.
  const rows = (
    [
      [
        fields.employers,
        summary.currentJobs.length
          ? html`<ul>
              ${summary.currentJobs.map((job) => html`<li>${job.employer}</li>`)}
            </ul>`
          : lastEnd && fill(t.noJobSince, { date: f.date(lastEnd) }),
        true,
      ],
      [fields.tenure, tenure(summary.currentTenureMonths), true],
      [
        fields.monthly,
        summary.monthlyIncomeEstimate !== null && f.money(summary.monthlyIncomeEstimate),
        true,
      ],
      [fields.weeks, figure(summary.weeksContributed), true],
      [
        fields.voluntary,
        summary.voluntaryContributions
          .map((job) => fill(t.since, { date: f.date(job.startDate) }))
          .join(' · '),
      ],
      [fields.name, summary.fullName],
      [
        fields.nss,
        summary.nssList.map((nss, i) => {
          const [hidden, shown] = maskNss(nss);
          return html`${i ? ', ' : ''}<span class="nss"
              ><span aria-hidden="true">${hidden}</span
              ><span class="sr-only"> ${fields.nssEnding} </span>${shown}</span
            >`;
        }),
      ],
      [fields.status, summary.status && t.statuses[summary.status]],
      [
        fields.salary,
        summary.dailySalary !== null &&
          f.money(summary.dailySalary) + (summary.salaryAtCap ? ` · ${t.atCap}` : ''),
      ],
      // Zero weeks redeemed or reinstated is the common case, and says nothing.
      [fields.redeemed, summary.weeksRedeemed && figure(summary.weeksRedeemed)],
      [fields.reinstated, summary.weeksReinstated && figure(summary.weeksReinstated)],
      [fields.score, summary.employmentScore && figure(summary.employmentScore.score)],
    ] as [string, unknown, boolean?][]
  ).filter(([, value]) => value && (value as unknown[]).length !== 0);
  // Codes this element has no words for (from a newer proxy) are left out; own keys only, so that no code reads
  // an Object.prototype member.
  const warnings = summary.warnings.filter((code) => Object.hasOwn(t.warnings, code));

  // The timeline: each job on the first lane where it starts after the lane's last job ended, oldest first, so
  // that jobs at the same time (two employers, two profiles) get lanes of their own and a gap shows as bare lane.
  // Inline SVG (attributes, not inline styles: it works under a strict CSP); x runs from 0 to 1000.
  const lanes: Job[][] = [];
  for (const job of [...jobs].reverse()) {
    const lane = lanes.find((lane) => time(lastDay(lane.at(-1)!)) <= time(job.startDate));
    if (lane) lane.push(job);
    else lanes.push([job]);
  }
  const from = Math.min(...jobs.map((job) => time(job.startDate)));
  const to = Math.max(...jobs.map((job) => time(lastDay(job))));
  const x = (date: string) => ((time(date) - from) / Math.max(to - from, 1)) * 1000;
  const [first, last] = [from, to].map((ms) => new Date(ms).getUTCFullYear());

  return html`<section class="panel" part="result" aria-labelledby="result">
    <h2 id="result" tabindex="-1">${t.result}</h2>
    ${
      summary.reportDate
        ? html`<p class="verified">${fill(t.verified, { date: f.date(summary.reportDate) })}</p>`
        : nothing
    }
    ${
      rows.length
        ? html`<dl>
            ${rows.map(
              ([label, value, headline]) =>
                html`<div class=${headline ? 'figure' : ''}>
                  <dt>${label}</dt>
                  <dd>${value}</dd>
                </div>`,
            )}
          </dl>`
        : nothing
    }
    ${
      warnings.length
        ? html`<ul class="notes">
            ${warnings.map((code) => html`<li>${t.warnings[code as SummaryWarning]}</li>`)}
          </ul>`
        : nothing
    }
    ${
      jobs.length
        ? html`<h3>${history.title}</h3>
            <div
              part="timeline"
              role="img"
              aria-label=${fill(history.timeline, {
                n: jobs.filter((job) => !voluntary(job)).length,
                from: first,
                to: last,
              })}
            >
              <svg
                viewBox="0 0 1000 ${lanes.length * 16}"
                height=${lanes.length * 16}
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                ${lanes.map(
                  (lane, row) =>
                    svg`<rect class="lane" y=${row * 16} width="1000" height="12"></rect>${lane.map(
                      (job) =>
                        svg`<rect class=${voluntary(job) ? 'voluntary' : job.endDate ? 'bar' : 'current'} x=${x(job.startDate)} y=${row * 16}
                          width=${Math.max(x(lastDay(job)) - x(job.startDate), 8)} height="12"></rect>`,
                    )}`,
                )}
              </svg>
              <div class="axis" aria-hidden="true"><span>${first}</span><span>${last}</span></div>
            </div>
            <ol class="jobs" id="jobs">
              ${(expanded ? jobs : jobs.slice(0, SHOWN_JOBS)).map(
                (job) =>
                  html`<li tabindex="-1">
                    <strong>${voluntary(job) ? fields.voluntary : job.employer}</strong>
                    ${
                      job.endDate
                        ? nothing
                        : html`<span class="badge"
                            >${voluntary(job) ? history.ongoing : history.current}</span
                          >`
                    }
                    <span class="small"
                      >${[
                        `${f.date(job.startDate)} – ${job.endDate ? f.date(job.endDate) : history.present}`,
                        tenure(job.tenureMonths),
                      ]
                        .filter(Boolean)
                        .join(' · ')}</span
                    >
                    <span class="small"
                      >${[
                        job.dailySalary !== null &&
                          `${voluntary(job) ? history.base : history.salary}: ${f.money(job.dailySalary, job.currency)}`,
                        job.state,
                      ]
                        .filter(Boolean)
                        .join(' · ')}</span
                    >
                  </li>`,
              )}
            </ol>
            ${
              jobs.length > SHOWN_JOBS && !expanded
                ? html`<button part="button more" type="button" aria-controls="jobs" @click=${expand}>
                    ${fill(history.showAll, { n: jobs.length })}
                  </button>`
                : nothing
            }`
        : html`<p>${t.noHistory}</p>`
    }
  </section>`;
}
