/**
 * Reads the birth date of positions 5–10 (YYMMDD). The CURP stores only two digits of the year; RENAPO marks
 * the century in position 17, a digit for people born in the 1900s and a letter from 2000 on.
 *
 * Returns the date as `YYYY-MM-DD`, or undefined when it is not a real calendar date or is after `today`.
 */
export function decodeBirthDate(yymmdd: string, centuryMarker: string, today: Date): string | undefined {
  const century = centuryMarker >= '0' && centuryMarker <= '9' ? 1900 : 2000;
  const year = century + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (dayNumber(year, month, day) > latestCalendarDate(today)) return undefined;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Gregorian rule: 2000 was a leap year, 1900 was not. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** A calendar date as a number that sorts like the date: 2024-02-29 → 20240229. */
function dayNumber(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/**
 * Which calendar date "today" is depends on the time zone. We take the later of the local and the UTC date, so a
 * baby registered today is never refused because of where the device's clock is (in Mexico, UTC is ahead in the
 * evening), and `today` may be given either as `new Date('2024-06-01')` or as `new Date(2024, 5, 1)`.
 */
function latestCalendarDate(today: Date): number {
  if (Number.isNaN(today.getTime())) throw new RangeError('invalid options.today');
  return Math.max(
    dayNumber(today.getFullYear(), today.getMonth() + 1, today.getDate()),
    dayNumber(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()),
  );
}
