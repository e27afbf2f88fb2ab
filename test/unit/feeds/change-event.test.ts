import { describe, expect, it } from 'vitest';
import { changeEvent } from '../../../src/feeds/change-event.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

const version = (n: number, deleted?: boolean): StoredVersion => ({
  recordType: 'enforcement-decision',
  recordId: '绍市监罚〔2025〕1号',
  record: { decisionNumber: '绍市监罚〔2025〕1号', partyIdNumber: '11010519491231002X' },
  provenance: { sourceId: 'demo-enforcement', rawKey: 'raw/x', index: 0, sourceKey: '1', extractedAt: '2025-03-01T00:00:00.000Z' },
  version: n,
  contentHash: 'h',
  storedAt: '2025-03-01T00:00:00.000Z',
  ...(deleted ? { deleted } : {}),
});

describe('change events of SSOT versions', () => {
  it('announces a tombstone as withdrawn, with its last open content, never its closed fields', () => {
    const types = [version(1), version(2), version(3, true)].map((v) => changeEvent(v, ['decisionNumber'], 'urn:schema').type);
    expect(types).toEqual([
      'cn.gov.shaoxing.tongyuan.enforcement-decision.published.v1',
      'cn.gov.shaoxing.tongyuan.enforcement-decision.amended.v1',
      'cn.gov.shaoxing.tongyuan.enforcement-decision.withdrawn.v1',
    ]);
    expect(changeEvent(version(3, true), ['decisionNumber'], 'urn:schema').data.record).toEqual({ decisionNumber: '绍市监罚〔2025〕1号' });
  });
});
