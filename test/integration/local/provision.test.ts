import { DeleteTableCommand, DescribeTableCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { resources, type ResourceModel } from '../../../src/infra/resources.js';
import { physicalName, provision } from '../../../src/local/provision.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

describe('provisioning the resource model in the emulators', () => {
  it('is idempotent and names every resource in the environment handed to handlers', async () => {
    const { clients } = await useSharedAws();
    const again = await provision(resources, clients);
    for (const table of resources.tables) expect(Object.values(again.env)).toContain(physicalName(table.id));
    expect(again.queueUrls.size).toBe(resources.queues.length * 2);
  });

  it('adds an index that a table made by an older version lacks', async () => {
    const { clients } = await useSharedAws();
    const id = `legacy-${uniqueSuffix()}`;
    const model: ResourceModel = {
      ...resources,
      tables: [
        { id, description: 'test', partitionKey: { name: 'pk', type: 'S' }, globalIndexes: [{ name: 'byKind', partitionKey: { name: 'kind', type: 'S' } }] },
      ],
      functions: [],
    };
    await clients.dynamo.send(
      new CreateTableCommand({
        TableName: physicalName(id),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await provision(model, clients);
    const table = await clients.dynamo.send(new DescribeTableCommand({ TableName: physicalName(id) }));
    expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byKind']);
    await clients.dynamo.send(new DeleteTableCommand({ TableName: physicalName(id) }));
  });
});
