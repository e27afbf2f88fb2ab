import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Clock, RecordStore } from '../ports/index.js';
import type { SourcePrecedence } from '../ssot/golden-merge.js';
import type { IdentityOf } from '../ssot/identity-conflict.js';
import { recordPk, sourceRef, type CandidateRecord, type Provenance, type SourceWithdrawal, type TombstoneOutcome, type UpsertOutcome } from '../ssot/model.js';
import type { StoredBody } from '../ssot/overflow.js';
import { contributionItem, currentItem, headFromItem, versionItem, type Item, type RecordName } from '../ssot/record-items.js';
import { activeRefs, type MergeRules } from '../ssot/record-state.js';
import { conflictChanges, countSteps, prepareUpsert, prepareWithdraw, type PreparedWrite, type RecordReads, type RecordWrite } from '../ssot/record-writes.js';
import { logger } from '../util/logger.js';
import { DynamoRecordReader, type RecordStoreOptions } from './dynamo-record-reader.js';

/** A transaction holds at most 100 actions and 4 MB; stay under both with room to spare. */
const MAX_ACTIONS_PER_TRANSACTION = 100;
const MAX_BYTES_PER_TRANSACTION = 3_500_000;
/** Retries of one record's write after it lost a race: re-read, re-merge, write again. */
export const MAX_CONFLICT_RETRIES = 5;

export interface RecordStoreWriteOptions extends RecordStoreOptions {
  /** Declared source precedence for golden records of a type. */
  readonly precedence?: (recordType: string) => SourcePrecedence;
  /** Whether a merged golden record is valid for its type (else the top source's record is kept whole). */
  readonly isValid?: (recordType: string, record: Readonly<Record<string, unknown>>) => boolean;
  /** A type's identity values: rows under one id that disagree on one are not merged (an identity conflict). */
  readonly identityOf?: (recordType: string) => IdentityOf | undefined;
}

/**
 * The SSOT in DynamoDB (item shapes in record-items.ts). Every write of a record is one
 * transaction conditional on the revision of its current item as read, so a redelivered
 * batch writes nothing and two concurrent writers never lose an update: the loser
 * re-reads, re-merges and tries again.
 */
export class DynamoRecordStore extends DynamoRecordReader implements RecordStore {
  private readonly reads: RecordReads = {
    contributions: (pk, current) => this.readContributions(pk, current),
    content: (item) => this.content(item),
  };

  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    private readonly clock: Clock,
    private readonly writeOptions: RecordStoreWriteOptions = {},
  ) {
    super(doc, table, writeOptions);
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
    const currentItems = await this.readCurrentItems([...groups.keys()]);
    const prepare = (pk: string, item: Item | undefined) => prepareUpsert(groups.get(pk)!, item, this.reads, this.rules);
    const prepared = new Map<string, PreparedWrite>();
    for (const pk of groups.keys()) prepared.set(pk, await prepare(pk, currentItems.get(pk)));
    await this.commit(prepared, async (pk) => prepare(pk, (await this.readCurrentItems([pk])).get(pk)));
    const conflicts = conflictChanges(prepared.values());
    const { conflicted, ...counts } = countSteps(prepared.values());
    return { ...counts, ...(conflicted > 0 ? { conflicted } : {}), ...(conflicts.length > 0 ? { conflicts } : {}) };
  }

  /**
   * Withdraws source rows the source deleted. Each row's record re-merges from what the
   * other sources say, or becomes a tombstone (a new version marked deleted, which the
   * stream carries to publish and the feeds) when it was the last.
   */
  async tombstone(withdrawal: SourceWithdrawal): Promise<TombstoneOutcome> {
    const byRecord = new Map<string, { name: RecordName; refs: string[] }>();
    let notFound = 0;
    for (const key of new Set(withdrawal.sourceKeys)) {
      const names = await this.findBySourceKey(withdrawal.sourceId, key);
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
    const prepareOne = async (pk: string) => {
      const { refs } = byRecord.get(pk)!;
      return prepareWithdraw((await this.readCurrentItems([pk])).get(pk), refs, provenanceOf(refs[0]!), this.reads, this.rules);
    };
    const prepared = new Map<string, PreparedWrite>();
    for (const pk of byRecord.keys()) prepared.set(pk, await prepareOne(pk));
    await this.commit(prepared, prepareOne);
    const all = [...prepared.values()];
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
    const pk = recordPk(recordType, recordId);
    const prepareOne = async () => {
      const item = (await this.readCurrentItems([pk])).get(pk);
      if (!item) return { steps: [] };
      const refs = activeRefs(headFromItem(item, {}));
      return prepareWithdraw(item, refs, { ...by, extractedAt: this.clock.now().toISOString() }, this.reads, this.rules);
    };
    const prepared = new Map([[pk, await prepareOne()]]);
    await this.commit(prepared, prepareOne);
    return (prepared.get(pk)?.withdrawn ?? 0) > 0;
  }

  /**
   * Writes every prepared record, many per transaction. When a transaction is cancelled
   * (another writer got there first), its records are re-prepared from a fresh read and
   * written one by one.
   */
  private async commit(prepared: Map<string, PreparedWrite>, reprepare: (pk: string) => Promise<PreparedWrite>): Promise<void> {
    const pending = await Promise.all([...prepared].filter(([, p]) => p.write).map(async ([pk, p]) => ({ pk, actions: await this.actions(p.write!) })));
    for (const chunk of chunkByLimits(pending)) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: chunk.flatMap((c) => c.actions) }));
      } catch (error) {
        if (!isConflict(error)) throw error;
        for (const { pk } of chunk) prepared.set(pk, await this.retryAlone(pk, reprepare));
      }
    }
  }

  private async retryAlone(pk: string, reprepare: (pk: string) => Promise<PreparedWrite>): Promise<PreparedWrite> {
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const prepared = await reprepare(pk);
      if (!prepared.write) return prepared;
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: await this.actions(prepared.write) }));
        return prepared;
      } catch (error) {
        if (!isConflict(error)) throw error;
        logger.debug('record write lost a race; retrying', { pk, attempt });
      }
    }
    throw new Error(`record ${pk}: gave up after ${MAX_CONFLICT_RETRIES + 1} conflicting writes`);
  }

  private async actions(write: RecordWrite): Promise<Record<string, unknown>[]> {
    const storedAt = this.clock.now().toISOString();
    const label = recordPk(write.name.recordType, write.name.recordId);
    // The current item and the newest version hold the same content: store it once.
    const bodies = new Map<Readonly<Record<string, unknown>>, Promise<StoredBody>>();
    const body = (record: Readonly<Record<string, unknown>>): Promise<StoredBody> => {
      if (!bodies.has(record)) bodies.set(record, this.overflow.store(record, label));
      return bodies.get(record)!;
    };
    const contributionPuts = await Promise.all(
      [...write.contributions].map(async ([ref, c]) => ({
        Put: {
          TableName: this.table,
          Item: contributionItem(write.name, ref, c.entry, c.record === 'in-current' ? c.record : c.record ? await body(c.record) : undefined),
        },
      })),
    );
    const versionPuts = await Promise.all(
      write.versions.map(async (v) => ({
        Put: { TableName: this.table, Item: versionItem(write.name, v, await body(v.record), storedAt), ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    );
    const head = write.condition;
    const currentPut = {
      Put: {
        TableName: this.table,
        Item: currentItem(write.name, write.next, await body(write.next.record), storedAt),
        ...(head
          ? {
              ConditionExpression: 'revision = :read OR (attribute_not_exists(revision) AND version = :read)',
              ExpressionAttributeValues: { ':read': head.revision },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    return [...contributionPuts, ...versionPuts, currentPut];
  }
}

/**
 * Whether a write lost a race: a condition on what was read failed, or DynamoDB cancelled
 * the transaction for a concurrent one. A cancellation for any other reason is an error.
 */
function isConflict(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons;
  return reasons === undefined || reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
}

/** Records' actions grouped into transactions within DynamoDB's action and size limits; one record never splits. */
function chunkByLimits<T extends { actions: readonly unknown[] }>(writes: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let actions = 0;
  let bytes = 0;
  for (const write of writes) {
    const size = Buffer.byteLength(JSON.stringify(write.actions), 'utf8');
    if (current.length > 0 && (actions + write.actions.length > MAX_ACTIONS_PER_TRANSACTION || bytes + size > MAX_BYTES_PER_TRANSACTION)) {
      chunks.push(current);
      current = [];
      actions = 0;
      bytes = 0;
    }
    current.push(write);
    actions += write.actions.length;
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
