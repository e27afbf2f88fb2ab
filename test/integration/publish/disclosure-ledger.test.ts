import { beforeAll, describe, expect, it } from 'vitest';
import type { DisclosureEntry } from '../../../src/ports/index.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;

beforeAll(async () => {
  shared = await useSharedAws();
});

const entries = (recordType: string, ids: readonly number[], firstPublishedAt: string, releaseId: string): DisclosureEntry[] =>
  ids.map((i) => ({ recordType, recordId: `绍市监罚〔2025〕${i}号`, decisionDate: '2025-01-24', firstPublishedAt, releaseId }));

describe('the disclosure ledger on DynamoDB', () => {
  it('keeps every first-publication time across releases, past one batch read, and never moves one', async () => {
    const recordType = `decision-${uniqueSuffix()}`;
    const ledger = shared.app.disclosureLedger();
    const first = Array.from({ length: 130 }, (_, i) => i + 1);
    expect(await ledger.recordFirstPublications(entries(recordType, first, '2025-02-10T02:00:00.000Z', 'r1'))).toBe(130);
    const second = Array.from({ length: 20 }, (_, i) => i + 121); // 10 known, 10 new
    expect(await ledger.recordFirstPublications(entries(recordType, second, '2025-02-12T02:00:00.000Z', 'r2'))).toBe(10);
    const byId = new Map((await ledger.list(recordType)).map((e) => [e.recordId, e]));
    expect(byId.size).toBe(140);
    expect(byId.get('绍市监罚〔2025〕125号')).toEqual(entries(recordType, [125], '2025-02-10T02:00:00.000Z', 'r1')[0]);
    expect(byId.get('绍市监罚〔2025〕135号')).toEqual(entries(recordType, [135], '2025-02-12T02:00:00.000Z', 'r2')[0]);
  });
});
