import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Composition } from '../../src/app/composition.js';

/** Counts the SSOT's current items and version items by scanning the whole table (tests only). */
export async function countSsotItems(app: Composition): Promise<{ current: number; versions: number; maxVersion: number }> {
  let current = 0;
  let versions = 0;
  let maxVersion = 0;
  let startKey: ScanCommandInput['ExclusiveStartKey'];
  do {
    const out = await app.clients.doc.send(new ScanCommand({ TableName: app.config.resources.table('records'), ProjectionExpression: 'sk, version', ExclusiveStartKey: startKey }));
    for (const item of out.Items ?? []) {
      if (item.sk === 'current') current += 1;
      else if (String(item.sk).startsWith('v#')) {
        versions += 1;
        maxVersion = Math.max(maxVersion, Number(item.version));
      }
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { current, versions, maxVersion };
}
