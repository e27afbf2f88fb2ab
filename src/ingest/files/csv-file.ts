import { parse } from 'csv-parse/sync';
import { excerpt } from './file-reason.js';
import { hasUtf8Bom, decodeText, detectEncoding, encodingName, type DeclaredEncoding, type TextEncoding } from './text-encoding.js';
import { UnreadableFileError } from './unreadable-file.js';

export interface CsvFormat {
  readonly encoding?: DeclaredEncoding;
  readonly delimiter?: string;
}

/** One record of the file as a byte range, and the physical line it starts on. */
export interface RecordSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export interface CsvLayout {
  readonly encoding: TextEncoding;
  readonly delimiter: string;
  /** The header record's bytes, with the BOM when the file has one, and the file's own line ending. */
  readonly header: Uint8Array;
  /** The file's own line ending, to join records that are not contiguous. */
  readonly lineEnding: Uint8Array;
  readonly records: readonly RecordSpan[];
  /** Each record's value in the key column, when one was asked for and the header has it. */
  readonly keys: readonly (string | undefined)[];
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];

/**
 * Record boundaries found on the bytes, before decoding: in UTF-8, GBK and GB18030 the
 * bytes of a newline and of a double quote never occur inside a multi-byte character,
 * so a page of records can be cut out of the file byte for byte.
 */
export function splitRecords(bytes: Uint8Array): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let start = hasUtf8Bom(bytes) ? 3 : 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let position = start;
  let quote = bytes.indexOf(QUOTE, position);
  // indexOf runs natively: the loop turns once per line and once per quote, not per byte.
  for (;;) {
    const newline = bytes.indexOf(NEWLINE, position);
    const lineEnd = newline === -1 ? bytes.length : newline;
    for (; quote !== -1 && quote < lineEnd; quote = bytes.indexOf(QUOTE, quote + 1)) quoted = !quoted;
    if (!quoted || newline === -1) {
      const end = lineEnd > start && bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      if (end > start) spans.push({ start, end, line: startLine });
      start = lineEnd + 1;
      startLine = line + 1;
    }
    if (newline === -1) return spans;
    line += 1;
    position = newline + 1;
  }
}

function detectDelimiter(headerLine: string): string {
  const counts = DELIMITER_CANDIDATES.map((d) => headerLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ',' : DELIMITER_CANDIDATES[counts.indexOf(best)]!;
}

/** Header names: trimmed; blanks named by position; repeats numbered, so no column is lost. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** The text of a 1-based line, cut to an excerpt: a reason never carries a whole 10 MB line. */
function lineExcerpt(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return '';
    start = newline + 1;
  }
  const end = text.indexOf('\n', start);
  return excerpt(text.slice(start, end === -1 ? Math.min(text.length, start + 4096) : Math.min(end, start + 4096)).replace(/\r$/, ''));
}

/** A csv-parse error in both languages, with an excerpt of the line it names. */
function parseErrorReason(error: Error & { code?: string }, text: string, line: number): { zh: string; en: string } {
  const shown = line > 0 ? lineExcerpt(text, line) : '';
  const tail = { zh: shown ? `；该行：${shown}` : '', en: shown ? `; the line: ${shown}` : '' };
  const fields = /expect (\d+), got (\d+)/.exec(error.message);
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && fields)
    return {
      zh: `字段数不符：表头有 ${fields[1]} 列，该行有 ${fields[2]} 列${tail.zh}`,
      en: `wrong number of fields: the header has ${fields[1]}, the line has ${fields[2]}${tail.en}`,
    };
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { zh: `引号未闭合${tail.zh}`, en: `a quote is not closed${tail.en}` };
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return { zh: `引号后有多余字符${tail.zh}`, en: `characters after a closing quote${tail.en}` };
  return { zh: `CSV 格式错误（${error.code ?? '未知'}）${tail.zh}`, en: `malformed CSV (${error.code ?? excerpt(error.message)})${tail.en}` };
}

/**
 * Parses CSV text; with `keep: false` only counts the records (a whole file's check needs
 * no rows in memory), collecting the values of `keyColumn` if named.
 */
function parseRows(text: string, delimiter: string, keep: boolean, keyColumn?: string): { rows: string[][]; count: number; keys: (string | undefined)[] } {
  let count = 0;
  let keyIndex = -1;
  const keys: (string | undefined)[] = [];
  try {
    const rows = parse(text, {
      delimiter,
      skip_empty_lines: true,
      relax_quotes: false,
      bom: false,
      trim: false,
      on_record: (record: string[]) => {
        count += 1;
        if (keyColumn !== undefined) {
          if (count === 1) {
            const names = columnNames(record);
            keyIndex = names.indexOf(keyColumn);
            if (keyIndex < 0) {
              const header = excerpt(names.join(', '));
              throw new UnreadableFileError(
                { zh: `表头中没有主键列“${keyColumn}”（表头：${header}）`, en: `the key column "${keyColumn}" is not in the header (${header})` },
                1,
              );
            }
          } else keys.push(record[keyIndex]);
        }
        return keep ? record : null;
      },
    });
    return { rows, count, keys };
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const e = error as Error & { lines?: number; code?: string };
    throw new UnreadableFileError(parseErrorReason(e, text, e.lines ?? 0), e.lines ?? 0);
  }
}

/**
 * Reads a whole file once to check it and find its records; a file that cannot be read
 * (a character the encoding does not have, an open quote, a row with the wrong number of
 * fields) fails here, before any of it is ingested.
 */
export function layoutCsv(bytes: Uint8Array, format: CsvFormat, keyColumn?: string): CsvLayout {
  const encoding = detectEncoding(bytes, format.encoding);
  const records = splitRecords(bytes);
  const headerSpan = records.shift();
  if (!headerSpan) throw new UnreadableFileError({ zh: '文件为空：没有表头行', en: 'the file is empty: no header row' }, 0);
  const text = decodeText(bytes, encoding);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    const name = encodingName(encoding);
    throw new UnreadableFileError(
      { zh: `含有不是 ${name} 文本的字节；该行：${lineExcerpt(text, line)}`, en: `bytes that are not ${name} text; the line: ${lineExcerpt(text, line)}` },
      line,
    );
  }
  const headerText = decodeText(bytes.subarray(headerSpan.start, headerSpan.end), encoding);
  const delimiter = !format.delimiter || format.delimiter === 'auto' ? detectDelimiter(headerText) : format.delimiter;
  const { count, keys } = parseRows(text, delimiter, false, keyColumn);
  if (count !== records.length + 1)
    throw new UnreadableFileError(
      {
        zh: `读到 ${count} 条记录，但有 ${records.length + 1} 个记录边界：可能有引号放错了位置`,
        en: `found ${count} records but ${records.length + 1} record boundaries; a quote is probably misplaced`,
      },
      0,
    );
  const lineEnd = bytes[headerSpan.end] === CR ? 2 : 1;
  const header = bytes.subarray(hasUtf8Bom(bytes) ? 0 : headerSpan.start, Math.min(headerSpan.end + lineEnd, bytes.length));
  return { encoding, delimiter, header, lineEnding: lineEnd === 2 ? new Uint8Array([CR, NEWLINE]) : new Uint8Array([NEWLINE]), records, keys };
}

/**
 * A page: the header line's bytes and the chosen records' bytes, exactly as in the file;
 * consecutive records keep what lies between them, others are joined by the file's line ending.
 */
export function pageBytes(file: Uint8Array, layout: CsvLayout, indices: readonly number[]): Uint8Array {
  const parts: Uint8Array[] = [layout.header];
  for (let i = 0; i < indices.length; i++) {
    const span = layout.records[indices[i]!]!;
    let end = span.end;
    // A run of consecutive records is one slice of the file.
    while (i + 1 < indices.length && indices[i + 1] === indices[i]! + 1) end = layout.records[indices[++i]!]!.end;
    if (parts.length > 1) parts.push(layout.lineEnding);
    parts.push(file.subarray(span.start, end));
  }
  const page = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    page.set(part, offset);
    offset += part.length;
  }
  return page;
}

/** The items of a CSV page (or a whole file): one object per record, keyed by the header. */
export function csvItems(bytes: Uint8Array, format: CsvFormat): Record<string, string>[] {
  const encoding = detectEncoding(bytes, format.encoding);
  const text = decodeText(bytes, encoding);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).replace(/\r$/, '');
  const delimiter = !format.delimiter || format.delimiter === 'auto' ? detectDelimiter(firstLine) : format.delimiter;
  const [header = [], ...rows] = parseRows(text, delimiter, true).rows;
  const names = columnNames(header);
  return rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? ''])));
}
