import { dayOf, yearOfDay } from './calendar-days.js';
import { minimumDailyWage } from './minimum-wage.js';
import { CAP_IN_UMA, DAILY_UMA_BY_YEAR, FIRST_UMA_YEAR, LAST_UMA_YEAR } from '../summary/legal-cap.js';

/**
 * Mexico's Unidad de Medida y Actualización, daily value in MXN (INEGI; the table, its years and the cap's 25 units
 * are the summary's, so that the sandbox caps as the summary flags). IMSS caps the daily contribution salary at
 * 25 UMA (Ley del Seguro Social, art. 28), and Modalidad 40 contributions are paid on a salary up to that cap.
 * The UMA replaced the minimum wage as the cap's unit in 2016 (its first value was that year's minimum wage); since
 * 2017 each new value is in force from February 1. Years after the table reuse its last value.
 */
/** The day the cap of `year` took effect: January 1 with the minimum wage (to 2016), February 1 with the UMA. */
function capChangeDay(year: number): number {
  return dayOf(year, year <= FIRST_UMA_YEAR ? 1 : 2, 1);
}

/** The legal maximum daily contribution salary in force on a day: 25 UMA, or 25 minimum wages before 2016. */
export function salaryCapOn(day: number): number {
  const year = yearOfDay(day);
  const capYear = day >= capChangeDay(year) ? year : year - 1;
  const unit =
    capYear < FIRST_UMA_YEAR
      ? minimumDailyWage(capYear)
      : DAILY_UMA_BY_YEAR[Math.min(LAST_UMA_YEAR, capYear)]!;
  return Math.round(unit * CAP_IN_UMA * 100) / 100;
}

/** The days after `start`, up to `lastDay`, on which the cap changed value. */
export function salaryCapChanges(start: number, lastDay: number): number[] {
  const changes: number[] = [];
  for (let year = yearOfDay(start); capChangeDay(year) <= lastDay; year++) {
    const day = capChangeDay(year);
    if (day > start && salaryCapOn(day) !== salaryCapOn(day - 1)) changes.push(day);
  }
  return changes;
}
