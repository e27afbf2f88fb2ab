import type { Contribution } from './golden-merge.js';
import { conflictSources, sameConflict, type ConflictChange } from './identity-conflict.js';
import { recordPk, type CandidateRecord, type Provenance } from './model.js';
import { headFromItem, type Item, type RecordName } from './record-items.js';
import { activeRefs, isNoOp, planUpsert, planWithdraw, type Head, type MergeRules, type NextState, type SourceEntry } from './record-state.js';

/**
 * What one record's write is to be, from what was read of it: the step between the
 * plans of record-state.ts and the store's conditional puts.
 */

/** A contribution as stored: with its own copy of the content, or sharing the current item's. */
export type StoredContribution = Contribution & { readonly storedInCurrent: boolean };

/** What a source row did to its record; `conflicted`: it left the record (still) in an identity conflict. */
export type WriteStep = 'created' | 'updated' | 'unchanged' | 'conflicted';

/** What one record's write puts: contribution items, version items, then the current item. */
export interface RecordWrite {
  readonly name: RecordName;
  /** The current item as read: the write is conditional on it still being there. */
  readonly condition: Head | undefined;
  readonly next: NextState;
  readonly versions: readonly NextState[];
  /**
   * Contribution items to (re)write, only for a record with two or more active sources
   * (a sole source's row is the current item's content): with content for arrivals,
   * without for withdrawals.
   */
  readonly contributions: ReadonlyMap<string, { readonly entry: SourceEntry; readonly record?: Readonly<Record<string, unknown>> }>;
}

export interface PreparedWrite {
  readonly steps: readonly WriteStep[];
  readonly write?: RecordWrite;
  readonly withdrawn?: number;
  /** How the write changes the record's identity conflict, if it does. */
  readonly conflict?: ConflictChange;
}

/** The change of a record's conflict from `before` to `after`, undefined when there is none. */
function conflictChange(name: RecordName, before: Head | undefined, after: NextState, contributions: readonly Contribution[]): ConflictChange | undefined {
  if (sameConflict(before?.conflict, after.conflict)) return undefined;
  const sides = new Set(after.conflict?.sides.map((side) => side.ref));
  const records = Object.fromEntries(contributions.filter((c) => sides.has(c.ref)).map((c) => [c.ref, c.record]));
  return { ...name, before: conflictSources(before?.conflict), ...(after.conflict ? { after: { conflict: after.conflict, records } } : {}) };
}

/**
 * Rows of one write that leave the record in conflict: the versions planned between were
 * never seen, so one conflict version stands for them (none when it was in conflict before).
 */
function collapseIntoConflict(condition: Head | undefined, final: NextState): { next: NextState; versions: NextState[] } {
  if (condition?.conflict !== undefined && !condition.deleted) {
    return { next: { ...final, version: condition.version, provenance: condition.provenance }, versions: [] };
  }
  const next = { ...final, version: (condition?.version ?? 0) + 1 };
  return { next, versions: [next] };
}

/** The reads a preparation may need beyond the current item. */
export interface RecordReads {
  /** Every live contribution of the record whose current item is `current`. */
  contributions(pk: string, current: Item): Promise<StoredContribution[]>;
  /** The content an item holds, inline or by pointer. */
  content(item: Item): Promise<Readonly<Record<string, unknown>>>;
}

/** Source rows (by source ref) of one record arrived; `item` is its current item as read. */
export async function prepareUpsert(
  group: ReadonlyMap<string, CandidateRecord>,
  item: Item | undefined,
  reads: RecordReads,
  rulesFor: (recordType: string) => MergeRules,
): Promise<PreparedWrite> {
  // Upserts never need the stored golden content: the next one is merged from contributions.
  let head = item ? headFromItem(item, {}) : undefined;
  const changing = [...group].filter(([ref, candidate]) => !isNoOp(head, candidate, ref)).map(([ref]) => ref);
  if (changing.length === 0) return { steps: [...group.keys()].map(() => 'unchanged') };
  const first = [...group.values()][0]!;
  const name = { recordType: first.recordType, recordId: first.recordId };
  const rules = rulesFor(name.recordType);
  const needOthers = item !== undefined && activeRefs(head).some((ref) => !(changing.length === 1 && changing[0] === ref));
  const loaded = needOthers ? await reads.contributions(recordPk(name.recordType, name.recordId), item) : [];
  let others: Contribution[] = loaded;
  const condition = head;
  const steps: WriteStep[] = [];
  let versions: NextState[] = [];
  const contributions = new Map<string, { entry: SourceEntry; record: Readonly<Record<string, unknown>> }>();
  for (const [ref, candidate] of group) {
    const plan = planUpsert(head, candidate, ref, others, rules);
    if (!plan) {
      steps.push('unchanged');
      continue;
    }
    steps.push(plan.next.conflict ? 'conflicted' : plan.outcome === 'contributed' ? 'unchanged' : plan.outcome);
    if (plan.newVersion) versions.push(plan.next);
    contributions.set(ref, { entry: plan.next.sources[ref]!, record: candidate.record });
    others = [...others.filter((c) => c.ref !== ref), { ref, record: candidate.record, provenance: candidate.provenance }];
    head = plan.next;
  }
  if (!head || head === condition) return { steps };
  if (head.conflict) ({ next: head, versions } = collapseIntoConflict(condition, head));
  const conflict = conflictChange(name, condition, head, others);
  const writes = new Map<string, { entry: SourceEntry; record: Readonly<Record<string, unknown>> }>();
  if (activeRefs(head).length > 1) {
    for (const [ref, c] of contributions) writes.set(ref, { entry: c.entry, record: c.record });
    // A former sole contributor kept no copy of its row; with others joining, it needs one.
    for (const c of loaded) if (c.storedInCurrent && !writes.has(c.ref)) writes.set(c.ref, { entry: head.sources[c.ref]!, record: c.record });
  }
  return { steps, write: { name, condition, next: head, versions, contributions: writes }, ...(conflict ? { conflict } : {}) };
}

/** Source rows (by source ref) of the record whose current item is `item` were withdrawn. */
export async function prepareWithdraw(
  item: Item | undefined,
  refs: readonly string[],
  withdrawal: Provenance,
  reads: RecordReads,
  rulesFor: (recordType: string) => MergeRules,
): Promise<PreparedWrite> {
  if (!item || refs.length === 0) return { steps: [], withdrawn: 0 };
  const pk = String(item.pk);
  const head = headFromItem(item, await reads.content(item));
  const others = activeRefs(head).some((ref) => !refs.includes(ref)) ? await reads.contributions(pk, item) : [];
  const plan = planWithdraw(head, refs, others, withdrawal, rulesFor(String(item.recordType)));
  if (!plan) return { steps: [], withdrawn: 0 };
  const withdrawnRefs = refs.filter((ref) => plan.next.sources[ref]?.withdrawnAt !== head.sources[ref]?.withdrawnAt);
  const name = { recordType: String(item.recordType), recordId: String(item.recordId) };
  // Only a record with two or more active sources has contribution items to mark withdrawn.
  const hadItems = activeRefs(head).length > 1;
  const contributions = new Map(hadItems ? withdrawnRefs.map((ref) => [ref, { entry: plan.next.sources[ref]! }]) : []);
  const conflict = conflictChange(name, head, plan.next, others);
  return {
    steps: [],
    withdrawn: withdrawnRefs.length,
    write: { name, condition: head, next: plan.next, versions: plan.newVersion ? [plan.next] : [], contributions },
    ...(conflict ? { conflict } : {}),
  };
}

/** How many source rows of an upsert created, updated, left a record unchanged or in conflict. */
export function countSteps(prepared: Iterable<PreparedWrite>): { created: number; updated: number; unchanged: number; conflicted: number } {
  const counts = { created: 0, updated: 0, unchanged: 0, conflicted: 0 };
  for (const p of prepared) for (const step of p.steps) counts[step] += 1;
  return counts;
}

/** The conflict changes of the records written. */
export const conflictChanges = (prepared: Iterable<PreparedWrite>): ConflictChange[] => [...prepared].flatMap((p) => (p.conflict ? [p.conflict] : []));
