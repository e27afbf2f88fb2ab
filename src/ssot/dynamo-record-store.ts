import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { awsClients } from '../aws/clients.js';
import type { Clock } from '../ports/index.js';
import { logger } from '../util/logger.js';
import { DynamoRecordReader, type RecordStoreOptions } from './dynamo-record-reader.js';
import type { Contribution, SourcePrecedence } from './golden-merge.js';
import { recordPk, sourceRef, type CandidateRecord, type Provenance, type TombstoneOutcome, type UpsertOutcome } from './model.js';
import type { StoredBody } from './overflow.js';
import { contributionItem, currentItem, headFromItem, versionItem, type Item, type RecordName } from './record-items.js';
import { activeRefs, isNoOp, planUpsert, planWithdraw, type Head, type MergeRules, type NextState, type SourceEntry } from './record-state.js';

/** A transaction holds at most 100 actions and 4 MB; stay under both with room to spare. */
const MAX_ACTIONS_PER_TRANSACTION = 100;
const MAX_BYTES_PER_TRANSACTION = 3_500_000;
const MAX_CONFLICT_RETRIES = 5;

export interface RecordStoreWriteOptions extends RecordStoreOptions {
  /** Declared source precedence for golden records of a type. */
  readonly precedence?: (recordType: string) => SourcePrecedence;
  /** Whether a merged golden record is valid for its type (else the top source's record is kept whole). */
  readonly isValid?: (recordType: string, record: Readonly<Record<string, unknown>>) => boolean;
}

/** Rows a source deleted, by their source keys (snapshot or deletion flag). */
export interface SourceWithdrawal {
  readonly sourceId: string;
  readonly sourceKeys: readonly string[];
  /** When the deletion was observed; a row extracted at or before it cannot revive the record. */
  readonly observedAt: string;
  readonly reason: string;
  /** The raw batch that carried a deletion flag, if one did. */
  readonly rawKey?: string;
}

type Step = 'created' | 'updated' | 'unchanged';

/** What one record's transaction writes. */
interface RecordWrite {
  readonly name: RecordName;
  readonly condition: Head | undefined;
  readonly next: NextState;
  readonly versions: readonly NextState[];
  /** Contributions to (re)write: with content for arrivals (or 'in-current' for a sole contributor), without for withdrawals. */
  readonly contributions: ReadonlyMap<string, { readonly entry: SourceEntry; readonly record?: Readonly<Record<string, unknown>> | 'in-current' }>;
}

interface Prepared {
  readonly steps: readonly Step[];
  readonly write?: RecordWrite;
  readonly withdrawn?: number;
}

/**
 * The SSOT in DynamoDB (item shapes in record-items.ts). Every write of a record is one
 * transaction conditional on the revision of its current item as read, so a redelivered
 * batch writes nothing and two concurrent writers never lose an update: the loser
 * re-reads, re-merges and tries again.
 */
export class DynamoRecordStore extends DynamoRecordReader {
  constructor(
    table: string,
    private readonly clock: Clock,
    private readonly writeOptions: RecordStoreWriteOptions = {},
  ) {
    super(table, writeOptions);
  }

  private rules(recordType: string): MergeRules {
    const isValid = this.writeOptions.isValid;
    return {
      precedence: this.writeOptions.precedence?.(recordType) ?? {},
      ...(isValid ? { isValid: (record: Readonly<Record<string, unknown>>) => isValid(recordType, record) } : {}),
    };
  }

  async upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome> {
    const groups = new Map<string, Map<string, CandidateRecord>>();
    for (const c of candidates) {
      const pk = recordPk(c.recordType, c.recordId);
      const group = groups.get(pk) ?? new Map<string, CandidateRecord>();
      group.set(sourceRef(c.provenance.sourceId, c.provenance.sourceKey), c);
      groups.set(pk, group);
    }
    const currentItems = await this.readCurrentItems([...groups.keys()]);
    const prepared = new Map<string, Prepared>();
    for (const [pk, group] of groups) prepared.set(pk, await this.prepareUpsert(group, currentItems.get(pk)));
    await this.commit(prepared, async (pk) => this.prepareUpsert(groups.get(pk)!, (await this.readCurrentItems([pk])).get(pk)));
    const steps = [...prepared.values()].flatMap((p) => p.steps);
    return {
      created: steps.filter((s) => s === 'created').length,
      updated: steps.filter((s) => s === 'updated').length,
      unchanged: steps.filter((s) => s === 'unchanged').length,
    };
  }

  private async prepareUpsert(group: ReadonlyMap<string, CandidateRecord>, item: Item | undefined): Promise<Prepared> {
    // Upserts never need the stored golden content: the next one is merged from contributions.
    let head = item ? headFromItem(item, {}) : undefined;
    const changing = [...group].filter(([ref, candidate]) => !isNoOp(head, candidate, ref)).map(([ref]) => ref);
    if (changing.length === 0) return { steps: [...group.keys()].map(() => 'unchanged') };
    const first = [...group.values()][0]!;
    const name = { recordType: first.recordType, recordId: first.recordId };
    const needOthers = activeRefs(head).some((ref) => !(changing.length === 1 && changing[0] === ref));
    const loaded = needOthers ? await this.readContributions(recordPk(name.recordType, name.recordId), item) : [];
    let others: Contribution[] = loaded;
    const condition = head;
    const steps: Step[] = [];
    const versions: NextState[] = [];
    const contributions = new Map<string, { entry: SourceEntry; record: Readonly<Record<string, unknown>> }>();
    for (const [ref, candidate] of group) {
      const plan = planUpsert(head, candidate, ref, others, this.rules(name.recordType));
      if (!plan) {
        steps.push('unchanged');
        continue;
      }
      steps.push(plan.outcome === 'contributed' ? 'unchanged' : plan.outcome);
      if (plan.newVersion) versions.push(plan.next);
      contributions.set(ref, { entry: plan.next.sources[ref]!, record: candidate.record });
      others = [...others.filter((c) => c.ref !== ref), { ref, record: candidate.record, provenance: candidate.provenance }];
      head = plan.next;
    }
    if (!head || head === condition) return { steps };
    const active = activeRefs(head);
    const sole = active.length === 1 ? active[0] : undefined;
    const writes = new Map<string, { entry: SourceEntry; record: Readonly<Record<string, unknown>> | 'in-current' }>();
    for (const [ref, c] of contributions) writes.set(ref, { entry: c.entry, record: ref === sole ? 'in-current' : c.record });
    // A former sole contributor kept no copy of its row; with others joining, it needs one.
    if (sole === undefined) {
      for (const c of loaded) if (c.storedInCurrent && !writes.has(c.ref)) writes.set(c.ref, { entry: head.sources[c.ref]!, record: c.record });
    }
    return { steps, write: { name, condition, next: head, versions, contributions: writes } };
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
      return this.prepareWithdraw(pk, refs, provenanceOf(refs[0]!));
    };
    const prepared = new Map<string, Prepared>();
    for (const pk of byRecord.keys()) prepared.set(pk, await prepareOne(pk));
    await this.commit(prepared, prepareOne);
    const all = [...prepared.values()];
    const requested = [...byRecord.values()].reduce((n, r) => n + r.refs.length, 0);
    const withdrawn = all.reduce((n, p) => n + (p.withdrawn ?? 0), 0);
    return {
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
      return this.prepareWithdraw(pk, refs, { ...by, extractedAt: this.clock.now().toISOString() }, item);
    };
    const prepared = new Map([[pk, await prepareOne()]]);
    await this.commit(prepared, prepareOne);
    return (prepared.get(pk)?.withdrawn ?? 0) > 0;
  }

  private async prepareWithdraw(pk: string, refs: readonly string[], withdrawal: Provenance, read?: Item): Promise<Prepared> {
    const item = read ?? (await this.readCurrentItems([pk])).get(pk);
    if (!item || refs.length === 0) return { steps: [], withdrawn: 0 };
    const head = headFromItem(item, await this.content(item));
    const others = activeRefs(head).some((ref) => !refs.includes(ref)) ? await this.readContributions(pk, item) : [];
    const plan = planWithdraw(head, refs, others, withdrawal, this.rules(String(item.recordType)));
    if (!plan) return { steps: [], withdrawn: 0 };
    const withdrawnRefs = refs.filter((ref) => plan.next.sources[ref]?.withdrawnAt !== head.sources[ref]?.withdrawnAt);
    const name = { recordType: String(item.recordType), recordId: String(item.recordId) };
    const contributions = new Map(withdrawnRefs.map((ref) => [ref, { entry: plan.next.sources[ref]! }]));
    return { steps: [], withdrawn: withdrawnRefs.length, write: { name, condition: head, next: plan.next, versions: plan.newVersion ? [plan.next] : [], contributions } };
  }

  /**
   * Writes every prepared record, many per transaction. When a transaction is cancelled
   * (another writer got there first), its records are re-prepared from a fresh read and
   * written one by one.
   */
  private async commit(prepared: Map<string, Prepared>, reprepare: (pk: string) => Promise<Prepared>): Promise<void> {
    const pending = await Promise.all(
      [...prepared].filter(([, p]) => p.write).map(async ([pk, p]) => ({ pk, actions: await this.actions(p.write!) })),
    );
    for (const chunk of chunkByLimits(pending)) {
      try {
        await awsClients().doc.send(new TransactWriteCommand({ TransactItems: chunk.flatMap((c) => c.actions) }));
      } catch (error) {
        if (!isConflict(error)) throw error;
        for (const { pk } of chunk) prepared.set(pk, await this.retryAlone(pk, reprepare));
      }
    }
  }

  private async retryAlone(pk: string, reprepare: (pk: string) => Promise<Prepared>): Promise<Prepared> {
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const prepared = await reprepare(pk);
      if (!prepared.write) return prepared;
      try {
        await awsClients().doc.send(new TransactWriteCommand({ TransactItems: await this.actions(prepared.write) }));
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
        Put: { TableName: this.table, Item: contributionItem(write.name, ref, c.entry, c.record === 'in-current' ? c.record : c.record ? await body(c.record) : undefined) },
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
          ? { ConditionExpression: 'revision = :read OR (attribute_not_exists(revision) AND version = :read)', ExpressionAttributeValues: { ':read': head.revision } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    return [...contributionPuts, ...versionPuts, currentPut];
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException;
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
