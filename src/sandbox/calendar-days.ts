/**
 * Whole days as integers (days since 1970-01-01, UTC), so the sandbox's invented dates need no time zones and
 * no Date arithmetic.
 */
const DAY_MS = 86_400_000;

/** Mexico City has kept UTC−6 all year since 2022: IMSS's "today". */
const MEXICO_CITY_OFFSET_MS = -6 * 3_600_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dayOfIso(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return dayOf(year!, month!, day!);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The calendar day in Mexico City at `now`. */
export function mexicoCityDay(now: Date): number {
  return Math.floor((now.getTime() + MEXICO_CITY_OFFSET_MS) / DAY_MS);
}
