import { countQuery, queryPages } from '../aws/dynamo-query.js';
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../aws/clients.js';
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

/** BatchWriteItem takes at most 25 requests; BatchGetItem reads at most 100 keys. */
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
/** An entry stays far below DynamoDB's 400 KB: the raw locator always leads to the full item. */
const MAX_ERRORS_KEPT = 100;
const MAX_RAW_BYTES = 64 * 1024;

const pkOf = (sourceId: string): string => `source#${sourceId}`;
const skOf = (sourceKey: string): string => `item#${sourceKey}`;

function bounded(entry: QuarantineEntry): QuarantineEntry {
  const tooManyErrors = entry.errors.length > MAX_ERRORS_KEPT;
  const rawTooLarge = Buffer.byteLength(entry.raw, 'utf8') > MAX_RAW_BYTES;
  if (!tooManyErrors && !rawTooLarge) return entry;
  return {
    ...entry,
    ...(tooManyErrors ? { errors: entry.errors.slice(0, MAX_ERRORS_KEPT), errorCount: entry.errors.length } : {}),
    ...(rawTooLarge ? { raw: '', rawTruncated: true } : {}),
  };
}

/** Invalid source rows, one entry per (source, source key), each with every reason it was rejected. */
export class DynamoQuarantineStore {
  constructor(private readonly table: string) {}

  async put(entries: readonly QuarantineEntry[]): Promise<void> {
    const unique = [...new Map(entries.map((e) => [`${e.sourceId}\u0000${e.sourceKey}`, bounded(e)])).values()];
    await this.batchWrite(unique.map((e) => ({ PutRequest: { Item: { pk: pkOf(e.sourceId), sk: skOf(e.sourceKey), ...e } } })));
  }

  async get(sourceId: string, sourceKey: string): Promise<QuarantineEntry | undefined> {
    const out = await awsClients().doc.send(new GetCommand({ TableName: this.table, Key: { pk: pkOf(sourceId), sk: skOf(sourceKey) }, ConsistentRead: true }));
    return out.Item as QuarantineEntry | undefined;
  }

  async remove(sourceId: string, sourceKeys: readonly string[]): Promise<void> {
    await this.batchWrite([...new Set(sourceKeys)].map((key) => ({ DeleteRequest: { Key: { pk: pkOf(sourceId), sk: skOf(key) } } })));
  }

  /**
   * Rows of a source that are now valid leave quarantine, unless the entry is from a
   * later extraction than the valid row (then the newer defect stands). A source with
   * an empty quarantine costs one small query per call.
   */
  async release(sourceId: string, rows: readonly { readonly sourceKey: string; readonly extractedAt: string }[]): Promise<number> {
    if (rows.length === 0 || !(await this.hasEntries(sourceId))) return 0;
    const validAt = new Map(rows.map((r) => [r.sourceKey, r.extractedAt]));
    const released: string[] = [];
    const keys = [...validAt.keys()];
    for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_GET_LIMIT).map((key) => ({ pk: pkOf(sourceId), sk: skOf(key) }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const out = await awsClients().doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'sourceKey, extractedAt, quarantinedAt' } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          const entryAt = String(item.extractedAt ?? item.quarantinedAt);
          if (entryAt <= validAt.get(String(item.sourceKey))!) released.push(String(item.sourceKey));
        }
        pending = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (pending.length > 0) await backOff(attempt);
      }
    }
    await this.remove(sourceId, released);
    return released.length;
  }

  async hasEntries(sourceId: string): Promise<boolean> {
    const out = await awsClients().doc.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(sourceId) }, Limit: 1, ProjectionExpression: 'sk' }),
    );
    return (out.Items ?? []).length > 0;
  }

  async list(sourceId: string): Promise<QuarantineEntry[]> {
    const entries: QuarantineEntry[] = [];
    for await (const items of queryPages({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(sourceId) } })) {
      entries.push(...(items as unknown as QuarantineEntry[]));
    }
    return entries;
  }

  count(sourceId: string): Promise<number> {
    return countQuery({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(sourceId) } });
  }

  private async batchWrite(requests: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt++) {
        const out = await awsClients().doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table]) ?? [];
        if (pending.length > 0) await backOff(attempt);
      }
    }
  }
}

const backOff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2000)));
