/**
 * Mexico's Unidad de Medida y Actualización, daily value in MXN (INEGI), in force from February 1 of each year
 * until January 31 of the next. IMSS caps the daily contribution salary at 25 UMA (Ley del Seguro Social, art. 28),
 * and Modalidad 40 contributions are paid on a salary up to that cap. Years after the table reuse its last value.
 */
// prettier-ignore
const UMA_DAILY: Readonly<Record<number, number>> = {
  2017: 75.49, 2018: 80.6, 2019: 84.49, 2020: 86.88, 2021: 89.62, 2022: 96.22, 2023: 103.74, 2024: 108.57,
  2025: 113.14, 2026: 117.31,
};

const FIRST_YEAR = 2017;
const LAST_YEAR = 2026;
const CAP_IN_UMA = 25;

/** The UMA whose value was published for `year` (in force from February 1 of that year). */
export function umaDaily(year: number): number {
  return UMA_DAILY[Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year))]!;
}

/** The legal maximum daily contribution salary in force on a date (`YYYY-MM-DD`): 25 UMA, rounded to cents. */
export function salaryCapOn(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const umaYear = isoDate.slice(5, 7) === '01' ? year - 1 : year;
  return Math.round(umaDaily(umaYear) * CAP_IN_UMA * 100) / 100;
}
