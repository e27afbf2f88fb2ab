import { describe, expect, it } from 'vitest';
import { freeTextColumns, openColumns } from '../../../src/app/record-type-rules.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { routeChanges } from '../../../src/route/route-changes.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { idNumber } from '../disclosure/fixtures.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
const dataset: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: TYPE, license: 'CC-BY-4.0' };

/** One planted value of each kind the rules mask, and what must not survive of it. */
const witnessId = idNumber('330602', '19850412', '123');
const PLANTED = {
  id: [`证人（身份证号${witnessId}）`, witnessId],
  mobile: ['联系电话13812348000', '13812348000'],
  landline: ['座机0575-88123456', '88123456'],
  card: ['银行卡6222021234567890128', '6222021234567890128'],
  address: ['王某，住绍兴市越城区解放路100号3幢201室', '解放路100号'],
  name: ['消费者李小明投诉', '李小明'],
} as const;

/** Every free-text field the release publishes, as the schema says today: new fields are covered when they land. */
const publishedFreeText = () => freeTextColumns(TYPE).filter((field) => openColumns(TYPE).includes(field));

/** The planted text in the shape the schema gives the field: a string, a list of strings, or an object of strings. */
function planted(field: string, text: string): unknown {
  const property = (recordTypeNamed(TYPE).schema.properties as Record<string, Record<string, unknown>>)[field]!;
  if (property.type === 'array') return [text];
  if (property.type === 'object') return Object.fromEntries(Object.keys(property.properties ?? {}).map((key) => [key, text]));
  return text;
}

const decision = (recordId: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion(TYPE, recordId, {
    decisionNumber: recordId,
    partyType: 'natural-person',
    partyName: '张三',
    partyIdNumber: idNumber('330602', '19800101', '456'),
    decisionDate: '2025-03-01',
    status: 'in-force',
    ...fields,
  });

async function releaseAndFeed(records: StoredVersion[]): Promise<string> {
  const { deps, objects } = memoryPublish(records, { openColumns, freeTextColumns });
  const outcome = await publishDataset(dataset, deps);
  const files = outcome.release!.files.map((f) => Buffer.from(objects.get(f.key)!).toString('utf8'));
  // Both views on every feed: the partner-government view shows more fields, never unredacted text.
  const feeds = await memoryFeeds([subscriber({ id: 'open', view: 'public' }), subscriber({ id: 'gov', view: 'partner-government' })]);
  await routeChanges(records, {
    feeds: feeds.deps,
    publishQueue: { send: async () => undefined },
    changes: { markChanged: async () => undefined },
    datasets: [dataset],
    freeTextColumns,
    now: () => new Date('2025-03-05T02:00:00Z'),
  });
  const sent = [...feeds.published.values()].flat();
  // The feeds did carry the records: an empty feed would pass every "not contained" below.
  expect(sent.length).toBeGreaterThan(0);
  return [...files, ...sent.map((m) => m.body)].join('\n');
}

describe('redaction of every published free-text field, in releases and in feed events', () => {
  const fields = publishedFreeText();

  it('covers the fields the schema leaves free (case name, facts, legal basis and whatever lands next)', () => {
    expect(fields).toEqual(expect.arrayContaining(['caseName', 'facts']));
  });

  for (const [kind, [text, secret]] of Object.entries(PLANTED)) {
    it(`masks a planted ${kind} in each of them`, async () => {
      const records = fields.map((field) => decision(`绍越市监罚〔2025〕${field}号`, { [field]: planted(field, text) }));
      const published = await releaseAndFeed(records);
      // The party's own name stays where it is published; what was planted does not.
      expect(published).not.toContain(secret);
      for (const field of fields) expect(published).toContain(`绍越市监罚〔2025〕${field}号`);
    });
  }

  it("never publishes a minor's case, recognised by the birth date in the ID number or by a flag", async () => {
    const byId = decision('minor-by-id', { partyIdNumber: idNumber('330602', '20090501', '123'), caseName: '赵六无证经营案' });
    const byFlag = decision('minor-by-flag', { partyIsMinor: true, caseName: '钱七无证经营案' });
    const adult = decision('adult', { caseName: '张三无证经营案' });
    const published = await releaseAndFeed([byId, byFlag, adult]);
    expect(published).toContain('张三无证经营案');
    for (const secret of ['minor-by-id', '赵六', 'minor-by-flag', '钱七']) expect(published).not.toContain(secret);
  });
});
