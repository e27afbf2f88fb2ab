import { countQuery } from '../aws/dynamo-query.js';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { awsClients } from '../aws/clients.js';

export interface ReleaseFile {
  readonly name: string;
  readonly key: string;
  readonly format: 'csv' | 'jsonl';
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ReleasePointer {
  readonly datasetId: string;
  readonly releaseId: string;
  readonly createdAt: string;
  readonly rowCount: number;
  readonly snapshotHash: string;
  readonly manifestKey: string;
  readonly files: readonly ReleaseFile[];
}

export class ReleaseConflictError extends Error {
  override readonly name = 'ReleaseConflictError';
}

/**
 * Release history and the "latest" pointer per dataset, in the state table. The pointer
 * moves in one transaction with the history entry, conditional on the release it replaces.
 */
export class DynamoReleaseCatalog {
  constructor(private readonly table: string) {}

  async latest(datasetId: string): Promise<ReleasePointer | undefined> {
    const out = await awsClients().doc.send(new GetCommand({ TableName: this.table, Key: { pk: `dataset#${datasetId}`, sk: 'latest' }, ConsistentRead: true }));
    return out.Item ? (out.Item.release as ReleasePointer) : undefined;
  }

  async commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void> {
    const pk = `dataset#${release.datasetId}`;
    try {
      await awsClients().doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { pk, sk: `release#${release.releaseId}`, release }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.table,
                Item: { pk, sk: 'latest', releaseId: release.releaseId, release },
                ...(previousReleaseId
                  ? { ConditionExpression: 'releaseId = :prev', ExpressionAttributeValues: { ':prev': previousReleaseId } }
                  : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new ReleaseConflictError(`dataset ${release.datasetId}: another release replaced ${previousReleaseId ?? '(none)'} first`);
      }
      throw error;
    }
  }

  countReleases(datasetId: string): Promise<number> {
    return countQuery({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
      ExpressionAttributeValues: { ':pk': `dataset#${datasetId}`, ':r': 'release#' },
    });
  }
}
