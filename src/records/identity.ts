import { normalizeDecisionNumber } from './normalize-values.js';

/**
 * What makes two records one case. The match key (a record type's `idOf`) says which rows
 * are candidates to merge; the identity fields say whether they really are the same case:
 * rows under one key that disagree on any of them are two cases, and the SSOT merges
 * nothing of them (an identity conflict the steward resolves).
 */
export interface IdentityField {
  /** Our name for the field; a schema field's name when it reads one field. */
  readonly name: string;
  /** Chinese label for the steward. */
  readonly label: string;
  /** The value as the record holds it (undefined when the record has none). */
  read(record: Readonly<Record<string, unknown>>): string | undefined;
}

/** A string field of the record, or undefined. */
const text = (record: Readonly<Record<string, unknown>>, field: string): string | undefined => {
  const value = record[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** An identity field that is one field of the schema. */
export const fieldIdentity = (name: string, label: string): IdentityField => ({ name, label, read: (record) => text(record, name) });

/** An identity field that is the first present of several fields (a party's code: credit code, else ID number). */
export const firstOf = (name: string, label: string, fields: readonly string[]): IdentityField => ({
  name,
  label,
  read: (record) => fields.map((field) => text(record, field)).find((value) => value !== undefined),
});

/**
 * The form in which identity values are compared: Unicode-compatible (full-width folded),
 * no whitespace, upper case (check characters of codes and ID numbers end in X or a letter).
 */
export function normalizeIdentityValue(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** Normalized identity values of a record, by identity field; a field the record lacks is left out. */
export function identityValues(record: Readonly<Record<string, unknown>>, fields: readonly IdentityField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const raw = field.read(record);
    if (raw !== undefined) values[field.name] = normalizeIdentityValue(raw);
  }
  return values;
}

/**
 * The match key of a decision or document: who issued it and its 文号. The issuer is its
 * unified social credit code when it has one, else its name (NFKC, no whitespace); the 文号
 * is in GB/T 9704 form. `11330602MB0000000X:绍越市监罚〔2021〕45号`. Two departments number
 * their documents independently, so a 文号 alone names no case.
 */
export function issuerMatchKey(issuer: { readonly code?: string | undefined; readonly name: string }, documentNumber: string): string {
  const code = issuer.code?.trim();
  const by = code ? code.toUpperCase() : issuer.name.normalize('NFKC').replace(/\s+/gu, '');
  return `${by}:${normalizeDecisionNumber(documentNumber)}`;
}
