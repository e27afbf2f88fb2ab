import { createHash } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { itemBytes } from '../../../src/aws/capacity-estimate.js';
import { insertedItems } from '../../../src/aws/ssot-stream.js';
import { restoreImage } from '../../../src/local/runtime/stream-images.js';
import { CONTENT_DICTIONARY_1 } from '../../../src/ssot/content-dictionary.js';
import { BODY_ATTRIBUTE, META_ATTRIBUTE, decodedItem, encodeContent, inlineContent, packFields, unpackFields } from '../../../src/ssot/item-codec.js';
import type { Provenance } from '../../../src/ssot/model.js';
import { RecordOverflow } from '../../../src/ssot/overflow.js';
import { currentItem, headFromItem, storedVersionFromItem, versionItem } from '../../../src/ssot/record-items.js';
import { storedVersionsOf } from '../../../src/ssot/stream-versions.js';
import { contentHash } from '../../../src/util/hash.js';

const decision = {
  decisionNumber: '绍越市监罚〔2025〕118号',
  decisionKind: 'penalty',
  caseName: '绍兴越城恒盛贸易有限公司经营超过保质期的食品案',
  partyType: 'legal-person',
  partyName: '绍兴越城恒盛贸易有限公司',
  creditCode: '91330602MA2B000017',
  facts: '经查，当事人在经营场所货架上陈列销售超过保质期的预包装食品，货值金额不足一万元。',
  legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
  penaltyTypes: ['没收违法所得', '罚款'],
  penaltyContent: '1.罚款50,000元。2.没收违法所得1,200元。',
  fineYuan: 50000,
  decisionDate: '2025-05-12',
  authority: '绍兴市越城区市场监督管理局',
  authorityCode: '11330602MB1D22879K',
  district: '越城区',
  status: 'in-force',
  sourceUpdatedAt: '2025-06-03T11:51:20+08:00',
};
const provenance: Provenance = {
  sourceId: 'enforcement',
  rawKey: `raw/enforcement/2025-06-03/${'ab'.repeat(32)}.json.gz`,
  index: 7,
  sourceKey: '100002',
  extractedAt: '2025-06-03T04:00:00.000Z',
};
const ref = 'enforcement#100002';
const name = { recordType: 'enforcement-decision', recordId: '11330602MB1D22879K:绍越市监罚〔2025〕118号' };
const next = {
  version: 1,
  revision: 1,
  contentHash: contentHash(decision),
  record: decision,
  provenance,
  fieldSources: Object.fromEntries(Object.keys(decision).map((field) => [field, ref])),
  sources: { [ref]: { hash: contentHash(decision), extractedAt: provenance.extractedAt, provenance } },
  deleted: false,
};

describe('compact SSOT items', () => {
  it('store the record and the maps compressed, each item within one write unit, and read back whole', async () => {
    const body = await new RecordOverflow(undefined).store(decision, 'r');
    const current = currentItem(name, next, body, '2025-06-03T04:00:01.000Z');
    const version = versionItem(name, next, body, '2025-06-03T04:00:01.000Z');
    for (const item of [current, version]) {
      expect(item[BODY_ATTRIBUTE]).toBeInstanceOf(Uint8Array);
      expect(item[META_ATTRIBUTE]).toBeInstanceOf(Uint8Array);
      expect(item).not.toHaveProperty('record');
      expect(item).not.toHaveProperty('provenance');
      expect(itemBytes(item)).toBeLessThanOrEqual(1024);
    }
    // What keys, conditions and indexes use stays plain.
    expect(current).toMatchObject({ recordType: name.recordType, recordId: name.recordId, version: 1, revision: 1, contentHash: next.contentHash });
    expect(headFromItem(current, decision)).toEqual({ ...next, fieldSources: {} });
    expect(await new RecordOverflow(undefined).load(current, 'r')).toEqual(decision);
    expect(storedVersionFromItem(version, name, decision)).toMatchObject({ provenance, version: 1, contentHash: contentHash(decision) });
  });

  it('read items written before compression as they are', async () => {
    const plain = { pk: 'p', sk: 'current', record: decision, provenance, sources: next.sources };
    expect(unpackFields(plain)).toBe(plain);
    expect(await new RecordOverflow(undefined).load(plain, 'r')).toEqual(decision);
    expect(decodedItem(plain)).toEqual(plain);
  });

  it('decode base64 text (a Lambda stream event) as well as bytes', () => {
    const packed = packFields({ pk: 'p', sk: 'v#0000000001', [BODY_ATTRIBUTE]: encodeContent(decision), provenance });
    const asEvent = Object.fromEntries(Object.entries(packed).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v]));
    expect(decodedItem(asEvent)).toEqual({ pk: 'p', sk: 'v#0000000001', provenance, record: decision });
  });

  it('reach the route whole through the stream, binary as base64 in the event', async () => {
    const overflow = new RecordOverflow(undefined);
    const version = versionItem(name, next, await overflow.store(decision, 'r'), '2025-06-03T04:00:01.000Z');
    const image = restoreImage(marshall(version));
    const event = { Records: [{ eventName: 'INSERT', dynamodb: { NewImage: image } }] } as unknown as DynamoDBStreamEvent;
    const [stored] = await storedVersionsOf(insertedItems(event), overflow);
    expect(stored).toMatchObject({ ...name, record: decision, provenance, version: 1, contentHash: contentHash(decision) });
  });

  it('keep content that is an empty map (an identity conflict) and plain items without maps', () => {
    expect(inlineContent({ [BODY_ATTRIBUTE]: encodeContent({}) }, 'r')).toEqual({});
    expect(packFields({ pk: 'p', sk: 'x', hash: 'h' })).toEqual({ pk: 'p', sk: 'x', hash: 'h' });
  });

  it('refuse a blob of a format they do not know rather than misread it', () => {
    expect(() => inlineContent({ [BODY_ATTRIBUTE]: Uint8Array.of(9, 1, 2) }, 'record r')).toThrow('record r: unknown content format 9');
  });

  it('decode with the very dictionary format 1 was written with', () => {
    // Changing these bytes would make every stored item unreadable: a new dictionary is a new format.
    expect(createHash('sha256').update(CONTENT_DICTIONARY_1).digest('hex')).toBe('8ad33cb528b031cc916ab963aab66b9156507965f91a57aa04dd9ee6466b916c');
  });
});
