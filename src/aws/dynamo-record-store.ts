import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, RecordStore } from '../ports/index.js';
import type { SourcePrecedence } from '../ssot/golden-merge.js';
import type { IdentityOf } from '../ssot/identity-conflict.js';
import { recordPk, sourceRef, type CandidateRecord, type Provenance, type SourceWithdrawal, type TombstoneOutcome, type UpsertOutcome } from '../ssot/model.js';
import { adoptOrphanVersion } from '../ssot/orphan-version.js';
import { headFromItem, type Item, type RecordName } from '../ssot/record-items.js';
import { activeRefs, type MergeRules } from '../ssot/record-state.js';
import { conflictChanges, countSteps, prepareUpsert, prepareWithdraw, type PreparedWrite, type RecordReads } from '../ssot/record-writes.js';
import { logger } from '../util/logger.js';
import { mapBounded } from '../util/map-bounded.js';
import { DynamoRecordReader, type RecordStoreOptions } from './dynamo-record-reader.js';
import { RecordPuts } from './record-puts.js';
import { queryPages } from './dynamo-query.js';
import { backoffDelayMs, pause } from './retry.js';

/** Records of one batch written at once: each is a short chain of conditional puts. */
const RECORD_WRITE_CONCURRENCY = 16;

/** Retries of one record's write after it lost a race or met an orphan version: re-read, re-merge, write again. */
export const MAX_CONFLICT_RETRIES = 8;

export interface RecordStoreWriteOptions extends RecordStoreOptions {
  /** Declared source precedence for golden records of a type. */
  readonly precedence?: (recordType: string) => SourcePrecedence;
  /** Whether a merged golden record is valid for its type (else the top source's record is kept whole). */
  readonly isValid?: (recordType: string, record: Readonly<Record<string, unknown>>) => boolean;
  /** A type's identity values: rows under one id that disagree on one are not merged (an identity conflict). */
  readonly identityOf?: (recordType: string) => IdentityOf | undefined;
}

/**
 * The SSOT in DynamoDB (item shapes in record-items.ts). A record is written by
 * conditional puts, no transaction (record-puts.ts): version items once each, then the
 * current item conditional on the revision read. A redelivered batch writes nothing; of
 * two concurrent writers the loser re-reads, re-merges and writes again, so no update is
 * lost; a writer that stopped between its version and its current item left an orphan
 * version, which the record's next writer adopts.
 */
export class DynamoRecordStore extends DynamoRecordReader implements RecordStore {
  private readonly reads: RecordReads = {
    contributions: (pk, current) => this.readContributions(pk, current),
    content: (item) => this.content(item),
  };
  private readonly puts: RecordPuts;

  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    private readonly clock: Clock,
    private readonly writeOptions: RecordStoreWriteOptions = {},
  ) {
    super(doc, table, writeOptions);
    this.puts = new RecordPuts(doc, table, this.overflow);
  }

  private readonly rules = (recordType: string): MergeRules => {
    const isValid = this.writeOptions.isValid;
    const identityOf = this.writeOptions.identityOf?.(recordType);
    return {
      precedence: this.writeOptions.precedence?.(recordType) ?? {},
      ...(isValid ? { isValid: (record: Readonly<Record<string, unknown>>) => isValid(recordType, record) } : {}),
      ...(identityOf ? { identityOf } : {}),
    };
  };

  async upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome> {
    const groups = new Map<string, Map<string, CandidateRecord>>();
    for (const c of candidates) {
      const pk = recordPk(c.recordType, c.recordId);
      const group = groups.get(pk) ?? new Map<string, CandidateRecord>();
      group.set(sourceRef(c.provenance.sourceId, c.provenance.sourceKey), c);
      groups.set(pk, group);
    }
    const prepared = await this.writeAll(groups.keys(), (pk, item) => prepareUpsert(groups.get(pk)!, item, this.reads, this.rules));
    const conflicts = conflictChanges(prepared);
    const { conflicted, ...counts } = countSteps(prepared);
    return { ...counts, ...(conflicted > 0 ? { conflicted } : {}), ...(conflicts.length > 0 ? { conflicts } : {}) };
  }

  /**
   * Withdraws source rows the source deleted. Each row's record re-merges from what the
   * other sources say, or becomes a tombstone (a new version marked deleted, which the
   * stream carries to publish and the feeds) when it was the last. The rows' records are
   * found by index queries a few at a time, their current items read in batches.
   */
  async tombstone(withdrawal: SourceWithdrawal): Promise<TombstoneOutcome> {
    const byRecord = new Map<string, { name: RecordName; refs: string[] }>();
    let notFound = 0;
    for (const [key, names] of await this.findBySourceKeys(withdrawal.sourceId, [...new Set(withdrawal.sourceKeys)])) {
      if (names.length === 0) notFound += 1;
      for (const name of names) {
        const pk = recordPk(name.recordType, name.recordId);
        const entry = byRecord.get(pk) ?? { name, refs: [] };
        entry.refs.push(sourceRef(withdrawal.sourceId, key));
        byRecord.set(pk, entry);
      }
    }
    const provenanceOf = (ref: string): Provenance => ({
      sourceId: withdrawal.sourceId,
      rawKey: withdrawal.rawKey ?? '',
      index: -1,
      sourceKey: ref.slice(withdrawal.sourceId.length + 1),
      extractedAt: withdrawal.observedAt,
    });
    const all = await this.writeAll(byRecord.keys(), (pk, item) => {
      const { refs } = byRecord.get(pk)!;
      return prepareWithdraw(item, refs, provenanceOf(refs[0]!), this.reads, this.rules);
    });
    const requested = [...byRecord.values()].reduce((n, r) => n + r.refs.length, 0);
    const withdrawn = all.reduce((n, p) => n + (p.withdrawn ?? 0), 0);
    const conflicts = conflictChanges(all);
    return {
      ...(conflicts.length > 0 ? { conflicts } : {}),
      withdrawn,
      deleted: all.filter((p) => p.write?.next.deleted === true && p.write.condition?.deleted === false).length,
      notFound: notFound + requested - withdrawn,
    };
  }

  /** An operator's tombstone: every contribution of the record withdrawn at once. False when there was nothing to withdraw. */
  async tombstoneRecord(recordType: string, recordId: string, by: Omit<Provenance, 'extractedAt'>): Promise<boolean> {
    const withdrawal = { ...by, extractedAt: this.clock.now().toISOString() };
    const [prepared] = await this.writeAll([recordPk(recordType, recordId)], (_pk, item) =>
      item ? prepareWithdraw(item, activeRefs(headFromItem(item, {})), withdrawal, this.reads, this.rules) : Promise.resolve({ steps: [] }),
    );
    return (prepared?.withdrawn ?? 0) > 0;
  }

  /** Reads the records' current items in batches, prepares and writes each record, a bounded number at once. */
  private async writeAll(pks: Iterable<string>, prepare: (pk: string, item: Item | undefined) => Promise<PreparedWrite>): Promise<PreparedWrite[]> {
    const keys = [...pks];
    const items = await this.readCurrentItems(keys);
    return mapBounded(keys, RECORD_WRITE_CONCURRENCY, async (pk) => this.writeRecord(pk, items.get(pk), prepare));
  }

  /**
   * Prepares one record's write from its current item and puts it; after a lost race,
   * re-reads and tries again. `base` is the current item as read, or as it stands with an
   * orphan version adopted (then at the revision read, so the next put is still
   * conditional on nobody having moved the record).
   */
  private async writeRecord(
    pk: string,
    read: Item | undefined,
    prepare: (pk: string, item: Item | undefined) => Promise<PreparedWrite>,
  ): Promise<PreparedWrite> {
    let base = read;
    let prepared = await prepare(pk, base);
    // Our version items stay in the history even when another writer moves the current item past them (it adopted them).
    let landed: { prepared: PreparedWrite; version: number; contentHash: string } | undefined;
    for (let attempt = 0; ; attempt++) {
      if (!prepared.write) return landed?.prepared ?? prepared;
      const outcome = await this.puts.put(prepared.write, this.clock.now().toISOString());
      if (outcome.landed > 0) {
        const version = prepared.write.versions.find((v) => v.version === outcome.landed)!;
        landed = { prepared, version: outcome.landed, contentHash: version.contentHash };
      }
      if (outcome.kind === 'written') return landed && prepared.write.versions.length === 0 ? landed.prepared : prepared;
      if (attempt >= MAX_CONFLICT_RETRIES) throw new Error(`record ${pk}: gave up after ${MAX_CONFLICT_RETRIES + 1} conflicting writes`);
      logger.debug('record write lost a race; retrying', { pk, attempt, outcome: outcome.kind });
      await pause(backoffDelayMs(attempt));
      const fresh = (await this.readCurrentItems([pk])).get(pk);
      if (landed && isPast(fresh, landed)) return landed.prepared;
      const adopting = outcome.kind === 'orphan' && revisionOf(fresh) === revisionOf(base);
      base = adopting ? adoptOrphanVersion(base, outcome.orphan, await this.contributionItems(pk)) : fresh;
      prepared = await prepare(pk, base);
      // Nothing of ours to add to the adopted version: the current item must still catch up to it.
      if (adopting && !prepared.write) prepared = await this.catchUp(prepared, base!);
    }
  }

  /** A write that moves the current item to the state `base` (an adopted orphan) stands for, and no further. */
  private async catchUp(prepared: PreparedWrite, base: Item): Promise<PreparedWrite> {
    const head = headFromItem(base, await this.content(base));
    const name = { recordType: String(base.recordType), recordId: String(base.recordId) };
    return { ...prepared, write: { name, condition: head, next: { ...head, revision: head.revision + 1 }, versions: [], contributions: new Map() } };
  }

  private async contributionItems(pk: string): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of queryPages(this.doc, this.contributionsQuery(pk))) items.push(...page);
    return items;
  }
}

/** Whether the current item stands on a version we put: past it, or at it with its content (whoever moved it adopted ours). */
function isPast(current: Item | undefined, landed: { version: number; contentHash: string }): boolean {
  const version = Number(current?.version ?? 0);
  return version > landed.version || (version === landed.version && current?.contentHash === landed.contentHash);
}

/** The revision a current item is at; 0 for none. */
const revisionOf = (item: Item | undefined): number => (item ? headFromItem(item, {}).revision : 0);
