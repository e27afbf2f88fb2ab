/**
 * Sizes of the SSOT items a new demo enforcement decision becomes (version and current),
 * as capacity-estimate sizes them, and the write units each costs. Offline: the demo's
 * generator, the source's real mapping and validation, the SSOT's own plan and item
 * builders; no emulator. BENCH_ITEM_RECORDS sets the count (default 3,000).
 *
 *   npx tsx bench/item-sizes.ts
 */
import { fileURLToPath } from 'node:url';
import { generatePenalties } from '../demo/enforcement/generate.js';
import { recordTypeRules } from '../src/app/record-type-rules.js';
import { itemBytes } from '../src/aws/capacity-estimate.js';
import { loadSourceFile } from '../src/config/catalog.js';
import { mappingOf } from '../src/mapping/source-mapping.js';
import { normalizeItems } from '../src/normalize/normalize-batch.js';
import { sourceRef, type CandidateRecord } from '../src/ssot/model.js';
import { decodedItem } from '../src/ssot/item-codec.js';
import { RecordOverflow } from '../src/ssot/overflow.js';
import { currentItem, versionItem } from '../src/ssot/record-items.js';
import { planUpsert } from '../src/ssot/record-state.js';
import { sha256Hex } from '../src/util/hash.js';

const count = Number(process.env.BENCH_ITEM_RECORDS ?? 3000);
const source = await loadSourceFile(fileURLToPath(new URL('../sources/demo-enforcement.yaml', import.meta.url)));
const { records: rows } = generatePenalties({ count, seed: 12 });

const candidates: CandidateRecord[] = [];
const clock = { now: () => new Date('2026-01-15T08:00:00Z') };
// Pages of 100 rows under content-addressed raw keys, as ingest stores them.
for (let page = 0; page < rows.length; page += 100) {
  const batch = rows.slice(page, page + 100);
  await normalizeItems(
    source,
    `raw/${source.id}/2026-01-15/${sha256Hex(JSON.stringify(batch))}.json.gz`,
    clock.now().toISOString(),
    batch.map((item, index) => ({ item, index })),
    {
      raw: undefined as never,
      records: {
        upsert: (found) => {
          candidates.push(...found);
          return Promise.resolve({ created: found.length, updated: 0, unchanged: 0 });
        },
      },
      quarantine: { put: async () => {}, release: async () => 0, remove: async () => {} },
      source: () => source,
      recordType: recordTypeRules,
      mapping: mappingOf,
      itemsOf: () => [],
      clock,
    },
  );
}

const overflow = new RecordOverflow(undefined);
const storedAt = '2026-01-15T08:00:01.234Z';
const sizes = { 'version (plain)': [] as number[], 'current (plain)': [] as number[], version: [] as number[], current: [] as number[] };
/** The item as stored before compression: content and maps as plain attributes. */
const plain = (item: Record<string, unknown>, record: Readonly<Record<string, unknown>>) => {
  const { body: _body, ...decoded } = decodedItem(item);
  return { ...decoded, record };
};
for (const candidate of candidates) {
  const ref = sourceRef(candidate.provenance.sourceId, candidate.provenance.sourceKey);
  const plan = planUpsert(undefined, candidate, ref, [], { precedence: {} });
  if (!plan) continue;
  const name = { recordType: candidate.recordType, recordId: candidate.recordId };
  const body = await overflow.store(plan.next.record, ref);
  const version = versionItem(name, plan.next, body, storedAt);
  const current = currentItem(name, plan.next, body, storedAt);
  sizes['version (plain)'].push(itemBytes(plain(version, plan.next.record)));
  sizes['current (plain)'].push(itemBytes(plain(current, plan.next.record)));
  sizes.version.push(itemBytes(version));
  sizes.current.push(itemBytes(current));
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
console.log(`${candidates.length} valid records of ${count} rows`);
console.log('items              median    p95    max   mean WU   >1 WU');
for (const [kind, list] of Object.entries(sizes)) {
  const sorted = [...list].sort((a, b) => a - b);
  const meanUnits = list.reduce((n, b) => n + units(b), 0) / list.length;
  const over = list.filter((b) => b > 1024).length / list.length;
  console.log(
    `${kind.padEnd(17)} ${String(at(sorted, 0.5)).padStart(7)} ${String(at(sorted, 0.95)).padStart(6)} ${String(sorted.at(-1)).padStart(6)} ${meanUnits.toFixed(2).padStart(9)} ${(over * 100).toFixed(1).padStart(6)}%`,
  );
}
