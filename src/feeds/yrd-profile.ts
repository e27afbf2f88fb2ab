/**
 * The Yangtze-Delta feed's national exchange profile: a record as a view shows it, spoken in
 * field codes, code lists by their Chinese labels (x-labels), amounts in 万元 and dates
 * YYYY-MM-DD. Penalties and licences are rows of the 双公示 file (src/exchange/sgs-profile.ts);
 * credit records, property rights and service items follow the code tables of yrd-codes.ts.
 * It only re-spells what it is given: the view (src/feeds/views.ts) has already chosen and
 * masked the fields, so a field the view left out has no code here.
 */
import { toSgsRow } from '../exchange/sgs-profile.js';
import { yuanToWanYuan } from '../exchange/wan-yuan.js';
import { recordTypeNamed } from '../records/registry.js';
import { YRD_COLUMNS, type YrdColumn } from './yrd-codes.js';

type Property = Readonly<Record<string, unknown>>;
type Row = Readonly<Record<string, unknown>>;
export type YrdValue = string | readonly Readonly<Record<string, string>>[];

/** How the profile joins several values of one code list in one cell, as the 双公示 file does. */
const LIST_SEPARATOR = ';';
const DATE = /^\d{4}-\d{2}-\d{2}/;

const propertiesOf = (property: Property | undefined): Readonly<Record<string, Property>> => (property?.properties ?? {}) as Readonly<Record<string, Property>>;

function labelsOf(property: Property | undefined): Readonly<Record<string, string>> | undefined {
  const items = property?.items as Property | undefined;
  const labels = property?.['x-labels'] ?? items?.['x-labels'];
  return labels && typeof labels === 'object' ? (labels as Record<string, string>) : undefined;
}

/** One scalar as the profile writes it: its Chinese label, 万元 for an amount in 元, 是/否, a date's day. */
function scalar(field: string, property: Property | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return field.endsWith('Yuan') ? yuanToWanYuan(value) : String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  const label = labelsOf(property)?.[value];
  if (label) return label;
  return property?.format === 'date' || property?.format === 'date-time' ? (DATE.exec(value)?.[0] ?? value) : value;
}

/** A list of objects: each item by its members' codes. */
function itemsOf(column: YrdColumn, property: Property | undefined, value: readonly unknown[]): Readonly<Record<string, string>>[] {
  const members = propertiesOf(property?.items as Property | undefined);
  return value.map((item) => {
    const object = (item ?? {}) as Row;
    return Object.fromEntries(
      Object.entries(column.items ?? {}).flatMap(([member, code]) =>
        object[member] === undefined || object[member] === null ? [] : [[code, scalar(member, members[member], object[member])]],
      ),
    );
  });
}

function valueOf(column: YrdColumn, properties: Readonly<Record<string, Property>>, row: Row): YrdValue | undefined {
  const [field, member] = column.field.split('.') as [string, string | undefined];
  const value = member === undefined ? row[field] : (row[field] as Row | undefined)?.[member];
  if (value === undefined || value === null) return undefined;
  const property = member === undefined ? properties[field] : propertiesOf(properties[field])[member];
  if (column.items && Array.isArray(value)) return itemsOf(column, property, value);
  if (Array.isArray(value)) return value.map((item) => scalar(field, property, item)).join(LIST_SEPARATOR);
  return scalar(member ?? field, property, value);
}

/**
 * A record of a Yangtze-Delta entity in the national exchange profile. `row` is the record as the
 * subscriber's view shows it; a column whose field the view does not carry is left out.
 */
export function toYrdRecord(entity: string, recordType: string, row: Row): Readonly<Record<string, YrdValue>> {
  // A decision's row is the 双公示 file's: it carries every column, only the open ones filled.
  if (entity === 'penalty-license') return toSgsRow(row);
  const columns = YRD_COLUMNS[entity];
  if (!columns) throw new Error(`yrd profile: no code table for entity ${entity}`);
  const properties = propertiesOf(recordTypeNamed(recordType).schema);
  return Object.fromEntries(
    columns.flatMap((column) => {
      const value = valueOf(column, properties, row);
      return value === undefined ? [] : [[column.code, value]];
    }),
  );
}
