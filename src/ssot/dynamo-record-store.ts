import { BatchGetCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { awsClients } from '../aws/clients.js';
import { contentHash } from '../util/hash.js';
import type { Clock } from '../ports/index.js';
import { CURRENT_SK, recordPk, versionSk, type CandidateRecord, type StoredVersion, type UpsertOutcome } from './model.js';

/** BatchGetItem reads at most 100 keys; a transaction holds at most 100 actions (2 per record here). */
const BATCH_GET_LIMIT = 100;
const RECORDS_PER_TRANSACTION = 25;
const MAX_CONFLICT_RETRIES = 5;

interface CurrentHead {
  readonly version: number;
  readonly contentHash: string;
}

/**
 * The SSOT in DynamoDB: per record a `current` item and immutable `v#NNNNNNNNNN`
 * version items. A version is written only when the content hash changes, and every
 * write is conditional on the version it read, so a redelivered batch writes nothing
 * and two concurrent writers never lose an update.
 */
export class DynamoRecordStore {
  constructor(
    private readonly table: string,
    private readonly clock: Clock,
  ) {}

  async upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome> {
    const unique = [...new Map(candidates.map((c) => [recordPk(c.recordType, c.recordId), c])).values()];
    const heads = await this.readHeads(unique.map((c) => recordPk(c.recordType, c.recordId)));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const changed: { candidate: CandidateRecord; hash: string; head: CurrentHead | undefined }[] = [];
    for (const candidate of unique) {
      const hash = contentHash(candidate.record);
      const head = heads.get(recordPk(candidate.recordType, candidate.recordId));
      if (head?.contentHash === hash) unchanged += 1;
      else changed.push({ candidate, hash, head });
    }
    for (let start = 0; start < changed.length; start += RECORDS_PER_TRANSACTION) {
      const chunk = changed.slice(start, start + RECORDS_PER_TRANSACTION);
      try {
        await awsClients().doc.send(new TransactWriteCommand({ TransactItems: chunk.flatMap((c) => this.writeActions(c.candidate, c.hash, c.head)) }));
        for (const c of chunk) c.head ? (updated += 1) : (created += 1);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        // Someone else wrote one of these records meanwhile: settle each on its own.
        for (const c of chunk) {
          const outcome = await this.upsertOne(c.candidate, c.hash);
          if (outcome === 'created') created += 1;
          else if (outcome === 'updated') updated += 1;
          else unchanged += 1;
        }
      }
    }
    return { created, updated, unchanged };
  }

  /** One record, re-reading its head after each lost race. */
  private async upsertOne(candidate: CandidateRecord, hash: string): Promise<'created' | 'updated' | 'unchanged'> {
    const pk = recordPk(candidate.recordType, candidate.recordId);
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const head = (await this.readHeads([pk])).get(pk);
      if (head?.contentHash === hash) return 'unchanged';
      try {
        await awsClients().doc.send(new TransactWriteCommand({ TransactItems: this.writeActions(candidate, hash, head) }));
        return head ? 'updated' : 'created';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException) && !(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error(`record ${pk}: gave up after ${MAX_CONFLICT_RETRIES + 1} conflicting writes`);
  }

  private writeActions(candidate: CandidateRecord, hash: string, head: CurrentHead | undefined) {
    const pk = recordPk(candidate.recordType, candidate.recordId);
    const version = (head?.version ?? 0) + 1;
    const storedAt = this.clock.now().toISOString();
    const body = { version, contentHash: hash, record: candidate.record, provenance: candidate.provenance, storedAt };
    return [
      {
        Put: {
          TableName: this.table,
          Item: { pk, sk: CURRENT_SK, recordType: candidate.recordType, recordId: candidate.recordId, ...body },
          ...(head
            ? { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': head.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk, sk: versionSk(version), of: { recordType: candidate.recordType, recordId: candidate.recordId }, ...body },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  private async readHeads(pks: readonly string[]): Promise<Map<string, CurrentHead>> {
    const heads = new Map<string, CurrentHead>();
    for (let start = 0; start < pks.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = pks.slice(start, start + BATCH_GET_LIMIT).map((pk) => ({ pk, sk: CURRENT_SK }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        const out = await awsClients().doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk, version, contentHash' } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) heads.set(item.pk as string, { version: item.version as number, contentHash: item.contentHash as string });
        keys = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (keys.length > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
      }
    }
    return heads;
  }

  /** Current records of one type, in id order, page by page. */
  async *listCurrent(recordType: string): AsyncGenerator<StoredVersion[]> {
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await awsClients().doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'byType',
          KeyConditionExpression: 'recordType = :t',
          ExpressionAttributeValues: { ':t': recordType },
          ExclusiveStartKey: startKey,
        }),
      );
      yield (out.Items ?? []).map((item) => item as unknown as StoredVersion);
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  async countCurrent(recordType: string): Promise<number> {
    let count = 0;
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await awsClients().doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'byType',
          KeyConditionExpression: 'recordType = :t',
          ExpressionAttributeValues: { ':t': recordType },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += out.Count ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  /** Every version of one record, oldest first. */
  async versions(recordType: string, recordId: string): Promise<StoredVersion[]> {
    const out = await awsClients().doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': recordPk(recordType, recordId), ':v': 'v#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((item) => ({ ...(item as unknown as StoredVersion), recordType, recordId }));
  }
}
