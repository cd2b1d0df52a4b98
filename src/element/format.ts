/**
 * The Intl formatters of one locale, made once and kept: the first Intl object of a page is slow to make (the
 * success card's first render was mostly its NumberFormat), so the element makes them when a retrieval starts,
 * before the answer arrives.
 */
export interface Formats {
  /** `1234.5` → `$1,234.50` (es-MX) or `MX$1,234.50` (en). */
  money(amount: number, currency?: string): string;
  count(value: number): string;
  /** An ISO date in the locale's long style, in words: `14 de mayo de 1990`. */
  date(iso: string): string;
  /** Whole months as years and months: `4 años y 2 meses`, `8 meses`. */
  tenure(months: number): string;
}

const made = new Map<string, Formats>();

export function formats(locale: string): Formats {
  let kept = made.get(locale);
  if (!kept) {
    const number = new Intl.NumberFormat(locale);
    const money = (currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency });
    const pesos = money('MXN');
    // A date-only string (`2024-05-31`) is read as UTC midnight, so formatting in UTC gives back its calendar day.
    const long = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    const unit = (unit: string) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
    const years = unit('year');
    const months = unit('month');
    const and = new Intl.ListFormat(locale);
    kept = {
      // IMSS salaries are in pesos: another currency, never seen, gets a formatter of its own each time.
      money: (amount, currency = 'MXN') => (currency === 'MXN' ? pesos : money(currency)).format(amount),
      count: (value) => number.format(value),
      date(iso) {
        const date = new Date(iso);
        return isNaN(+date) ? iso : long.format(date);
      },
      tenure(total) {
        const parts = [];
        if (total >= 12) parts.push(years.format(Math.floor(total / 12)));
        if (total % 12 || total < 12) parts.push(months.format(total % 12));
        return and.format(parts);
      },
    };
    made.set(locale, kept);
  }
  return kept;
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

/** `5c0ffee0ddba11ad…` → `5C0F-FEE0`: enough of Belvo's request id for a person to read out to support. */
export const shortReference = (requestId: string): string =>
  requestId
    .replace(/[^a-z\d]/gi, '')
    .slice(0, 8)
    .toUpperCase()
    .replace(/^(.{4})(?=.)/, '$1-');
