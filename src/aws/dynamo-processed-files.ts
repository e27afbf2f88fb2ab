import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, ProcessedFiles } from '../ports/index.js';

const key = (sourceId: string, hash: string) => ({ pk: `source#${sourceId}`, sk: `file#${hash}` });

/** One state-table item per ingested file, by content hash. */
export class DynamoProcessedFiles implements ProcessedFiles {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
  ) {}

  async has(sourceId: string, contentHash: string): Promise<boolean> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: key(sourceId, contentHash), ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async mark(sourceId: string, contentHash: string, details: { name: string; rows: number; archivedAs: string }): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { ...key(sourceId, contentHash), ...details, processedAt: this.clock.now().toISOString() } }),
    );
  }
}
