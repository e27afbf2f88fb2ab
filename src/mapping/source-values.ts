import { MappingError } from './mapping-error.js';

/** Trimmed text; blank or missing → undefined; numbers as text; anything else passed on for the validator. */
export function text(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Converts a text value; anything that is not text is passed on unchanged. */
export function mapped(value: unknown, convert: (text: string) => unknown): unknown {
  const cleaned = text(value);
  return typeof cleaned === 'string' ? convert(cleaned) : cleaned;
}

/** Drops absent fields so the candidate carries only what the source said. */
export function withoutAbsent(candidate: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
}

export function requireObject(raw: unknown): Readonly<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MappingError('(item)', `expected an object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
  }
  return raw as Readonly<Record<string, unknown>>;
}
