/**
 * The legal cap of IMSS's daily contribution salary: 25 UMA (Unidad de Medida y Actualización, Ley del Seguro
 * Social art. 28). A salary reported at the cap may stand for a higher real one.
 *
 * Daily UMA in pesos, as INEGI publishes it each January; each value is in force from February 1st of its year to
 * January 31st of the next. Add next year's line when INEGI publishes it: until then a later date uses the last
 * line, which can only flag a salary below the new cap as capped (an estimate taken for a floor), never the reverse.
 */
export const DAILY_UMA_BY_YEAR: Readonly<Record<number, number>> = {
  2016: 73.04,
  2017: 75.49,
  2018: 80.6,
  2019: 84.49,
  2020: 86.88,
  2021: 89.62,
  2022: 96.22,
  2023: 103.74,
  2024: 108.57,
  2025: 113.14,
  2026: 117.31,
};

export const CAP_IN_UMA = 25;
const UMA_YEARS = Object.keys(DAILY_UMA_BY_YEAR).map(Number);
export const FIRST_UMA_YEAR = Math.min(...UMA_YEARS);
export const LAST_UMA_YEAR = Math.max(...UMA_YEARS);

/**
 * The daily salary cap in force on an ISO date, in cents (25 × 117.31 = 2932.75 pesos → 293275), or null before
 * the first UMA of the table (the UMA replaced the minimum wage as the cap's unit in 2016).
 */
function dailySalaryCapCentsOn(isoDate: string): number | null {
  const year = Number(isoDate.slice(0, 4));
  const inForce = isoDate.slice(5, 7) === '01' ? year - 1 : year;
  if (!(inForce >= FIRST_UMA_YEAR)) return null;
  const uma = DAILY_UMA_BY_YEAR[Math.min(inForce, LAST_UMA_YEAR)];
  return uma === undefined ? null : Math.round(uma * 100) * CAP_IN_UMA;
}

/** Whether a daily salary (pesos) is at (or, reported past it, above) the cap in force on the date. */
export function isAtSalaryCap(dailySalary: number, isoDate: string): boolean {
  const cap = dailySalaryCapCentsOn(isoDate);
  return cap !== null && Math.round(dailySalary * 100) >= cap;
}
