import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoReleaseCatalog } from '../../../src/aws/dynamo-release-catalog.js';
import { ReleaseConflictError } from '../../../src/ports/index.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { mockedDocumentClient } from './mock-clients.js';

const release = (releaseId: string): ReleasePointer => ({
  datasetId: 'penalties',
  releaseId,
  createdAt: '2026-01-01T00:00:00.000Z',
  rowCount: 1,
  snapshotHash: releaseId,
  manifestKey: `penalties/${releaseId}/manifest.json`,
  files: [],
});

describe('DynamoReleaseCatalog', () => {
  const { doc, mock } = mockedDocumentClient();
  const catalog = new DynamoReleaseCatalog(doc, 'state');
  /** The latest pointer as the table holds it; the fake enforces the pointer's condition as DynamoDB would. */
  let latest: { releaseId: string; release: ReleasePointer } | undefined;

  beforeEach(() => {
    mock.reset();
    latest = undefined;
    mock.on(GetCommand).callsFake(() => ({ Item: latest }));
    mock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      const pointer = input.TransactItems![1]!.Put!;
      const expected = pointer.ExpressionAttributeValues?.[':prev'] as string | undefined;
      const holds = expected === undefined ? latest === undefined : latest?.releaseId === expected;
      if (!holds) {
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        });
      }
      latest = pointer.Item as typeof latest;
      return {};
    });
  });

  it('moves the latest pointer with the history entry, from the release it replaces', async () => {
    await catalog.commit(release('r1'), undefined);
    await catalog.commit(release('r2'), 'r1');
    expect((await catalog.latest('penalties'))?.releaseId).toBe('r2');
    const second = mock.commandCalls(TransactWriteCommand)[1]!.args[0].input.TransactItems!;
    expect(second[0]!.Put).toMatchObject({ Item: { pk: 'dataset#penalties', sk: 'release#r2' }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(second[1]!.Put).toMatchObject({ Item: { sk: 'latest', releaseId: 'r2' }, ConditionExpression: 'releaseId = :prev' });
  });

  it('lets only one of two publishers that read the same latest release replace it', async () => {
    await catalog.commit(release('r1'), undefined);
    const seenByBoth = (await catalog.latest('penalties'))!.releaseId;
    await catalog.commit(release('r2-a'), seenByBoth);
    const late = catalog.commit(release('r2-b'), seenByBoth);
    await expect(late).rejects.toThrow(ReleaseConflictError);
    await expect(late).rejects.toThrow('dataset penalties: another release replaced r1 first');
    expect((await catalog.latest('penalties'))?.releaseId).toBe('r2-a');
  });

  it('lets only one of two first publishers create the pointer', async () => {
    await catalog.commit(release('r1-a'), undefined);
    await expect(catalog.commit(release('r1-b'), undefined)).rejects.toThrow('another release replaced (none) first');
  });
});
