/**
 * Deterministic SSOT versions of the record types the feeds carry, each validated by its record
 * type before the run (a change the real classifier would refuse measures nothing): enforcement
 * decisions (enforcement and yrd feeds), normative documents (gazette), credit records,
 * property-rights transactions and cross-province service items (yrd). About one in eight is a
 * second version of an earlier record, one in fifty a tombstone (a leaving event).
 */
import { recordTypeNamed } from '../../src/records/registry.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { contentHash } from '../../src/util/hash.js';
import { example, type ExampleTypeName } from '../../test/support/record-examples.js';

const DISTRICTS = ['越城区', '柯桥区', '上虞区', '诸暨市', '嵊州市', '新昌县', '绍兴市本级'];
/** Ten slots: four enforcement decisions, two normative documents, two credit records, one each of the rest. */
const MIX: readonly ExampleTypeName[] = [
  'enforcement-decision',
  'normative-document',
  'credit-record',
  'enforcement-decision',
  'property-rights-transaction',
  'enforcement-decision',
  'normative-document',
  'credit-record',
  'service-item',
  'enforcement-decision',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The n-th record of a type: the golden example with its identifying fields and a few values varied. */
function recordOf(type: ExampleTypeName, n: number, revision: number): Record<string, unknown> {
  const r = example(type);
  const district = DISTRICTS[n % DISTRICTS.length]!;
  switch (type) {
    case 'enforcement-decision':
      return { ...r, decisionNumber: `绍柯市监罚〔2025〕${n + 1}号`, district, fineYuan: 1000 + ((n * 37 + revision * 11) % 90_000) };
    case 'normative-document':
      return {
        ...r,
        documentNumber: `绍政办发〔2025〕${n + 1}号`,
        indexNumber: `002494581/2025-${pad(n + 1, 5)}`,
        title: `${String(r.title)}（第${n + 1}号，第${revision}版）`,
      };
    case 'credit-record':
      return { ...r, recordNumber: `XY-2025-${pad(n + 1, 6)}`, decisionNumber: `绍柯市监罚〔2025〕${n + 1}号`, content: `${String(r.content)}（${revision}）` };
    case 'property-rights-transaction':
      return { ...r, projectNumber: `SXCQ2025-GQ-${pad(n + 1, 5)}`, listingPriceYuan: 1_000_000 + n * 1000 + revision };
    case 'service-item':
      return {
        ...r,
        itemCode: `330600-${pad(n + 1, 12)}`,
        name: `${String(r.name)}（${n + 1}）`,
        promisedTimeLimitDays: 1 + ((n + revision) % 10),
        crossProvince: true,
      };
    default:
      return r;
  }
}

/** `count` versions in commit order; `storedAt` is left to the run, which stamps it at commit. */
export function benchVersions(count: number): StoredVersion[] {
  const made = new Map<ExampleTypeName, { id: string; version: number; n: number }[]>();
  const out: StoredVersion[] = [];
  for (let i = 0; i < count; i++) {
    const type = MIX[i % MIX.length]!;
    const earlier = made.get(type) ?? [];
    made.set(type, earlier);
    const again = i % 8 === 7 && earlier.length > 4 ? earlier[(i * 7919) % earlier.length]! : undefined;
    const n = again ? again.n : earlier.length;
    const version = again ? again.version + 1 : 1;
    const record = recordOf(type, n, version);
    const checked = recordTypeNamed(type).validate(record);
    if (!checked.valid) throw new Error(`bench record ${type} #${n} does not validate: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const recordId = recordTypeNamed(type).idOf(checked.record);
    if (again) again.version = version;
    else earlier.push({ id: recordId, version, n });
    out.push({
      recordType: type,
      recordId,
      record: checked.record as Record<string, unknown>,
      provenance: { sourceId: `bench-${type}`, rawKey: `raw/bench/${type}.json`, index: i, sourceKey: recordId, extractedAt: '2026-12-01T00:00:00.000Z' },
      version,
      contentHash: contentHash(checked.record),
      storedAt: '',
      ...(again && i % 50 === 47 ? { deleted: true } : {}),
    });
  }
  return out;
}
