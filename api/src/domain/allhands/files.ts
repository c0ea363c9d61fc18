// From an uploaded all-hands Q&A file to a table of cells: an XLSX workbook (the first sheet that
// holds anything), a CSV export (comma, semicolon or tab, as its header line shows), or a plain
// list with one question a line. exceljs reads both spreadsheet kinds (its CSV reader is fast-csv).
// Nothing here keeps or logs a cell: the caller decides which columns are ever stored.
import { Readable } from 'node:stream';
import type { EventSource } from '@kb/db';
import ExcelJS from 'exceljs';
import { hasControlCharacter } from '../../schemas/common.ts';
import { AppError } from '../errors.ts';

/** The largest file an import takes, before it is read. */
export const MAX_EVENT_FILE_BYTES = 5 * 1024 * 1024;

/** The most questions one all-hands holds: more is another file, or not an all-hands. */
export const MAX_EVENT_ROWS = 5_000;

/** How wide a table may be: Q&A exports have a dozen columns at most. */
const MAX_COLUMNS = 100;

/** Title lines some exports put above the header ("Event: …", "Exported on …"), at most. */
const TITLE_LINES = 10;

/** Uncompressed bytes an XLSX may declare, so a small file cannot unpack into a huge one. */
const MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024;

export interface UploadedTable {
  source: EventSource;
  /** Column names as the file has them (a plain list has one, "Question"). */
  headers: string[];
  /** Rows under the header, one cell per header; `line` counts rows as a spreadsheet does (header 1). */
  rows: { line: number; cells: TableCell[] }[];
}

/** A cell as read: text, or the day a spreadsheet stored as a date. */
export type TableCell = string | Date;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const unreadable = (detail: string) => new AppError('unsupported-media-type', 415, detail);

/**
 * Reads the file: XLSX by its content (a zip holding a workbook), otherwise UTF-8 text, read as a
 * CSV when its name says so or its first line names columns, else as one question a line.
 * `isHeader` says whether a line's cells name the columns of a Q&A export.
 */
export async function readTable(
  file: { name: string; content: Buffer },
  isHeader: (cells: readonly string[]) => boolean,
): Promise<UploadedTable> {
  if (file.content.length === 0) throw new AppError('validation', 400, 'The file is empty.');
  if (file.content.length > MAX_EVENT_FILE_BYTES) {
    throw new AppError(
      'payload-too-large',
      413,
      `The file is larger than ${MAX_EVENT_FILE_BYTES / 1024 / 1024} MB.`,
    );
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (file.content.subarray(0, 4).equals(ZIP_MAGIC)) return readWorkbook(file.content, isHeader);
  if (['xlsx', 'xlsm', 'xls', 'ods', 'numbers', 'pdf', 'docx'].includes(extension)) {
    throw unreadable(
      `The file is not an XLSX workbook it is named as; export it again as XLSX or CSV.`,
    );
  }
  const text = decodeText(file.content);
  if (text.trim() === '') throw new AppError('validation', 400, 'The file is empty.');
  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, '').split(/\r?\n/, TITLE_LINES + 1));
  if (extension === 'txt') return plainList(text);
  const csv = await readCsv(text, delimiter, isHeader);
  if (['csv', 'tsv'].includes(extension) || isHeader(csv.headers)) {
    return csv;
  }
  return plainList(text);
}

/** UTF-8 text, or a refusal: a binary file is neither CSV nor a list of questions. */
function decodeText(content: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw unreadable('The file is neither XLSX nor CSV or text in UTF-8.');
  }
  // NUL and other control characters but tab and line ends do not occur in text people wrote.
  if (hasControlCharacter(text)) {
    throw unreadable('The file is neither XLSX nor CSV: it holds binary data.');
  }
  return text;
}

/**
 * The separator the first lines (title lines, the header, a row or two) use most, outside quotes;
 * a comma when they use none.
 */
function sniffDelimiter(lines: readonly string[]): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const line of lines) {
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
    }
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).sort(
    (a, b) => counts[b] - counts[a],
  )[0]!;
  return counts[best] > 0 ? best : ',';
}

async function readCsv(
  text: string,
  delimiter: string,
  isHeader: (cells: readonly string[]) => boolean,
): Promise<UploadedTable> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from([Buffer.from(text, 'utf8')]), {
      // Every cell as written: no guessing of numbers or dates, which would change the text.
      map: (value: unknown) => value,
      parserOptions: { delimiter, ignoreEmpty: true },
    });
  } catch {
    throw new AppError(
      'validation',
      400,
      'The CSV file cannot be read: a quoted cell is not closed, or the file is not CSV.',
    );
  }
  return fromSheet(sheet, 'csv', isHeader);
}

async function readWorkbook(
  content: Buffer,
  isHeader: (cells: readonly string[]) => boolean,
): Promise<UploadedTable> {
  if (declaredUnpackedBytes(content) > MAX_XLSX_UNPACKED_BYTES) {
    throw new AppError('payload-too-large', 413, 'The workbook unpacks to more than allowed.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadable(
      'The file is a zip archive but not an XLSX workbook; export it as XLSX or CSV.',
    );
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new AppError('validation', 400, 'The workbook holds no rows.');
  return fromSheet(sheet, 'xlsx', isHeader);
}

/**
 * What the zip's central directory says its files unpack to. A workbook that lies about it still
 * fails to load; this only refuses the ones that say so honestly, before anything is unpacked.
 */
function declaredUnpackedBytes(zip: Buffer): number {
  // The end of central directory record: signature 0x06054b50 within the last 64 KB + 22 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 65_557); at--) {
    if (zip.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = zip.readUInt16LE(at + 10);
    let offset = zip.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries && offset + 46 <= zip.length; i++) {
      if (zip.readUInt32LE(offset) !== 0x02014b50) break;
      total += zip.readUInt32LE(offset + 24);
      offset +=
        46 +
        zip.readUInt16LE(offset + 28) +
        zip.readUInt16LE(offset + 30) +
        zip.readUInt16LE(offset + 32);
    }
    return total;
  }
  return 0;
}

function fromSheet(
  sheet: ExcelJS.Worksheet,
  source: EventSource,
  isHeader: (cells: readonly string[]) => boolean,
): UploadedTable {
  const lines: { line: number; cells: TableCell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = values.slice(0, MAX_COLUMNS).map(cellValue);
    if (cells.some((c) => c instanceof Date || c.trim() !== '')) lines.push({ line, cells });
  });
  // The header is the first line that names a question column, or the first line.
  const start = Math.max(
    0,
    lines
      .slice(0, TITLE_LINES)
      .findIndex(({ cells }) => isHeader(cells.map((c) => (typeof c === 'string' ? c : '')))),
  );
  const [header, ...rows] = lines.slice(start);
  if (!header) throw new AppError('validation', 400, 'The file holds no rows.');
  if (rows.length > MAX_EVENT_ROWS) throw tooManyRows();
  const headers = header.cells.map((c, i) =>
    typeof c === 'string' && c.trim() !== '' ? c.trim() : `Column ${i + 1}`,
  );
  return {
    source,
    headers,
    rows: rows.map(({ line, cells }) => ({
      line,
      cells: headers.map((_, i) => cells[i] ?? ''),
    })),
  };
}

function plainList(text: string): UploadedTable {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((value, i) => ({ line: i + 1, cells: [value.trim()] }))
    .filter((row) => row.cells[0] !== '');
  if (rows.length === 0) throw new AppError('validation', 400, 'The file is empty.');
  if (rows.length > MAX_EVENT_ROWS) throw tooManyRows();
  return { source: 'text', headers: ['Question'], rows };
}

const tooManyRows = () =>
  new AppError('payload-too-large', 413, `The file holds more than ${MAX_EVENT_ROWS} questions.`);

/** A spreadsheet cell's value as text or a date; formulas give their result. */
function cellValue(value: ExcelJS.CellValue | undefined): TableCell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}
