import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { historyLimit, ReleaseConflictError, type ReleaseCatalog, type ReleaseHistoryPage, type ReleaseHistoryQuery } from '../ports/index.js';
import type { ReleasePointer } from '../publish/release.js';
import { countQuery } from './dynamo-query.js';

/** The provisional release's history entry learns which release superseded it. */
const supersede = (table: string, pk: string, provisionalId: string, byId: string) => ({
  Update: {
    TableName: table,
    Key: { pk, sk: `release#${provisionalId}` },
    UpdateExpression: 'SET #release.#by = :by',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#release': 'release', '#by': 'supersededBy' },
    ExpressionAttributeValues: { ':by': byId },
  },
});

/**
 * Release history and the "latest" pointer per dataset, in the state table. The pointer
 * moves in one transaction with the history entry, conditional on the release it replaces;
 * a release that supersedes a provisional one marks that one's entry in the same transaction.
 */
export class DynamoReleaseCatalog implements ReleaseCatalog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async latest(datasetId: string): Promise<ReleasePointer | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `dataset#${datasetId}`, sk: 'latest' }, ConsistentRead: true }));
    return out.Item ? (out.Item.release as ReleasePointer) : undefined;
  }

  async commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void> {
    const pk = `dataset#${release.datasetId}`;
    try {
      await this.doc.send(
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
            ...(release.supersedes ? [supersede(this.table, pk, release.supersedes, release.releaseId)] : []),
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
    return countQuery(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
      ExpressionAttributeValues: { ':pk': `dataset#${datasetId}`, ':r': 'release#' },
    });
  }

  async history(datasetId: string, page: ReleaseHistoryQuery = {}): Promise<ReleaseHistoryPage> {
    const pk = `dataset#${datasetId}`;
    const limit = historyLimit(page.limit);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': pk, ':r': 'release#' },
        ScanIndexForward: false,
        // One more than asked says whether an older page exists without a second round trip.
        Limit: limit + 1,
        ...(page.after ? { ExclusiveStartKey: { pk, sk: `release#${page.after}` } } : {}),
      }),
    );
    const releases = (out.Items ?? []).map((item) => item.release as ReleasePointer);
    if (releases.length <= limit) return { releases };
    const shown = releases.slice(0, limit);
    return { releases: shown, next: shown[shown.length - 1]!.releaseId };
  }
}
