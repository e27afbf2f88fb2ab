import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BuildLeases } from '../ports/index.js';

const key = (datasetId: string) => ({ pk: `dataset#${datasetId}`, sk: 'build' });

/** Release build leases in the state table: one item per dataset, taken by a conditional put. */
export class DynamoBuildLeases implements BuildLeases {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async claim(datasetId: string, holder: string, now: Date, until: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key(datasetId), holder, until: until.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
          // UNTIL is a DynamoDB reserved word.
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async end(datasetId: string, holder: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: key(datasetId),
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (error) {
      // Expired and taken by another build meanwhile: theirs now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
