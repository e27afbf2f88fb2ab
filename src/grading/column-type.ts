import type { ColumnType } from '../publish/release-columns.js';
import type { SchemaProperty } from './record-schema.js';

/** The JSON type of a property, the first non-null one when it lists several. */
function jsonType(property: SchemaProperty): string | undefined {
  const type = property.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type as unknown[]).find((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

/**
 * A release column's type from the field's JSON Schema: amounts in 元 (multipleOf 0.01) are
 * decimal so no file rounds them; dates and date-times by their format; a list of strings is
 * a string list; objects and lists of objects travel as JSON (object).
 */
export function columnTypeOf(property: SchemaProperty): ColumnType {
  switch (jsonType(property)) {
    case 'integer':
      return 'integer';
    case 'number':
      return property.multipleOf === 0.01 ? 'decimal' : 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return jsonType((property.items ?? {}) as SchemaProperty) === 'string' ? 'string-list' : 'object';
    case 'object':
      return 'object';
    case 'string':
      return property.format === 'date' ? 'date' : property.format === 'date-time' ? 'date-time' : 'string';
    default:
      return property.properties ? 'object' : 'string';
  }
}
