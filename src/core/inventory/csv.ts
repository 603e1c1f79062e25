/**
 * CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF
 * (quotes doubled). Fields starting with `=`, `+`, `-`, `@`, tab or CR are prefixed with `'` so a
 * spreadsheet opening the export never runs a formula taken from a manifest (OWASP CSV injection).
 */
export type CsvValue = string | number | boolean | null;

export function csvField(value: CsvValue): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvTable(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
