import type { ValidationIssue } from '../records/validation-issue.js';

export interface QuarantineEntry {
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
}

/** An entry stays far below DynamoDB's 400 KB item limit: the raw locator always leads to the full item. */
const MAX_ERRORS_KEPT = 100;
const MAX_RAW_BYTES = 64 * 1024;

/** The entry as kept: at most MAX_ERRORS_KEPT errors (with their count) and the raw item only if small. */
export function boundedEntry(entry: QuarantineEntry): QuarantineEntry {
  const tooManyErrors = entry.errors.length > MAX_ERRORS_KEPT;
  const rawTooLarge = Buffer.byteLength(entry.raw, 'utf8') > MAX_RAW_BYTES;
  if (!tooManyErrors && !rawTooLarge) return entry;
  return {
    ...entry,
    ...(tooManyErrors ? { errors: entry.errors.slice(0, MAX_ERRORS_KEPT), errorCount: entry.errors.length } : {}),
    ...(rawTooLarge ? { raw: '', rawTruncated: true } : {}),
  };
}

/** Whether a quarantine entry (by when its row was extracted) is superseded by a valid row extracted at `validAt`. */
export const supersededBy = (entry: { readonly extractedAt?: unknown; readonly quarantinedAt?: unknown }, validAt: string): boolean =>
  String(entry.extractedAt ?? entry.quarantinedAt) <= validAt;
