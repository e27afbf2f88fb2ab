import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../../src/aws/clients.js';
import { tableName } from '../../src/config/resource-names.js';

/** Counts the SSOT's current items and version items by scanning the whole table (tests only). */
export async function countSsotItems(): Promise<{ current: number; versions: number; maxVersion: number }> {
  let current = 0;
  let versions = 0;
  let maxVersion = 0;
  for await (const page of paginateScan({ client: awsClients().doc }, { TableName: tableName('records'), ProjectionExpression: 'sk, version' })) {
    for (const item of page.Items ?? []) {
      if (item.sk === 'current') current += 1;
      else if (String(item.sk).startsWith('v#')) {
        versions += 1;
        maxVersion = Math.max(maxVersion, Number(item.version));
      }
    }
  }
  return { current, versions, maxVersion };
}
