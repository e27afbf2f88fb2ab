import type { IdentityConflictDetail } from './entry.js';

/** Marks a row whose values differ between the sides. */
export const DIFFERS = '≠';
const MAX_CELL = 60;

/** Columns a character takes on a terminal: CJK and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/gu, ' ');
  return [...text].length > MAX_CELL ? `${[...text].slice(0, MAX_CELL - 1).join('')}…` : text;
}

/**
 * An identity conflict side by side for the steward: a header naming each side (source and
 * row), then field | side A | side B | …, the identity fields first (raw values, marked
 * ≠ where they disagree once normalized), then every other field of the sides' records
 * (marked where the values differ).
 */
export function conflictTable(conflict: IdentityConflictDetail): string[] {
  const sides = conflict.sides;
  const names = sides.map((_, i) => `${String.fromCharCode(65 + i)} ${sides[i]!.sourceId} #${sides[i]!.sourceKey}`);
  const rows: string[][] = [['', '字段 / field', ...names]];
  for (const [field, label] of Object.entries(conflict.labels)) {
    const values = sides.map((side) => side.identity[field]);
    const mark = conflict.fields.includes(field) ? DIFFERS : '';
    rows.push([mark, `${label}（身份）`, ...values.map((v) => cell(v?.raw))]);
  }
  const recordFields = [...new Set(sides.flatMap((side) => Object.keys(side.record ?? {})))];
  for (const field of recordFields) {
    const values = sides.map((side) => cell(side.record?.[field]));
    rows.push([new Set(values).size > 1 ? DIFFERS : '', field, ...values]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
  const lines = rows.map((row) =>
    row
      .map((text, column) => pad(text, widths[column]!))
      .join(' | ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('-+-'));
  if (conflict.recordsTruncated) lines.push('（记录过大未保存，请按原始批次定位 / records too large to keep here: see each side’s raw batch and index）');
  return lines;
}
