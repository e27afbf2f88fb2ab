import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { Composition } from '../../src/app/composition.js';
import { publicityJudgeFor } from '../../src/disclosure/publicity-by-type.js';

/** Counts the SSOT's current items and version items by scanning the whole table (tests only). */
export async function countSsotItems(app: Composition): Promise<{ current: number; versions: number; maxVersion: number }> {
  let current = 0;
  let versions = 0;
  let maxVersion = 0;
  for await (const page of paginateScan(
    { client: app.clients.doc },
    { TableName: app.config.resources.table('records'), ProjectionExpression: 'sk, version' },
  )) {
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

/** How many current records of a dataset are public today under its disclosure rules: the rows its release should hold. */
export async function countPublicRecords(app: Composition, datasetId: string, today: string): Promise<number> {
  const dataset = (await app.catalog()).datasets.find((d) => d.id === datasetId);
  if (!dataset) throw new Error(`unknown dataset ${datasetId}`);
  let count = 0;
  const judge = publicityJudgeFor(dataset.recordType);
  for await (const page of app.recordStore().listCurrent(dataset.recordType)) {
    count += dataset.disclosure ? page.filter((stored) => judge(stored.record, today, dataset.disclosure!).published).length : page.length;
  }
  return count;
}
