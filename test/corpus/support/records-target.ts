import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { recordTypeRules } from '../../../src/app/record-type-rules.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { httpJsonConnector } from '../../../src/ingest/connectors/http-json.js';
import { mappingOf } from '../../../src/mapping/source-mapping.js';
import { normalizeItems, type NormalizeDeps } from '../../../src/normalize/normalize-batch.js';
import type { ObjectStore } from '../../../src/ports/index.js';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { RecordOverflow, type StoredBody } from '../../../src/ssot/overflow.js';
import { demoSource } from '../../support/mappings.js';

/**
 * One source item of a records case: a valid demo penalty with fields set or removed, or with raw
 * JSON members appended to its text (duplicate keys, NaN literals), or a whole item's text.
 */
export interface ItemSpec {
  readonly set?: Readonly<Record<string, unknown>>;
  readonly unset?: readonly string[];
  readonly appendText?: string;
  readonly text?: string;
}

export interface RecordsExpectation {
  readonly stored?: number;
  readonly quarantined?: number;
  /** Each must appear in some quarantine error's path, source field or message. */
  readonly reasons?: readonly string[];
  /** How many stored records went to the overflow bucket (over the inline limit). */
  readonly overflowed?: number;
  /** The whole batch is refused: the error names the source and matches this. */
  readonly batchError?: string;
}

export interface RecordsCase {
  readonly name: string;
  readonly items: readonly ItemSpec[];
  readonly expect: RecordsExpectation;
}

export interface RecordsRun {
  readonly count: number;
  readonly stored: readonly { readonly candidate: CandidateRecord; readonly body: StoredBody }[];
  readonly quarantined: readonly QuarantineEntry[];
  readonly overflow: ReadonlyMap<string, Uint8Array>;
}

const SOURCE_ID = 'demo-enforcement';
const { records: penalties } = generatePenalties({ count: 40, seed: 20261202, defectRate: 0 });

/** The text of one item: the i-th valid penalty as changed by the spec. */
export function itemText(spec: ItemSpec, index: number): string {
  if (spec.text !== undefined) return spec.text;
  const item: Record<string, unknown> = { ...penalties[index]!, ...spec.set };
  for (const field of spec.unset ?? []) delete item[field];
  const json = JSON.stringify(item);
  return spec.appendText === undefined ? json : `${json.slice(0, -1)},${spec.appendText}}`;
}

class MemoryObjects implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array | string): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key);
  }
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
}

let source: SourceConfig | undefined;

/**
 * Normalizes one raw batch `{"data":[…]}` of the demo enforcement source as the pipeline does:
 * the connector reads the items back, the source's mapping and the record type's rules judge
 * each, the invalid go to quarantine and the valid are stored through the SSOT's overflow
 * (inline up to its limit, else in the bucket).
 */
export async function normalizeCase(items: readonly ItemSpec[]): Promise<RecordsRun> {
  source ??= await demoSource(SOURCE_ID);
  const batch = Buffer.from(`{"data":[${items.map(itemText).join(',')}]}`, 'utf8');
  const connector = httpJsonConnector();
  const bucket = new MemoryObjects();
  const overflow = new RecordOverflow(() => bucket);
  const stored: { candidate: CandidateRecord; body: StoredBody }[] = [];
  const quarantined: QuarantineEntry[] = [];
  const deps: NormalizeDeps = {
    raw: bucket,
    records: {
      upsert: async (candidates) => {
        for (const candidate of candidates) stored.push({ candidate, body: await overflow.store(candidate.record, candidate.recordId) });
        return { created: candidates.length, updated: 0, unchanged: 0 };
      },
    },
    quarantine: { put: async (entries) => void quarantined.push(...entries), release: async () => 0, remove: async () => undefined },
    source: () => source!,
    recordType: recordTypeRules,
    mapping: mappingOf,
    itemsOf: (s, body) => connector.itemsOf(s as Extract<SourceConfig, { kind: 'http-json' }>, body),
    clock: { now: () => new Date('2026-12-02T00:00:00Z') },
  };
  const read = deps.itemsOf(source, batch);
  await normalizeItems(
    source,
    'raw/demo-enforcement/corpus.json.gz',
    '2026-12-02T00:00:00.000Z',
    read.map((item, index) => ({ item, index })),
    deps,
  );
  return { count: read.length, stored, quarantined, overflow: bucket.objects };
}
