import type { FieldMap, FieldRule, SourceFieldRule } from '../generated/source.types.js';
import { CONVERTER_NAMES } from './converters.js';

/** One inconsistency of a field map: the target field it is at (dotted; nested maps as `materials[].form`), if any. */
export interface FieldMapProblem {
  readonly target?: string;
  readonly message: string;
}

function patternProblem(option: 'find' | 'match', pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  try {
    const compiled = new RegExp(pattern, 'u');
    if (option === 'match' && !/\(\?<[A-Za-z_$][\w$]*>/u.test(compiled.source)) return '"match" needs named groups, (?<name>…), to become an object';
    return undefined;
  } catch (error) {
    return `"${option}" is not a regular expression: ${(error as Error).message}`;
  }
}

function ruleProblems(rule: SourceFieldRule): string[] {
  const problems: string[] = [];
  if (rule.as !== undefined && !CONVERTER_NAMES.includes(rule.as))
    problems.push(`unknown converter "${String(rule.as)}" (known: ${CONVERTER_NAMES.join(', ')})`);
  if (rule.each !== undefined && rule.as !== 'list' && rule.as !== 'raw') problems.push('"each" needs as: list (or raw, for a JSON array)');
  if (rule.unit !== undefined && rule.as !== 'yuan') problems.push('"unit" needs as: yuan');
  if (rule.separators !== undefined && rule.as !== 'list') problems.push('"separators" needs as: list');
  for (const option of ['find', 'match'] as const) {
    const problem = patternProblem(option, rule[option]);
    if (problem) problems.push(problem);
  }
  return problems;
}

function fieldsProblems(fields: Readonly<Record<string, FieldRule>>, prefix: string): FieldMapProblem[] {
  const problems: FieldMapProblem[] = [];
  for (const [name, rule] of Object.entries(fields)) {
    if ('value' in rule) continue;
    const target = `${prefix}${name}`;
    problems.push(...ruleProblems(rule).map((message) => ({ target, message })));
    if (typeof rule.each === 'object') problems.push(...fieldsProblems(rule.each, `${target}[].`));
  }
  return problems;
}

/** What the schema cannot say about a field map: option combinations, and patterns that must compile. */
export function fieldMapProblems(map: FieldMap): string[] {
  const problems: FieldMapProblem[] = [];
  if (!Number.isInteger(map.version) || map.version < 1) problems.push({ message: `version must be a positive integer, got ${map.version}` });
  problems.push(...fieldsProblems(map.fields, ''));
  return problems.map(({ target, message }) => (target === undefined ? message : `${target}: ${message}`));
}
