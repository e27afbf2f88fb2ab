import type { ValidationIssue } from '../records/validation-issue.js';

/**
 * What an entry holds: a row that failed mapping or validation (`validation`; entries
 * without a kind are of it), or rows that passed but are two cases under one record id
 * (`identity-conflict`), kept under the key `conflict:<recordId>`.
 */
export type QuarantineKind = 'validation' | 'identity-conflict';

/** One identity field as a side of a conflict sent it. */
export interface ConflictValue {
  /** As the record holds it. */
  readonly raw?: string;
  /** As compared (identity.ts: NFKC, no whitespace, upper case). */
  readonly normalized?: string;
}

/** One side of an identity conflict: a source row and what it says. */
export interface ConflictSideEntry {
  readonly sourceId: string;
  readonly sourceKey: string;
  readonly rawKey: string;
  readonly index: number;
  readonly extractedAt: string;
  /** Every identity field of the record type, by name. */
  readonly identity: Readonly<Record<string, ConflictValue>>;
  /** The side's whole canonical record (left out when too large; the locator leads to it). */
  readonly record?: Readonly<Record<string, unknown>>;
}

export interface IdentityConflictDetail {
  readonly recordId: string;
  /** Identity fields on which the sides disagree. */
  readonly fields: readonly string[];
  /** Chinese label of every identity field, in the record type's order. */
  readonly labels: Readonly<Record<string, string>>;
  readonly sides: readonly ConflictSideEntry[];
  readonly recordsTruncated?: boolean;
}

export interface QuarantineEntry {
  /** Absent on entries written before kinds existed: validation. */
  readonly kind?: QuarantineKind;
  readonly sourceId: string;
  readonly recordType: string;
  /** The row's own key in the source, so a re-pulled defective row replaces its entry. */
  readonly sourceKey: string;
  /** Raw locator: the batch in the raw zone and the item's position in it. */
  readonly rawKey: string;
  readonly index: number;
  readonly errors: readonly ValidationIssue[];
  /** The item exactly as the source sent it, JSON ('' when it was too large to keep here; the locator has it). */
  readonly raw: string;
  readonly quarantinedAt: string;
  /** When the source was read (the raw batch's pull time): orders the entry against later valid rows. */
  readonly extractedAt?: string;
  /** The mapping and its version that produced the rejected candidate (`demo-enforcement@2`). */
  readonly mapping?: string;
  /** Errors in all, when more were found than the entry keeps. */
  readonly errorCount?: number;
  readonly rawTruncated?: boolean;
  /** The two (or more) sides, on an identity-conflict entry. */
  readonly conflict?: IdentityConflictDetail;
}

export const kindOf = (entry: Pick<QuarantineEntry, 'kind'>): QuarantineKind => entry.kind ?? 'validation';

/** An entry stays far below DynamoDB's 400 KB item limit: the raw locator always leads to the full item. */
const MAX_ERRORS_KEPT = 100;
const MAX_RAW_BYTES = 64 * 1024;

/**
 * The entry as kept: at most MAX_ERRORS_KEPT errors (with their count), the raw item only
 * if small, and a conflict's sides' records only if small.
 */
export function boundedEntry(entry: QuarantineEntry): QuarantineEntry {
  const tooManyErrors = entry.errors.length > MAX_ERRORS_KEPT;
  const rawTooLarge = Buffer.byteLength(entry.raw, 'utf8') > MAX_RAW_BYTES;
  const conflict = entry.conflict;
  const recordsTooLarge = conflict !== undefined && Buffer.byteLength(JSON.stringify(conflict.sides), 'utf8') > MAX_RAW_BYTES;
  if (!tooManyErrors && !rawTooLarge && !recordsTooLarge) return entry;
  return {
    ...entry,
    ...(tooManyErrors ? { errors: entry.errors.slice(0, MAX_ERRORS_KEPT), errorCount: entry.errors.length } : {}),
    ...(rawTooLarge ? { raw: '', rawTruncated: true } : {}),
    ...(recordsTooLarge ? { conflict: { ...conflict, sides: conflict.sides.map(({ record: _dropped, ...side }) => side), recordsTruncated: true } } : {}),
  };
}

/** Whether a quarantine entry (by when its row was extracted) is superseded by a valid row extracted at `validAt`. */
export const supersededBy = (entry: { readonly extractedAt?: unknown; readonly quarantinedAt?: unknown }, validAt: string): boolean =>
  String(entry.extractedAt ?? entry.quarantinedAt) <= validAt;
