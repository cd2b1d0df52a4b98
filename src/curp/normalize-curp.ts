/**
 * Removes every whitespace character and every hyphen, wherever it is.
 *
 * People paste CURPs from PDFs, spreadsheets and chat messages, which break them with spaces, tabs, line breaks,
 * non-breaking spaces or hyphens. None of those is ever part of a CURP, so dropping them cannot turn a wrong
 * CURP into a right one. Letters are left as typed: case and shape are the parser's business.
 */
export function normalizeCurp(input: string): string {
  return input.replace(/[\s-]+/g, '');
}
