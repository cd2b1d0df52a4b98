/**
 * Mexico's general daily minimum wage (MXN, CONASAMI, the value in force from January of each year; before 1993
 * converted to new pesos). The sandbox anchors invented salaries to it so that a 2005 salary looks like 2005.
 * Years after the table reuse its last value; years before it, its first.
 */
// prettier-ignore
const GENERAL_MINIMUM_WAGE: Readonly<Record<number, number>> = {
  1990: 10.08, 1991: 11.9, 1992: 13.33, 1993: 14.27, 1994: 15.27, 1995: 16.34, 1996: 20.15, 1997: 26.45,
  1998: 30.2, 1999: 34.45, 2000: 37.9, 2001: 40.35, 2002: 42.15, 2003: 43.65, 2004: 45.24, 2005: 46.8,
  2006: 48.67, 2007: 50.57, 2008: 52.59, 2009: 54.8, 2010: 57.46, 2011: 59.82, 2012: 62.33, 2013: 64.76,
  2014: 67.29, 2015: 70.1, 2016: 73.04, 2017: 80.04, 2018: 88.36, 2019: 102.68, 2020: 123.22, 2021: 141.7,
  2022: 172.87, 2023: 207.44, 2024: 248.93, 2025: 278.8, 2026: 315.04,
};

const FIRST_YEAR = 1990;
const LAST_YEAR = 2026;

export function minimumDailyWage(year: number): number {
  const clamped = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year));
  return GENERAL_MINIMUM_WAGE[clamped] ?? GENERAL_MINIMUM_WAGE[LAST_YEAR]!;
}
