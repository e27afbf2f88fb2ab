import type { ConstantRule, FieldMap as SourceFieldMap, FieldRule, SourceFieldRule } from '../generated/source.types.js';
import { cleanText, convert } from './converters.js';
import { fieldMapProblems } from './field-map-check.js';
import type { MappingDefinition } from './mapping.js';
import { MappingError } from './mapping-error.js';

export type { ConstantRule, FieldRule, SourceFieldRule } from '../generated/source.types.js';

/**
 * A declarative mapping: target field (dotted for nested objects) → rule. Plain data (a
 * source's `mapping:` in its YAML, schemas/source.schema.json), checked when compiled,
 * versioned, and able to name the source field behind any error. `id` is the source's.
 */
export interface FieldMap extends SourceFieldMap {
  readonly id: string;
  readonly recordType?: string;
}

/** A rule with its patterns compiled and its nested map (each) ready. */
interface CompiledRule {
  readonly rule: SourceFieldRule;
  readonly find?: RegExp;
  readonly match?: RegExp;
  readonly each?: string | readonly CompiledField[];
  /** Nothing to do after the converter (no find, match or values): the common case, kept fast. */
  readonly plain: boolean;
}

interface CompiledField {
  readonly path: readonly string[];
  readonly pointer: string;
  readonly rule: CompiledRule | ConstantRule;
}

type Item = Readonly<Record<string, unknown>>;

const isConstant = (rule: FieldRule | CompiledRule | ConstantRule): rule is ConstantRule => 'value' in rule;
const isObject = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

function read(item: Item, path: string): unknown {
  if (!path.includes('.')) return item[path];
  let value: unknown = item;
  const steps = path.split('.');
  for (const [i, step] of steps.entries()) {
    if (value === null || value === undefined) return undefined;
    if (!isObject(value)) {
      throw new MappingError(path, `expected an object at ${steps.slice(0, i).join('.')}, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
    value = value[step];
  }
  return value;
}

function lookUp(value: unknown, values: SourceFieldRule['values']): unknown {
  if (!values || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return value;
  return Object.hasOwn(values, String(value)) ? values[String(value)] : value;
}

/** find → match → values, on one value (or one item of a list). */
function refine(compiled: CompiledRule, value: unknown): unknown {
  let refined = value;
  if (compiled.find && typeof refined === 'string') {
    const found = compiled.find.exec(refined);
    refined = found ? (found[1] ?? found[0]) : undefined;
  }
  if (compiled.match && typeof refined === 'string') {
    const groups = compiled.match.exec(refined)?.groups;
    if (groups) refined = Object.fromEntries(Object.entries(groups).filter(([, group]) => group !== undefined));
  }
  return lookUp(refined, compiled.rule.values);
}

function eachItem(each: CompiledRule['each'], element: unknown): unknown {
  if (each === undefined) return element;
  if (typeof each === 'string') return { [each]: element };
  return isObject(element) ? mapFields(each, element) : element;
}

function refineList(compiled: CompiledRule, list: readonly unknown[]): unknown[] {
  const items: unknown[] = [];
  for (const element of list) {
    const refined = refine(compiled, element);
    if (refined !== undefined) items.push(eachItem(compiled.each, refined));
  }
  return items;
}

function apply(compiled: CompiledRule, item: Item): unknown {
  const { rule } = compiled;
  const source = read(item, rule.from);
  const none = rule.empty !== undefined && rule.empty.includes(cleanText(source) as string);
  const converted = none ? (rule.as === 'list' ? [] : undefined) : convert(rule.as ?? 'text', source, rule);
  const value = Array.isArray(converted) ? refineList(compiled, converted) : compiled.plain ? converted : refine(compiled, converted);
  return value === undefined ? rule.default : value;
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

function mapFields(fields: readonly CompiledField[], item: Item): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  for (const { path, rule } of fields) {
    const value = isConstant(rule) ? rule.value : apply(rule, item);
    if (value !== undefined) assign(candidate, path, value);
  }
  return candidate;
}

function compileRule(rule: SourceFieldRule): CompiledRule {
  return {
    rule,
    plain: rule.find === undefined && rule.match === undefined && rule.values === undefined,
    ...(rule.find === undefined ? {} : { find: new RegExp(rule.find, 'u') }),
    ...(rule.match === undefined ? {} : { match: new RegExp(rule.match, 'u') }),
    ...(rule.each === undefined ? {} : { each: typeof rule.each === 'string' ? rule.each : compileFields(rule.each) }),
  };
}

function compileFields(fields: Readonly<Record<string, FieldRule>>): CompiledField[] {
  return Object.entries(fields).map(([target, rule]) => ({
    path: target.split('.'),
    pointer: `/${target.split('.').join('/')}`,
    rule: isConstant(rule) ? rule : compileRule(rule),
  }));
}

/** Compiles a field map once (when its source is loaded) into a mapping; an inconsistent map throws, naming each problem. */
export function compileFieldMap(map: FieldMap): MappingDefinition {
  const problems = fieldMapProblems(map);
  if (problems.length > 0) throw new Error(`field map ${map.id}: ${problems.join('; ')}`);
  const fields = compileFields(map.fields);
  // Longest pointer first, so `/transferor/name` wins over a rule for `/transferor`.
  const bySpecificity = [...fields].sort((a, b) => b.pointer.length - a.pointer.length);
  return {
    id: map.id,
    version: map.version,
    map(raw) {
      if (!isObject(raw)) {
        throw new MappingError('(item)', `expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
      }
      return mapFields(fields, raw);
    },
    sourceFieldOf(targetPath) {
      const match = bySpecificity.find(({ pointer }) => targetPath === pointer || targetPath.startsWith(`${pointer}/`));
      return match && !isConstant(match.rule) ? match.rule.rule.from : undefined;
    },
  };
}
