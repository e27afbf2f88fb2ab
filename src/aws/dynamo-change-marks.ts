import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChangeMarks } from '../ports/index.js';

/** The last time each dataset's records changed, kept in the state table for debouncing releases. */
export class DynamoChangeMarks implements ChangeMarks {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async markChanged(datasetIds: readonly string[], at: Date): Promise<void> {
    for (const id of datasetIds) {
      await this.doc
        .send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: `dataset#${id}`, sk: 'changes' },
            // Never move the mark backwards when stream batches arrive out of order.
            UpdateExpression: 'SET lastChangedAt = :at',
            ConditionExpression: 'attribute_not_exists(lastChangedAt) OR lastChangedAt < :at',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    }
  }

  async lastChanged(datasetId: string): Promise<Date | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `dataset#${datasetId}`, sk: 'changes' }, ConsistentRead: true }));
    return out.Item?.lastChangedAt ? new Date(out.Item.lastChangedAt as string) : undefined;
  }
}
