import { contentHash } from '../util/hash.js';
import { mergeContributions, topContribution, type Contribution, type GoldenRecord, type SourcePrecedence } from './golden-merge.js';
import { identityConflict, type IdentityConflict, type IdentityOf } from './identity-conflict.js';
import type { CandidateRecord, Provenance } from './model.js';

/**
 * The decisions of the SSOT, free of I/O: given what is stored for one record and what
 * arrived, what must be written. The store turns a plan into conditional puts.
 */

/** What the current item says of one contribution (one source row). */
export interface SourceEntry {
  readonly hash: string;
  readonly extractedAt: string;
  readonly provenance: Provenance;
  /** Set when the source withdrew the row; an extraction at or before it cannot revive it. */
  readonly withdrawnAt?: string;
}

/** The state of a record's current item. */
export interface Head {
  readonly version: number;
  /** Incremented on every write of the current item: the optimistic-concurrency token. */
  readonly revision: number;
  readonly contentHash: string;
  /** The golden record (a tombstone keeps its last content). */
  readonly record: Readonly<Record<string, unknown>>;
  /** The contribution (or withdrawal) that caused the latest version. */
  readonly provenance: Provenance;
  readonly fieldSources: Readonly<Record<string, string>>;
  /** Every source row that ever contributed, by ref, withdrawn ones included. */
  readonly sources: Readonly<Record<string, SourceEntry>>;
  readonly deleted: boolean;
  /**
   * Set while the active contributions are two cases under one match key: then `record`
   * is empty (nothing merged) and the record is neither listed nor published.
   */
  readonly conflict?: IdentityConflict;
}

/** The state a plan leads to: the next current item. */
export type NextState = Head;

export interface Plan {
  /** created / updated: a new version; contributed: a source's row changed but the golden record did not. */
  readonly outcome: 'created' | 'updated' | 'contributed';
  readonly next: NextState;
  /** Whether `next` is a new version to store as an immutable version item. */
  readonly newVersion: boolean;
}

export interface MergeRules {
  readonly precedence: SourcePrecedence;
  /** Whether a merged record is valid for its type; an invalid merge falls back to the top contribution. */
  readonly isValid?: (record: Readonly<Record<string, unknown>>) => boolean;
  /** The record type's identity values; contributions that disagree on one are not merged. Without it, no check. */
  readonly identityOf?: IdentityOf;
}

/** What a record in conflict holds in place of a golden record: nothing of either side. */
export const CONFLICT_RECORD: Readonly<Record<string, unknown>> = Object.freeze({});

export const activeRefs = (head: Head | undefined): string[] =>
  Object.entries(head?.sources ?? {})
    .filter(([, entry]) => entry.withdrawnAt === undefined)
    .map(([ref]) => ref);

function golden(contributions: readonly Contribution[], rules: MergeRules): GoldenRecord {
  if (contributions.length === 1) {
    const only = contributions[0]!;
    return { record: only.record, fieldSources: Object.fromEntries(Object.keys(only.record).map((f) => [f, only.ref])) };
  }
  const merged = mergeContributions(contributions, rules.precedence);
  return rules.isValid && !rules.isValid(merged.record) ? topContribution(contributions, rules.precedence) : merged;
}

function settle(
  head: Head | undefined,
  contributions: readonly Contribution[],
  sources: Record<string, SourceEntry>,
  cause: Provenance,
  rules: MergeRules,
): Plan {
  const conflict = rules.identityOf ? identityConflict(contributions, rules.identityOf) : undefined;
  if (conflict) return inConflict(head, conflict, sources, cause);
  const { record, fieldSources } = golden(contributions, rules);
  const hash = contentHash(record);
  const newVersion = !head || head.deleted || head.conflict !== undefined || head.contentHash !== hash;
  return {
    outcome: !head ? 'created' : newVersion ? 'updated' : 'contributed',
    newVersion,
    next: {
      version: (head?.version ?? 0) + (newVersion ? 1 : 0),
      revision: (head?.revision ?? 0) + 1,
      contentHash: hash,
      record,
      provenance: newVersion ? cause : head.provenance,
      fieldSources,
      sources,
      deleted: false,
    },
  };
}

/**
 * Nothing is merged: the record's content is emptied by a new version (which withdraws
 * what was published of it), or, already in conflict, only the conflict's sides change.
 */
function inConflict(head: Head | undefined, conflict: IdentityConflict, sources: Record<string, SourceEntry>, cause: Provenance): Plan {
  const newVersion = !head || head.deleted || head.conflict === undefined;
  return {
    outcome: !head ? 'created' : newVersion ? 'updated' : 'contributed',
    newVersion,
    next: {
      version: (head?.version ?? 0) + (newVersion ? 1 : 0),
      revision: (head?.revision ?? 0) + 1,
      contentHash: contentHash(CONFLICT_RECORD),
      record: CONFLICT_RECORD,
      provenance: newVersion ? cause : head.provenance,
      fieldSources: {},
      sources,
      deleted: false,
      conflict,
    },
  };
}

/** Whether a source row changes nothing: same content as stored, or older than what is stored. */
export function isNoOp(head: Head | undefined, candidate: CandidateRecord, ref: string): boolean {
  const entry = head?.sources[ref];
  if (!entry) return false;
  const extractedAt = candidate.provenance.extractedAt;
  if (entry.withdrawnAt !== undefined) return extractedAt <= entry.withdrawnAt;
  if (extractedAt < entry.extractedAt) return true;
  return entry.hash === contentHash(candidate.record) && !head.deleted;
}

/**
 * A source row arrived. Undefined when nothing is to be written: the row's content is
 * what the source already said, or it was extracted before what is stored (a late
 * redelivery must not roll a record back).
 */
export function planUpsert(
  head: Head | undefined,
  candidate: CandidateRecord,
  ref: string,
  others: readonly Contribution[],
  rules: MergeRules,
): Plan | undefined {
  if (isNoOp(head, candidate, ref)) return undefined;
  const hash = contentHash(candidate.record);
  const extractedAt = candidate.provenance.extractedAt;
  const mine: Contribution = { ref, record: candidate.record, provenance: candidate.provenance };
  const sources: Record<string, SourceEntry> = { ...(head?.sources ?? {}), [ref]: { hash, extractedAt, provenance: candidate.provenance } };
  const active = others.filter((c) => c.ref !== ref && sources[c.ref] !== undefined && sources[c.ref]!.withdrawnAt === undefined);
  return settle(head, [mine, ...active], sources, candidate.provenance, rules);
}

/**
 * Source rows withdrew (deleted at the source). The rest re-merge; with none left the
 * record becomes a tombstone that keeps its last content. Undefined when every row was
 * already withdrawn at or after `withdrawal.extractedAt`.
 */
export function planWithdraw(
  head: Head,
  refs: readonly string[],
  others: readonly Contribution[],
  withdrawal: Provenance,
  rules: MergeRules,
): Plan | undefined {
  const withdrawing = refs.filter((ref) => {
    const entry = head.sources[ref];
    return (
      entry !== undefined && entry.extractedAt <= withdrawal.extractedAt && (entry.withdrawnAt === undefined || entry.withdrawnAt < withdrawal.extractedAt)
    );
  });
  if (withdrawing.length === 0) return undefined;
  const sources: Record<string, SourceEntry> = { ...head.sources };
  for (const ref of withdrawing) sources[ref] = { ...head.sources[ref]!, withdrawnAt: withdrawal.extractedAt };
  const remaining = others.filter((c) => sources[c.ref]?.withdrawnAt === undefined);
  if (remaining.length > 0) return settle(head, remaining, sources, withdrawal, rules);
  // With every row gone there is nothing left to disagree: a conflict ends in the tombstone.
  const { conflict: _ended, ...rest } = head;
  if (head.deleted) return { outcome: 'contributed', newVersion: false, next: { ...rest, revision: head.revision + 1, sources } };
  return {
    outcome: 'updated',
    newVersion: true,
    next: { ...rest, version: head.version + 1, revision: head.revision + 1, provenance: withdrawal, sources, deleted: true },
  };
}
