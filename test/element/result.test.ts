// What the person sees, and the host page receives, when the history arrives: the result card for what the sandbox
// produced (read back from the imss-success event), in Spanish and English, and the variants of the card.
import { expect } from '@open-wc/testing';
import type { EmploymentSummary } from '../../src/contract/summary.js';
import type { ImssConnect } from '../../src/element/imss-connect.js';
import { TEST_CURPS } from '../support/test-backend.js';
import {
  belvoLinkRequests,
  failOnConsoleErrors,
  focused,
  freshKey,
  resultFields,
  resultText,
  start,
  statusText,
  waitForResult,
} from './harness.js';

failOnConsoleErrors();

const MONTHS = {
  es: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
  en: 'January February March April May June July August September October November December'.split(' '),
};

// Expected texts, written out here rather than with Intl, so that the test does not repeat the element's code.
const grouped = (n: number, decimals = 0) => n.toFixed(decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pesos = (n: number, lang: 'es' | 'en') => `${lang === 'es' ? '$' : 'MX$'}${grouped(n, 2)}`;
function longDate(iso: string, lang: 'es' | 'en'): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const name = MONTHS[lang][month - 1];
  return lang === 'es' ? `${day} de ${name} de ${year}` : `${name} ${day}, ${year}`;
}

/** Whole months as the card words them: `3 años y 4 meses`, `8 meses`, `1 año`. */
function tenure(months: number, lang: 'es' | 'en' = 'es'): string {
  const [years, rest] = [Math.floor(months / 12), months % 12];
  const words =
    lang === 'es' ? ['año', 'años', 'mes', 'meses', ' y '] : ['year', 'years', 'month', 'months', ', '];
  const parts = [];
  if (years) parts.push(`${years} ${years === 1 ? words[0] : words[1]}`);
  if (rest || !years) parts.push(`${rest} ${rest === 1 ? words[2] : words[3]}`);
  return lang === 'en' && parts.length === 2 ? parts.join(' and ') : parts.join(words[4]);
}

const masked = (nss: string) => `${'•'.repeat(nss.length - 4)} termina en ${nss.slice(-4)}`;

/** Passes every request to the real backend, and adds `warnings` to the summary it answers with. */
const addingWarnings =
  (warnings: string[]): typeof fetch =>
  async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.json()) as { summary?: { warnings: string[] } };
    if (body.summary) body.summary.warnings.push(...warnings);
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };

async function success(curp: string, options: Parameters<typeof start>[1] = {}) {
  const { el, events } = await start(curp, options);
  const { detail } = await events.first('imss-success');
  await waitForResult(el);
  return { el, events, detail, summary: detail.summary as EmploymentSummary };
}

const hasNoHistoryNote = (el: ImssConnect) => resultText(el).includes('no tiene empleos registrados');

describe('<imss-connect> result', () => {
  it('shows the summary the sandbox produced, fires imss-success and moves focus to the heading', async () => {
    const { el, detail, summary } = await success('GALM900514MDFRPR04');
    expect(detail.session).to.be.a('string').and.not.equal('');
    expect(summary.curp).to.equal('GALM900514MDFRPR04');
    expect(summary.currentJobs).to.have.length(1);
    const heading = el.shadowRoot!.querySelector('h2')!;
    expect(heading.textContent).to.equal('Tu historial laboral');
    expect(focused(el)).to.equal(heading);
    const job = summary.currentJobs[0]!;
    // The tenure is the summary's; rows that do not apply (voluntary contributions, weeks redeemed or reinstated,
    // an employment score) are left out.
    expect(resultFields(el)).to.deep.equal({
      'Empleo actual': job.employer,
      Antigüedad: tenure(summary.currentTenureMonths!),
      'Ingreso mensual estimado': pesos(summary.monthlyIncomeEstimate!, 'es'),
      'Semanas cotizadas': grouped(summary.weeksContributed!),
      Nombre: summary.fullName,
      NSS: masked(summary.nss!),
      Situación: 'Con empleo formal',
      'Salario diario': pesos(summary.dailySalary!, 'es'),
    });
    const figures = [...el.shadowRoot!.querySelectorAll('dl > .figure dt')].map((dt) => dt.textContent);
    expect(figures).to.deep.equal([
      'Empleo actual',
      'Antigüedad',
      'Ingreso mensual estimado',
      'Semanas cotizadas',
    ]);
    expect(el.shadowRoot!.querySelector('.notes')).to.equal(null);
    expect(resultText(el)).to.contain(`Verificado con el IMSS · ${longDate(summary.reportDate!, 'es')}`);
    // The NSS is read out as "termina en 1234": the dots are hidden from assistive technology.
    expect(el.shadowRoot!.querySelector('dd [aria-hidden=true]')?.textContent).to.match(/^•+$/);
    expect(hasNoHistoryNote(el)).to.equal(false);
    expect(statusText(el)).to.equal('Listo: recibimos tu historial laboral.');
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('formats the card for English', async () => {
    const { el, summary } = await success('GALM900514MDFRPR04', { lang: 'en' });
    const fields = resultFields(el);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Your employment history');
    expect(fields['Daily salary']).to.equal(pesos(summary.dailySalary!, 'en'));
    expect(resultText(el)).to.contain(`Verified with IMSS · ${longDate(summary.reportDate!, 'en')}`);
    expect(fields.Status).to.equal('Formally employed');
    expect(fields.NSS).to.contain(`ending in ${summary.nss!.slice(-4)}`);
    expect(statusText(el)).to.equal('Done: we received your employment history.');
    await expect(el).to.be.accessible();
  });

  it('lists every current employer and every NSS of two IMSS profiles, with the longest tenure', async () => {
    const { el, summary } = await success('SAMC920320MVZNRR04');
    expect(summary.jobs).to.have.length(4);
    expect(summary.currentJobs).to.have.length(2);
    expect(summary.nssList).to.have.length(2);
    const employers = [...el.shadowRoot!.querySelectorAll('dd li')].map((li) => li.textContent);
    expect(employers).to.deep.equal(summary.currentJobs.map((job) => job.employer));
    const fields = resultFields(el);
    expect(fields.NSS).to.equal(summary.nssList.map(masked).join(', '));
    expect(fields['Antigüedad']).to.equal(
      tenure(Math.max(...summary.currentJobs.map((job) => job.tenureMonths!))),
    );
    // Each job's own tenure, the summary's, in the list.
    const items = [...el.shadowRoot!.querySelectorAll('.jobs li')].map((li) => li.textContent!);
    const latest = [...summary.jobs].sort((a, b) => b.startDate.localeCompare(a.startDate))[0]!;
    expect(items[0]).to.contain(tenure(latest.tenureMonths!));
    await expect(el).to.be.accessible();
  });

  it('names voluntary contributions (Modalidad 40) as such: not a job, not current employment, no income', async () => {
    const { el, summary } = await success('MORG660315MDFRDD03');
    const [contribution] = summary.voluntaryContributions;
    expect(contribution, 'a voluntary contribution').to.not.equal(undefined);
    expect(summary.currentJobs).to.have.length(0);
    const lastEnd = summary.jobs
      .filter((job) => job.kind === 'employment')
      .map((job) => job.endDate!)
      .sort()
      .at(-1)!;
    const fields = resultFields(el);
    expect(fields['Empleo actual']).to.equal(`Sin empleo formal desde el ${longDate(lastEnd, 'es')}`);
    expect(fields['Aportación voluntaria (Modalidad 40)']).to.equal(
      `desde el ${longDate(contribution!.startDate, 'es')}`,
    );
    expect(fields).to.not.have.keys('Antigüedad', 'Ingreso mensual estimado', 'Salario diario');
    const root = el.shadowRoot!;
    const first = root.querySelector('.jobs li')!;
    expect(first.querySelector('strong')!.textContent).to.equal('Aportación voluntaria (Modalidad 40)');
    expect(first.querySelector('.badge')!.textContent).to.equal('Vigente');
    expect(first.textContent).to.contain(`Base de cotización: ${pesos(contribution!.dailySalary!, 'es')}`);
    expect(first.textContent).to.not.contain('Último salario');
    expect(resultText(el)).to.not.contain(contribution!.employer);
    expect(root.querySelectorAll('svg .voluntary')).to.have.length(1);
    expect(root.querySelectorAll('svg .current')).to.have.length(0);
    const employments = summary.jobs.length - 1;
    expect(root.querySelector('[part~=timeline]')!.getAttribute('aria-label')).to.match(
      new RegExp(`^${employments} empleos de`),
    );
    await expect(el).to.be.accessible();
  });

  it('names voluntary contributions in English too', async () => {
    const { el } = await success('MORG660315MDFRDD03', { lang: 'en' });
    expect(resultFields(el)['Voluntary contributions (Modalidad 40)']).to.match(/^since \w+ \d+, \d{4}$/);
    expect(el.shadowRoot!.querySelector('.jobs .badge')!.textContent).to.equal('Ongoing');
    await expect(el).to.be.accessible();
  });

  it('says when the salary is at the contribution cap, and what that means', async () => {
    const { el, summary } = await success('VEMR751120HDFLRC08');
    expect(summary.salaryAtCap).to.equal(true);
    expect(resultFields(el)['Salario diario']).to.equal(
      `${pesos(summary.dailySalary!, 'es')} · al tope de cotización`,
    );
    const notes = [...el.shadowRoot!.querySelectorAll('.notes li')].map((li) => li.textContent);
    expect(notes).to.deep.equal(['Tu salario está al tope del IMSS (25 UMA): el real puede ser mayor.']);
    await expect(el).to.be.accessible();
  });

  it('in English too', async () => {
    const { el, summary } = await success('VEMR751120HDFLRC08', { lang: 'en' });
    expect(resultFields(el)['Daily salary']).to.equal(
      `${pesos(summary.dailySalary!, 'en')} · at the contribution cap`,
    );
    expect(el.shadowRoot!.querySelector('.notes li')!.textContent).to.contain('IMSS cap (25 UMA)');
    await expect(el).to.be.accessible();
  });

  it('shows weeks redeemed and reinstated when there are any', async () => {
    const { el, summary } = await success('GUTE790910MJCTRL05');
    expect(summary.weeksRedeemed).to.be.above(0);
    const fields = resultFields(el);
    expect(fields['Semanas descontadas']).to.equal(grouped(summary.weeksRedeemed!));
    expect(fields['Semanas reintegradas']).to.equal(grouped(summary.weeksReinstated!));
    await expect(el).to.be.accessible();
  });

  it('shows the employment score when the summary has one', async () => {
    const { el, summary } = await success('CASD930607MGTSNN07');
    expect(resultFields(el)['Puntaje de empleo (300 a 900)']).to.equal(
      grouped(summary.employmentScore!.score),
    );
    await expect(el).to.be.accessible();
  });

  it('words the warnings it knows, and leaves out codes it does not (from a newer proxy)', async () => {
    const { el } = await success('GALM900514MDFRPR04', {
      fetch: addingWarnings(['a_newer_code', 'skipped_records', 'constructor', 'current_salary_missing']),
    });
    const notes = [...el.shadowRoot!.querySelectorAll('.notes li')].map((li) => li.textContent);
    expect(notes).to.deep.equal([
      'Algunos registros del IMSS no se pudieron leer.',
      'Un empleo actual no reporta salario; no cuenta en el ingreso.',
    ]);
    await expect(el).to.be.accessible();
  });

  it('leaves out what does not apply to a person without a current job', async () => {
    const { el, summary } = await success('PEMA780715HPLRRN03');
    expect(summary.currentJobs).to.have.length(0);
    expect(Object.keys(resultFields(el))).to.deep.equal([
      'Empleo actual',
      'Semanas cotizadas',
      'Nombre',
      'NSS',
      'Situación',
    ]);
    expect(resultFields(el)['Situación']).to.equal('Sin empleo formal');
    // Instead of a current job: when the last one ended.
    const lastEnd = summary.jobs
      .map((job) => job.endDate!)
      .sort()
      .at(-1)!;
    expect(resultFields(el)['Empleo actual']).to.equal(
      `Sin empleo formal desde el ${longDate(lastEnd, 'es')}`,
    );
    expect(hasNoHistoryNote(el)).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows the whole history: a timeline, the three latest jobs, then every one behind "Ver todos (12)"', async () => {
    const { el, summary } = await success('HEGJ850101HJCRNN06');
    const root = el.shadowRoot!;
    const timeline = root.querySelector('[part~=timeline]')!;
    expect(timeline.getAttribute('role')).to.equal('img');
    expect(timeline.getAttribute('aria-label')).to.match(/^12 empleos de \d{4} a \d{4}$/);
    expect(root.querySelectorAll('svg .bar, svg .current')).to.have.length(12);
    expect(root.querySelectorAll('svg .current')).to.have.length(summary.currentJobs.length);
    const items = () => [...root.querySelectorAll('.jobs li')];
    expect(items()).to.have.length(3);
    const latest = [...summary.jobs].sort((a, b) => b.startDate.localeCompare(a.startDate))[0]!;
    expect(items()[0]!.textContent).to.contain(latest.employer).and.contain(longDate(latest.startDate, 'es'));
    const more = [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Ver todos (12)'))!;
    more.click();
    await el.updateComplete;
    expect(items()).to.have.length(12);
    expect(focused(el)).to.equal(items()[3]);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('gives jobs at the same time (two profiles) lanes of their own on the timeline', async () => {
    const { el } = await success('SAMC920320MVZNRR04');
    const lanes = el.shadowRoot!.querySelectorAll('svg .lane');
    expect(lanes.length).to.be.at.least(2);
    await expect(el).to.be.accessible();
  });

  it('says so when IMSS has no employment on record, instead of an empty card', async () => {
    const { el, summary } = await success('SOTM700707MJCTRR08');
    expect(summary.jobs).to.have.length(0);
    expect(resultFields(el)).to.deep.equal({});
    expect(resultText(el)).to.equal(
      'Tu historial laboral El IMSS no tiene empleos registrados para tu CURP.',
    );
    await expect(el).to.be.accessible();
  });

  it('says so in English too', async () => {
    const { el } = await success('SOTM700707MJCTRR08', { lang: 'en' });
    expect(resultText(el)).to.contain('IMSS has no jobs on record for your CURP.');
    await expect(el).to.be.accessible();
  });

  it('with hide-summary, fires imss-success with the summary but shows only a confirmation', async () => {
    const { el, summary } = await success('HEGJ850101HJCRNN06', { hideSummary: true });
    expect(summary.jobs).to.have.length(12);
    expect(el.shadowRoot!.querySelector('dl')).to.equal(null);
    expect(resultText(el)).to.equal('Listo: recibimos tu historial laboral.');
    expect(focused(el)?.id).to.equal('result');
    await expect(el).to.be.accessible();
  });

  it('succeeds when Belvo answers 503 once: the proxy tries again, and the person never hears of it', async () => {
    const externalId = freshKey();
    const { el, events } = await success(TEST_CURPS.busyOnce, { externalId });
    const statuses = (await belvoLinkRequests(externalId)).map((r) => r.status);
    expect(statuses).to.deep.equal([503, 201]);
    expect(events.seen.filter((e) => e.type === 'imss-error')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('succeeds when IMSS is slow', async () => {
    const { el, events } = await success('NUSE000101HSPXXXA2');
    expect(events.seen.filter((e) => e.type === 'imss-error')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
