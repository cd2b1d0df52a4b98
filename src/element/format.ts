/**
 * `1234.5` → `$1,234.50` (es-MX) or `MX$1,234.50` (en). Always pesos: the card shows only the summary's totals (daily
 * salary, monthly estimate), sums over the current jobs of IMSS salaries, which are in MXN; no job's own amount, the
 * one place its `currency` would apply, is shown.
 */
export const money = (amount: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN' }).format(amount);

export const count = (value: number, locale: string): string => new Intl.NumberFormat(locale).format(value);

/**
 * An ISO date in the locale's long style. A date-only string (`2024-05-31`) is read as UTC midnight, so formatting in
 * UTC gives back its calendar day.
 */
export function longDate(iso: string, locale: string): string {
  const date = new Date(iso);
  return isNaN(+date)
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Splits an NSS into what is hidden (`•••••••`) and what is shown (the last 4 digits). */
export const maskNss = (nss: string): [string, string] => [
  '•'.repeat(Math.max(nss.length - 4, 0)),
  nss.slice(-4),
];

/** `72_400` ms → `1:12`. */
export function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
