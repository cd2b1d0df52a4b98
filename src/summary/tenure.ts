/**
 * Whole months from one ISO date to another, as a calendar counts them: 2020-01-15 → 2020-03-14 is 1, → 2020-03-15
 * is 2. A month ending on the last day of a shorter month is whole (2020-01-31 → 2020-02-29 is 1). Never negative:
 * an end before the start is 0.
 */
export function wholeMonthsBetween(startIso: string, endIso: string): number {
  const [startYear, startMonth, startDay] = partsOf(startIso);
  const [endYear, endMonth, endDay] = partsOf(endIso);
  const endsMonth = endDay === daysInMonth(endYear, endMonth);
  const months =
    (endYear - startYear) * 12 + (endMonth - startMonth) - (endDay < startDay && !endsMonth ? 1 : 0);
  return Math.max(0, months);
}

function partsOf(isoDate: string): [number, number, number] {
  return [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
