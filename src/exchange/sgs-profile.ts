/**
 * The national 双公示 exchange profile: penalties and licences as the 2021 credit data
 * standard of the national credit information sharing platform speaks them — its field codes
 * (CF_*, XK_*, with the party's CF_XDR_* / XK_XDR_* and the legal representative's FR_*),
 * its code lists, amounts in 万元 and dates YYYY-MM-DD. Pure and driven by the record schema
 * (x-code, x-title, x-labels, x-national-values, x-national-unit), so the file a city pushes
 * to 信用中国 and the Yangtze-Delta feed speak the same. Only fields graded L1 (open) carry
 * values; the standard's other columns (identity numbers, L4) are present and always empty.
 */
import { enforcementDecisionSchema, fieldGrades } from '../records/enforcement-decision.js';
import { yuanToWanYuan } from './wan-yuan.js';

export type SgsKind = 'penalty' | 'license';

/** One column of the national file: its code, the canonical field behind it and its Chinese title. */
export interface SgsColumn {
  readonly code: string;
  readonly field: string;
  readonly title: string;
}

/** A row of the national file, by field code; every value a string ('' when empty). */
export type SgsRow = Readonly<Record<string, string>>;

interface ProfileProperty {
  readonly title?: string;
  readonly 'x-code'?: string | Readonly<Partial<Record<SgsKind, string>>>;
  readonly 'x-title'?: Readonly<Partial<Record<SgsKind, string>>>;
  readonly 'x-labels'?: Readonly<Record<string, string>>;
  readonly 'x-national-values'?: Readonly<Record<string, string>>;
  readonly 'x-national-unit'?: string;
}

const PROPERTIES = enforcementDecisionSchema.properties as unknown as Readonly<Record<string, ProfileProperty>>;
/** How the standard joins several values of one code list in one cell (处罚类别: 警告;罚款). */
const LIST_SEPARATOR = ';';

function codeOf(property: ProfileProperty, kind: SgsKind): string | undefined {
  const code = property['x-code'];
  return typeof code === 'string' ? code : code?.[kind];
}

function columnsOf(kind: SgsKind): readonly SgsColumn[] {
  return Object.entries(PROPERTIES).flatMap(([field, property]) => {
    const code = codeOf(property, kind);
    // A code of the other kind's table (CF_ on a licence) is not this kind's column.
    if (!code || (code !== 'BZ' && !code.startsWith(kind === 'penalty' ? 'CF_' : 'XK_'))) return [];
    const title = property['x-title']?.[kind] ?? property.title ?? field;
    // Amounts are held in 元 and spoken in 万元, as the standard's column title says.
    return [{ code, field, title: property['x-national-unit'] === 'wan-yuan' ? title.replace('（元）', '（万元）') : title }];
  });
}

/** The columns of the national penalty and licence files, in the schema's order. */
export const SGS_COLUMNS: Readonly<Record<SgsKind, readonly SgsColumn[]>> = { penalty: columnsOf('penalty'), license: columnsOf('license') };

const OPEN = new Set(
  Object.entries(fieldGrades())
    .filter(([, grade]) => grade === 'L1')
    .map(([field]) => field),
);

/** One value as the standard writes it: its national code or Chinese label, 万元, or the text. */
function nationalValue(property: ProfileProperty, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => nationalValue(property, item)).join(LIST_SEPARATOR);
  if (typeof value === 'number') return property['x-national-unit'] === 'wan-yuan' ? yuanToWanYuan(value) : String(value);
  if (typeof value !== 'string') return typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return property['x-national-values']?.[value] ?? property['x-labels']?.[value] ?? value;
}

/** The kind of a decision: the schema's default, a penalty, when it does not say. */
export function sgsKindOf(record: Readonly<Record<string, unknown>>): SgsKind {
  return record.decisionKind === 'license' ? 'license' : 'penalty';
}

/**
 * One decision as a row of its kind's national file. Give it a record as a release would
 * show it (redacted free text, see src/disclosure): this function only projects it.
 */
export function toSgsRow(record: Readonly<Record<string, unknown>>): SgsRow {
  const columns = SGS_COLUMNS[sgsKindOf(record)];
  return Object.fromEntries(columns.map(({ code, field }) => [code, OPEN.has(field) ? nationalValue(PROPERTIES[field]!, record[field]) : '']));
}
