import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SetAsideFile } from '../ingest/files/inbox.js';
import type { Clock, ProcessedFiles } from '../ports/index.js';

const key = (sourceId: string, hash: string) => ({ pk: `source#${sourceId}`, sk: `file#${hash}` });
const ASIDE = 'aside#';
const asideKey = (sourceId: string, hash: string) => ({ pk: `source#${sourceId}`, sk: `${ASIDE}${hash}` });

/** One state-table item per ingested file, by content hash; one per file set aside. */
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

  async setAside(sourceId: string, contentHash: string, file: SetAsideFile): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...asideKey(sourceId, contentHash), file } }));
  }

  async setAsideOf(sourceId: string, contentHash: string): Promise<SetAsideFile | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: asideKey(sourceId, contentHash), ConsistentRead: true }));
    return (out.Item?.file as SetAsideFile | undefined) ?? undefined;
  }

  async listSetAside(sourceId: string): Promise<(SetAsideFile & { contentHash: string })[]> {
    const files: (SetAsideFile & { contentHash: string })[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `source#${sourceId}`, ':prefix': ASIDE },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const item of out.Items ?? []) files.push({ ...(item.file as SetAsideFile), contentHash: String(item.sk).slice(ASIDE.length) });
      start = out.LastEvaluatedKey;
    } while (start);
    return files.sort((a, b) => b.at.localeCompare(a.at));
  }
}
