import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { CheckpointConflictError, type Checkpoint, type CheckpointStore } from '../ports/index.js';

const key = (sourceId: string, stream: string) => ({ pk: `source#${sourceId}`, sk: `checkpoint#${stream}` });

export class DynamoCheckpointStore implements CheckpointStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(sourceId: string, stream: string): Promise<Checkpoint | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: key(sourceId, stream), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return {
      cursor: (out.Item.cursor as string | null) ?? null,
      committedAt: out.Item.committedAt as string,
      pulledTotal: (out.Item.pulledTotal as number) ?? 0,
      revision: (out.Item.revision as number) ?? 0,
    };
  }

  async commit(sourceId: string, stream: string, next: Checkpoint, previous: Checkpoint | undefined): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key(sourceId, stream), ...next },
          ...(previous
            ? { ConditionExpression: 'revision = :prev', ExpressionAttributeValues: { ':prev': previous.revision } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new CheckpointConflictError(`checkpoint of source ${sourceId}/${stream} was moved by another sync`);
      }
      throw error;
    }
  }
}
