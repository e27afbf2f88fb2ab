import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcessedFiles } from '../ingest/files/inbox.js';
import { awsClients } from './clients.js';

const key = (sourceId: string, hash: string) => ({ pk: `source#${sourceId}`, sk: `file#${hash}` });

/** One state-table item per ingested file, by content hash. */
export class DynamoProcessedFiles implements ProcessedFiles {
  constructor(private readonly table: string) {}

  async has(sourceId: string, contentHash: string): Promise<boolean> {
    const out = await awsClients().doc.send(new GetCommand({ TableName: this.table, Key: key(sourceId, contentHash), ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async mark(sourceId: string, contentHash: string, details: { name: string; rows: number; archivedAs: string }): Promise<void> {
    await awsClients().doc.send(new PutCommand({ TableName: this.table, Item: { ...key(sourceId, contentHash), ...details, processedAt: new Date().toISOString() } }));
  }
}
