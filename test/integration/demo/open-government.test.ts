import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/app/composition.js';
import type { Catalog } from '../../../src/config/catalog-context.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { normalizeBatch, type NormalizeOutcome } from '../../../src/normalize/normalize-batch.js';
import { parseNormalizeMessage } from '../../../src/normalize/request.js';
import { generateMajorDecisions } from '../../../demo/decisions/generate.js';
import { generateDocumentRows } from '../../../demo/documents/generate.js';
import { generateGazetteIssues } from '../../../demo/gazette/generate.js';
import { documentsDepartmentSize } from '../../../demo/other-kinds.js';
import { startOpenGovernmentDepartments, type OpenGovernmentDepartments } from '../../../demo/open-government/departments.js';
import { useSharedAws } from '../../support/aws.js';

const START = new Date('2025-01-01T00:00:00+08:00');
const SEED = 515151;
const AS_OF = '2026-11-20';

let app: Composition;
let sources: Catalog;
let departments: OpenGovernmentDepartments;

/** Pulls one source in full and normalizes every batch it sent, as the functions would; the outcomes summed. */
async function syncThrough(sourceId: string): Promise<{ pulled: number } & Pick<NormalizeOutcome, 'valid' | 'quarantined' | 'conflicted'>> {
  const messages: string[] = [];
  const deps = { ...app.ingestDeps(), normalizeQueue: { send: async (bodies: readonly string[]) => void messages.push(...bodies) } };
  const { pulled } = await syncSource(sources.source(sourceId), deps, { full: true, allowMassDelete: true });
  const sum = { pulled, valid: 0, quarantined: 0, conflicted: 0 };
  for (const body of messages) {
    const request = parseNormalizeMessage(body);
    if (request.kind !== 'raw-batch') continue;
    const outcome = await normalizeBatch(request, app.normalizeDeps(sources));
    sum.valid += outcome.valid;
    sum.quarantined += outcome.quarantined;
    sum.conflicted += outcome.conflicted ?? 0;
  }
  return sum;
}

describe('the gazette editorial office and the decision catalogue, through ingest and normalize', () => {
  beforeAll(async () => {
    const shared = await useSharedAws();
    departments = await startOpenGovernmentDepartments({ count: 300, seed: SEED, start: START, asOf: AS_OF, kinds: new Set(['gazette', 'decisions']) });
    expect(Object.keys(departments.env).sort()).toEqual(['TONGYUAN_DEMO_DECISIONS_URL', 'TONGYUAN_DEMO_GAZETTE_URL']);
    app = shared.compose(departments.env);
    sources = await app.catalog();
  });
  afterAll(async () => {
    await departments?.stop();
  });

  it('pulls every issue page by page, quarantines the two planted defects and leaves the reprinted 期号 in conflict', async () => {
    const size = documentsDepartmentSize(300, SEED);
    const documents = generateDocumentRows(size.count, size.seed, START);
    const expected = generateGazetteIssues({ seed: SEED + 6, asOf: AS_OF, documents: documents.rows, documentDefects: documents.defective });
    const outcome = await syncThrough('demo-gazette');
    expect(outcome.pulled).toBe(expected.issues.length);
    expect(outcome.pulled).toBeGreaterThan(50); // more than one page of 50
    expect(outcome.quarantined).toBe(2);
    expect(outcome.valid).toBe(expected.issues.length - 2);
    expect(outcome.conflicted).toBeGreaterThanOrEqual(1);
    const [copyId] = [...expected.conflicting.keys()];
    const [name] = await app.recordStore().findBySourceKey('demo-gazette', String(copyId));
    const stored = await app.recordStore().read(name!.recordType, name!.recordId);
    expect(stored?.conflict?.fields).toEqual(['totalIssueNumber']);
    // The next pull asks only for what changed since the latest update time: the issues of that instant again, no more.
    const latest = expected.issues
      .map((i) => i.gxsj)
      .sort()
      .at(-1)!;
    const again = await syncSource(sources.source('demo-gazette'), { ...app.ingestDeps(), normalizeQueue: { send: async () => undefined } });
    expect(again.pulled).toBe(expected.issues.filter((i) => i.gxsj >= latest).length);
  });

  it('pulls the whole catalogue by offset and quarantines exactly the four planted defects', async () => {
    const expected = generateMajorDecisions({ seed: SEED + 7, asOf: AS_OF });
    const outcome = await syncThrough('demo-major-decisions');
    expect(outcome).toMatchObject({ pulled: expected.decisions.length, quarantined: 4, valid: expected.decisions.length - 4, conflicted: 0 });
    const entries = await app.quarantineStore().list('demo-major-decisions');
    expect(new Set(entries.map((e) => e.sourceKey))).toEqual(new Set([...expected.defective.keys()].map(String)));
  });
});
