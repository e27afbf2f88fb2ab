import type { Context } from 'hono';
import { CkanValidationError } from './envelope.js';

/** An action's input: CKAN's data_dict, from the query string (GET) or a JSON or form body (POST). */
export type DataDict = Readonly<Record<string, unknown>>;

/** The request could not be read as a data_dict (CKAN answers 400 "Bad request - JSON Error: …"). */
export class UnreadableRequest extends Error {
  override readonly name = 'UnreadableRequest';
}

/** A repeated parameter becomes a list, a single one a string, as CKAN's `mixed()` reads request args. */
function mixed(entries: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of entries) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * GET reads the query string; POST reads a JSON object body (or a form), over the query string.
 * CKAN drops `callback` (JSONP), which is not served here either.
 */
export async function readDataDict(c: Context): Promise<DataDict> {
  const data: Record<string, unknown> = mixed(new URL(c.req.url).searchParams);
  if (c.req.method === 'POST') Object.assign(data, await readBody(c));
  delete data['callback'];
  return data;
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (type.startsWith('application/x-www-form-urlencoded')) return mixed(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UnreadableRequest(`JSON Error: Error decoding JSON data. Error: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UnreadableRequest('JSON Error: Request data JSON decoded to a value that is not an object but it needs to be a dictionary.');
  return parsed as Record<string, unknown>;
}

/** A value as text: strings as they are, JSON values as JSON, nothing as the empty string. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/** Refuses parameters the action does not know, as CKAN's `__junk` check does ("The input field … was not expected."). */
export function refuseUnknown(data: DataDict, known: readonly string[]): void {
  const unknown = Object.keys(data).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new CkanValidationError(Object.fromEntries(unknown.map((key) => [key, [`The input field ${key} was not expected.`]])));
}

/** CKAN's int_validator: an integer, or a string of one; absent or blank is undefined. */
export function intParam(data: DataDict, name: string): number | undefined {
  const value = data[name];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw CkanValidationError.of(name, 'Invalid integer');
  return number;
}

/** CKAN's natural_number_validator: a non-negative integer. */
export function naturalNumberParam(data: DataDict, name: string): number | undefined {
  const value = intParam(data, name);
  if (value !== undefined && value < 0) throw CkanValidationError.of(name, 'Must be a natural number');
  return value;
}

/** CKAN's boolean_validator: true for true, 'true', 'yes', 't', 'y', '1' (any case); false otherwise. */
export function booleanParam(data: DataDict, name: string, fallback: boolean): boolean {
  const value = data[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  return typeof value === 'string' && ['true', 'yes', 't', 'y', '1'].includes(value.toLowerCase());
}

/** A text parameter; a list (a repeated query parameter) is refused naming it. */
export function stringParam(data: DataDict, name: string): string | undefined {
  const value = data[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw CkanValidationError.of(name, 'Must be a string');
}

/** A required text parameter: CKAN's "Missing value" when absent or empty. */
export function requiredString(data: DataDict, name: string): string {
  const value = stringParam(data, name);
  if (value === undefined || value.trim() === '') throw CkanValidationError.of(name, 'Missing value');
  return value;
}

/** A JSON parameter: an object or list as given (a POST body), or a string parsed as JSON (a query string). */
export function jsonParam(data: DataDict, name: string): unknown {
  const value = data[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw CkanValidationError.of(name, 'Cannot parse JSON');
  }
}

/** A list of strings given as a list, or as one comma-separated string (CKAN's datastore get_list), trimmed. */
export function listParam(data: DataDict, name: string): string[] | undefined {
  const value = data[name];
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  if (!items) throw CkanValidationError.of(name, 'Must be a list of strings or a comma-separated string');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}
