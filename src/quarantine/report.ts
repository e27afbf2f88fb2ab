import type { Row } from '../publish/formats.js';
import { kindOf, type QuarantineEntry } from './entry.js';

/**
 * A quarantine report for one source, for the department's data steward: counts by
 * reason with examples, and every rejected row with the value the source sent. Column
 * names are bilingual; reasons speak of the source's own fields where the mapping knows them.
 */

export const SUMMARY_COLUMNS = [
  '原因（中文）/ reason',
  '字段 / field',
  '源字段 / source field',
  '规则 / rule',
  '条数 / rows',
  '示例 / examples',
  'reason (English)',
] as const;
export const DETAIL_COLUMNS = [
  '源主键 / source key',
  '字段 / field',
  '源字段 / source field',
  '规则 / rule',
  '说明 / message',
  '源数据值 / value sent',
  'message (English)',
  '原始批次 / raw batch',
  '序号 / index',
  '映射版本 / mapping',
  '隔离时间 / quarantined at',
] as const;

const EXAMPLES_PER_REASON = 3;

export interface QuarantineReport {
  readonly sourceId: string;
  readonly entries: number;
  /** Of them, identity conflicts (their reasons are the `identity-conflict` rule, one per disagreeing field). */
  readonly conflicts: number;
  readonly summary: readonly Row[];
  readonly details: readonly Row[];
}

/** Array positions do not make a different reason: /penaltyTypes/1 and /penaltyTypes/3 are one. */
const reasonPath = (path: string): string => path.replace(/\/\d+(?=\/|$)/g, '/*');

/** The value the source sent in one field (dotted paths reach into nested JSON). */
function sentValue(raw: string, sourceField: string | undefined): unknown {
  if (!sourceField || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  for (const step of sourceField.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Spreadsheet programs run a cell that starts with = + - @ as a formula; a department's text must stay text. */
export function inertCell(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  return typeof text === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function quarantineReport(sourceId: string, entries: readonly QuarantineEntry[]): QuarantineReport {
  const reasons = new Map<string, { first: QuarantineEntry['errors'][number]; count: number; examples: string[] }>();
  const details: Row[] = [];
  const sorted = [...entries].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
  for (const entry of sorted) {
    for (const issue of entry.errors) {
      const value = sentValue(entry.raw, issue.sourceField);
      const key = `${reasonPath(issue.path)}\u0000${issue.keyword}\u0000${issue.sourceField ?? ''}`;
      const reason = reasons.get(key) ?? { first: issue, count: 0, examples: [] };
      reason.count += 1;
      if (reason.examples.length < EXAMPLES_PER_REASON)
        reason.examples.push(value === undefined ? entry.sourceKey : `${entry.sourceKey}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      reasons.set(key, reason);
      details.push({
        [DETAIL_COLUMNS[0]]: inertCell(entry.sourceKey),
        [DETAIL_COLUMNS[1]]: issue.path,
        [DETAIL_COLUMNS[2]]: issue.sourceField ?? '',
        [DETAIL_COLUMNS[3]]: issue.keyword,
        [DETAIL_COLUMNS[4]]: inertCell(issue.messageZh),
        [DETAIL_COLUMNS[5]]: inertCell(value),
        [DETAIL_COLUMNS[6]]: inertCell(issue.message),
        [DETAIL_COLUMNS[7]]: entry.rawKey,
        [DETAIL_COLUMNS[8]]: entry.index,
        [DETAIL_COLUMNS[9]]: entry.mapping ?? '',
        [DETAIL_COLUMNS[10]]: entry.quarantinedAt,
      });
    }
  }
  const summary = [...reasons.values()]
    .sort((a, b) => b.count - a.count || (a.first.path < b.first.path ? -1 : 1))
    .map(({ first, count, examples }) => ({
      [SUMMARY_COLUMNS[0]]: inertCell(first.messageZh),
      [SUMMARY_COLUMNS[1]]: reasonPath(first.path),
      [SUMMARY_COLUMNS[2]]: first.sourceField ?? '',
      [SUMMARY_COLUMNS[3]]: first.keyword,
      [SUMMARY_COLUMNS[4]]: count,
      [SUMMARY_COLUMNS[5]]: inertCell(examples.join('；')),
      [SUMMARY_COLUMNS[6]]: inertCell(first.message),
    }));
  const conflicts = entries.filter((e) => kindOf(e) === 'identity-conflict').length;
  return { sourceId, entries: entries.length, conflicts, summary, details };
}
