import { BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../aws/clients.js';
import type { ValidationIssue } from '../records/validation-issue.js';

export interface QuarantineEntry {
  readonly sourceId: string;
  readonly recordType: string;
  /** The row's own key in the source, so a re-pulled defective row replaces its entry. */
  readonly sourceKey: string;
  readonly rawKey: string;
  readonly index: number;
  readonly errors: readonly ValidationIssue[];
  /** The item exactly as the source sent it, JSON. */
  readonly raw: string;
  readonly quarantinedAt: string;
}

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_LIMIT = 25;

export class DynamoQuarantineStore {
  constructor(private readonly table: string) {}

  async put(entries: readonly QuarantineEntry[]): Promise<void> {
    const unique = [...new Map(entries.map((e) => [`${e.sourceId}\u0000${e.sourceKey}`, e])).values()];
    for (let start = 0; start < unique.length; start += BATCH_WRITE_LIMIT) {
      let requests: { PutRequest: { Item: Record<string, unknown> } }[] = unique
        .slice(start, start + BATCH_WRITE_LIMIT)
        .map((e) => ({ PutRequest: { Item: { pk: `source#${e.sourceId}`, sk: `item#${e.sourceKey}`, ...e } } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const out = await awsClients().doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
        requests = (out.UnprocessedItems?.[this.table] as typeof requests | undefined) ?? [];
        if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
      }
    }
  }

  async list(sourceId: string): Promise<QuarantineEntry[]> {
    const entries: QuarantineEntry[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await awsClients().doc.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `source#${sourceId}` }, ExclusiveStartKey: startKey }),
      );
      entries.push(...((out.Items ?? []) as unknown as QuarantineEntry[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  async count(sourceId: string): Promise<number> {
    let count = 0;
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await awsClients().doc.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `source#${sourceId}` }, Select: 'COUNT', ExclusiveStartKey: startKey }),
      );
      count += out.Count ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return count;
  }
}
