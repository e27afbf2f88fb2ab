import { XLSX_FIELD_NOTES_SHEET } from '../files/xlsx.js';
import type { ReleaseColumn } from '../release-columns.js';
import { isPartyConditional } from '../../grading/masking/plan.js';
import { personalNumbersIn, type TextScanOptions } from './personal-numbers-in-text.js';
import { readCsv } from './readers/csv.js';
import { readJsonl } from './readers/jsonl.js';
import { readParquet } from './readers/parquet.js';
import type { TableReader } from './readers/table.js';
import { readXlsx } from './readers/xlsx.js';
import { MAX_FINDINGS, type GateFile, type GateFinding, type GateReport } from './report.js';

export type { GateFinding, GateReport } from './report.js';

/** Kept as an alias for callers that name the scanner's input. */
export type ReleaseFileToScan = GateFile;

/** The grades each category may carry: an open release L1 only, a restricted one up to L3. */
const ALLOWED_GRADES: Readonly<Record<'open' | 'restricted', ReadonlySet<string>>> = {
  open: new Set(['L1']),
  restricted: new Set(['L1', 'L2', 'L3']),
};

/** Registration codes: a bank-card look-alike in them is a code (an all-digit 统一社会信用代码), not a card. */
const CODE_FORMATS = new Set(['uscc', 'document-number']);

function readerFor(file: ReleaseFileToScan): TableReader {
  const format = file.format === 'csv-en' ? 'csv' : file.format;
  const byName = /\.(csv|jsonl|parquet|xlsx)$/i.exec(file.name)?.[1]?.toLowerCase();
  switch (['csv', 'jsonl', 'parquet', 'xlsx'].includes(format) ? format : byName) {
    case 'csv':
      return readCsv;
    case 'jsonl':
      return readJsonl;
    case 'parquet':
      return readParquet;
    case 'xlsx':
      return readXlsx;
    default:
      throw new Error(`publish gate: cannot read ${file.name} (format ${file.format})`);
  }
}

/** The texts a cell holds: lists and objects element by element, numbers as their digits. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'bigint') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // An object cell (a nested field in JSONL) is read as its JSON text.
    return [JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner))];
  }
  return [];
}

/**
 * Reads every file of a release, streaming, before any of it becomes visible. Fails on a
 * valid 身份证 number, a mainland mobile number or a bank card number anywhere in a cell, on
 * a column that is not one of the release's columns, and on a column graded above the
 * release's category. CSV and XLSX headers are mapped back to columns by their Chinese
 * title, every other format (and the English CSV) by field id.
 */
export async function scanRelease(
  files: readonly ReleaseFileToScan[],
  columns: readonly ReleaseColumn[],
  category: 'open' | 'restricted',
): Promise<GateReport> {
  const byName = new Map<string, ReleaseColumn>();
  for (const column of columns) byName.set(column.field, column).set(column.title, column);
  const findings: GateFinding[] = [];
  let omitted = 0;
  const report = (finding: GateFinding) => (findings.length < MAX_FINDINGS ? findings.push(finding) : (omitted += 1));

  for (const file of files) {
    const reader = readerFor(file);
    // A column is judged once per file: at the header, or at the first row that names it (JSONL).
    const judged = new Map<string, TextScanOptions | undefined>();
    const judge = (name: string, row: number): TextScanOptions | undefined => {
      if (judged.has(name)) return judged.get(name);
      // The XLSX field notes are text about the columns, scanned for numbers but no column themselves.
      if (name.startsWith(`${XLSX_FIELD_NOTES_SHEET}:`)) return undefined;
      const column = byName.get(name);
      let options: TextScanOptions | undefined;
      if (!column) report({ file: file.name, row, column: name, kind: 'unknown-column', detail: `列 ${name} 不是本次发布的列 / not a column of this release` });
      else {
        if (!ALLOWED_GRADES[category].has(column.grade)) {
          report({
            file: file.name,
            row,
            column: name,
            kind: 'grade-above-category',
            detail: `${column.field} 分级为 ${column.grade}，高于${category === 'open' ? '无条件开放（仅 L1）' : '受限开放（L1–L3）'} / graded ${column.grade}, above a ${category} release`,
          });
        }
        options = { noCards: column.format !== undefined && CODE_FORMATS.has(column.format), noMobiles: isPartyConditional(column.masking) };
      }
      judged.set(name, options);
      return options;
    };
    let row = 0;
    for await (const event of reader(file.path)) {
      if (event.kind === 'header') {
        row = 0;
        for (const name of event.names) judge(name, 0);
        continue;
      }
      row = event.row ?? row + 1;
      for (const [name, value] of event.cells) {
        const options = judge(name, row);
        for (const text of textsOf(value)) {
          for (const found of personalNumbersIn(text, options)) {
            const where = event.sheet ? `（工作表 ${event.sheet}）` : '';
            report({ file: file.name, row, column: name, kind: found.kind, detail: `${found.kind} ${found.masked}${where}` });
          }
        }
      }
    }
  }
  return { passed: findings.length === 0 && omitted === 0, findings, ...(omitted > 0 ? { omitted } : {}) };
}
