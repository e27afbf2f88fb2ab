import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/config/catalog-context.js';
import type { NormalizeDeps } from '../../../src/normalize/normalize-batch.js';
import { normalizeMessage } from '../../../src/normalize/normalize-message.js';
import { conflictKey } from '../../../src/quarantine/conflict-entries.js';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';
import { enforcementDecisionIdentity } from '../../../src/records/enforcement-decision.js';

describe('a withdrawal that resolves an identity conflict', () => {
  it("clears the conflict's entry from every source that had a side", async () => {
    const removed: string[] = [];
    const put: QuarantineEntry[] = [];
    const quarantine: NormalizeDeps['quarantine'] = {
      put: async (entries) => void put.push(...entries),
      release: async () => 0,
      remove: async (sourceId, keys) => void removed.push(...keys.map((k) => `${sourceId}/${k}`)),
    };
    const batch = {
      quarantine,
      recordType: () => ({ validate: () => ({ valid: false, errors: [] }), idOf: () => '', identity: enforcementDecisionIdentity }),
      clock: { now: () => new Date('2025-03-10T00:00:00.000Z') },
    } as unknown as NormalizeDeps;
    const body = JSON.stringify({ kind: 'tombstones', sourceId: 'csv', sourceKeys: ['3'], reason: 'vanished', observedAt: '2025-03-10T00:00:00.000Z' });
    await normalizeMessage(body, {
      catalog: {} as Catalog,
      batch,
      quarantine: async () => undefined,
      tombstone: async () => ({
        withdrawn: 1,
        deleted: 0,
        notFound: 0,
        conflicts: [{ recordType: 'enforcement-decision', recordId: 'X:绍越市监罚〔2025〕7号', before: ['api', 'csv'] }],
      }),
    });
    expect(put).toEqual([]);
    expect(removed).toEqual([`api/${conflictKey('X:绍越市监罚〔2025〕7号')}`, `csv/${conflictKey('X:绍越市监罚〔2025〕7号')}`]);
  });
});
