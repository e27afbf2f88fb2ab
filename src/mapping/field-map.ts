import { convert, type ConverterName, type ConverterOptions } from './converters.js';
import type { MappingDefinition } from './mapping.js';
import { MappingError } from './mapping-error.js';

/** How one target field is filled from the source item. */
export interface FieldRule extends ConverterOptions {
  /** Source field; a dotted path reaches into nested JSON (`party.name`). */
  readonly from: string;
  /** Converter to apply; `text` (trimmed, blank → absent) when not said. */
  readonly as?: ConverterName;
  /** Code table from the source's codes to canonical values; an unknown code passes on as it is. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** For a list of names that the record holds as objects: each item becomes `{ [each]: item }`. */
  readonly each?: string;
}

/** A value every record from this source carries (the exchange that runs all its transactions). */
export interface ConstantRule {
  readonly value: unknown;
}

/**
 * A declarative mapping: target field (dotted for nested objects) → rule. Plain data,
 * checked when compiled, versioned, and able to name the source field behind any error.
 */
export interface FieldMap {
  readonly id: string;
  readonly version: number;
  readonly recordType: string;
  readonly fields: Readonly<Record<string, FieldRule | ConstantRule>>;
}

const CONVERTERS: readonly ConverterName[] = ['text', 'upper', 'date', 'china-time', 'document-number', 'yuan', 'integer', 'number', 'boolean', 'list', 'raw'];

const isConstant = (rule: FieldRule | ConstantRule): rule is ConstantRule => 'value' in rule;

function read(item: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = item;
  const steps = path.split('.');
  for (const [i, step] of steps.entries()) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new MappingError(path, `expected an object at ${steps.slice(0, i).join('.')}, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function lookUp(value: unknown, values: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!values || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return value;
  return Object.hasOwn(values, String(value)) ? values[String(value)] : value;
}

function apply(rule: FieldRule, item: Readonly<Record<string, unknown>>): unknown {
  const converted = convert(rule.as ?? 'text', read(item, rule.from), rule);
  if (!Array.isArray(converted)) return lookUp(converted, rule.values);
  const items = converted.map((element) => lookUp(element, rule.values));
  return rule.each ? items.map((element) => ({ [rule.each!]: element })) : items;
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head!] = value;
    return;
  }
  const child = (target[head!] ??= {}) as Record<string, unknown>;
  assign(child, rest, value);
}

function checkFieldMap(map: FieldMap): void {
  const problems: string[] = [];
  if (!Number.isInteger(map.version) || map.version < 1) problems.push(`version must be a positive integer, got ${map.version}`);
  for (const [target, rule] of Object.entries(map.fields)) {
    if (isConstant(rule)) continue;
    if (rule.as !== undefined && !CONVERTERS.includes(rule.as)) problems.push(`${target}: unknown converter "${rule.as}" (known: ${CONVERTERS.join(', ')})`);
    if (rule.each !== undefined && rule.as !== 'list') problems.push(`${target}: "each" needs as: list`);
    if (rule.unit !== undefined && rule.as !== 'yuan') problems.push(`${target}: "unit" needs as: yuan`);
  }
  if (problems.length > 0) throw new Error(`field map ${map.id}: ${problems.join('; ')}`);
}

/** Compiles a field map once (when its module loads) into a mapping. */
export function compileFieldMap(map: FieldMap): MappingDefinition {
  checkFieldMap(map);
  const rules = Object.entries(map.fields).map(([target, rule]) => ({ path: target.split('.'), pointer: `/${target.split('.').join('/')}`, rule }));
  // Longest pointer first, so `/transferor/name` wins over a rule for `/transferor`.
  const bySpecificity = [...rules].sort((a, b) => b.pointer.length - a.pointer.length);
  return {
    id: map.id,
    version: map.version,
    map(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new MappingError('(item)', `expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
      }
      const candidate: Record<string, unknown> = {};
      for (const { path, rule } of rules) {
        const value = isConstant(rule) ? rule.value : apply(rule, raw);
        if (value !== undefined) assign(candidate, path, value);
      }
      return candidate;
    },
    sourceFieldOf(targetPath) {
      const match = bySpecificity.find(({ pointer }) => targetPath === pointer || targetPath.startsWith(`${pointer}/`));
      return match && !isConstant(match.rule) ? match.rule.from : undefined;
    },
  };
}
