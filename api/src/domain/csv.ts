// CSV for spreadsheets: RFC 4180 quoting and CRLF line ends. A cell that starts with =, +, -, @, a
// tab or a carriage return would run as a formula when the file is opened, so it gets a leading '
// (OWASP's advice for CSV injection): the export carries what people typed, and that is text.
import { stringify } from 'csv-stringify/sync';

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return csvRows([header, ...rows]);
}

/** Rows without a header, for a file written a page at a time: the same quoting as `toCsv`. */
export function csvRows(rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify(rows as (string | number | null)[][], {
    escape_formulas: true,
    record_delimiter: 'windows',
    // The library quotes a cell holding the whole CRLF; a lone CR or LF in an answer needs quotes too.
    quoted_match: /[\r\n]/,
  });
}
