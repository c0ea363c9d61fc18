// CSV as RFC 4180 describes it: quoted where needed, CRLF line ends.

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return (
    [header, ...rows]
      .map((row) => row.map((v) => csvCell(v === null ? '' : String(v))).join(','))
      .join('\r\n') + '\r\n'
  );
}
