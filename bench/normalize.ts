/**
 * Normalize on one core, and what the SSOT costs in DynamoDB.
 *
 * 1. Map + validate + content hash of realistic penalty decisions (the demo department's
 *    generator), in records per second on this one core, against the floor of a JSON
 *    round trip (stringify + parse) of the same records in the same run.
 * 2. SSOT writes against the embedded emulators: DynamoDB requests and consumed capacity
 *    units per 1,000 new records, per 1,000 changed and per 1,000 unchanged on re-sync.
 *
 * BENCH_NORMALIZE_RECORDS sets the CPU sample (default 20,000); the SSOT part writes 1,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CandidateRecord } from '../src/ssot/model.js';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const { requestCounter } = await import('../src/aws/request-counter.js');
const { Composition } = await import('../src/app/composition.js');
const { createAwsClients } = await import('../src/aws/clients.js');
const { countRequests } = await import('../src/aws/request-counter.js');
const { loadRuntimeConfig } = await import('../src/config/runtime-config.js');
const { generatePenalties } = await import('../demo/enforcement/generate.js');
const { resources } = await import('../src/infra/resources.js');
const { startEmbeddedAws } = await import('../src/local/embedded-aws.js');
const { physicalName, provision } = await import('../src/local/provision.js');
const { loadSourceFile } = await import('../src/config/catalog.js');
const { mappingOf } = await import('../src/mapping/source-mapping.js');
const penaltyMapping = mappingOf(await loadSourceFile(new URL('../sources/demo-enforcement.yaml', import.meta.url).pathname));
const mapDemoPenalty = (raw: Readonly<Record<string, unknown>>): unknown => penaltyMapping.map(raw);
const { DynamoQuarantineStore } = await import('../src/aws/dynamo-quarantine-store.js');
const { enforcementDecisionType } = await import('../src/records/enforcement-decision.js');
const { DynamoRecordStore } = await import('../src/aws/dynamo-record-store.js');
const { systemClock } = await import('../src/ports/index.js');
const { contentHash } = await import('../src/util/hash.js');

const count = Number(process.env.BENCH_NORMALIZE_RECORDS ?? 20_000);
const ROUNDS = 5;
const { records } = generatePenalties({ count, seed: 20261127 });
let sink = 0;

/** Best of several rounds (the least disturbed), in records per second. */
function rate(work: () => void): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return (records.length / best) * 1000;
}

const floor = () => {
  for (const r of records) sink += (JSON.parse(JSON.stringify(r)) as object) === null ? 0 : 1;
};
const mapOnly = () => {
  for (const r of records) sink += mapDemoPenalty(r as unknown as Record<string, unknown>) === null ? 0 : 1;
};
const mapped = records.map((r) => mapDemoPenalty(r as unknown as Record<string, unknown>));
const validateOnly = () => {
  for (const m of mapped) sink += enforcementDecisionType.validate(m).valid ? 1 : 0;
};
const hashOnly = () => {
  for (const m of mapped) sink += contentHash(m).length;
};
const pipeline = () => {
  for (const r of records) {
    const result = enforcementDecisionType.validate(mapDemoPenalty(r as unknown as Record<string, unknown>));
    if (result.valid) sink += contentHash(result.record).length + enforcementDecisionType.idOf(result.record).length;
  }
};

floor();
pipeline();
const floorRate = rate(floor);
const rows: [string, number][] = [
  ['map', rate(mapOnly)],
  ['validate (ajv standalone)', rate(validateOnly)],
  ['content hash (RFC 8785 + SHA-256)', rate(hashOnly)],
  ['map + validate + hash + id', rate(pipeline)],
];
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`normalize on one core, ${records.length} penalty decisions, best of ${ROUNDS} rounds`);
out(`  ${'floor: JSON stringify + parse'.padEnd(36)} ${floorRate.toFixed(0).padStart(9)} records/s`);
for (const [name, value] of rows) out(`  ${name.padEnd(36)} ${value.toFixed(0).padStart(9)} records/s   ${(floorRate / value).toFixed(1)}x the floor's time`);

// 2. SSOT write cost.
const dir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-normalize-'));
const aws = await startEmbeddedAws(dir);
try {
  const clients = countRequests(createAwsClients(aws.clientOptions), requestCounter);
  const app = new Composition(loadRuntimeConfig({ ...process.env, ...(await provision(resources, clients)).env }), clients);
  const tableName = (id: string): string => app.config.resources.table(id);
  const store = new DynamoRecordStore(clients.doc, tableName('records'), systemClock);
  const quarantine = new DynamoQuarantineStore(clients.doc, tableName('quarantine'));
  const valid = records
    .map((r, index) => ({ r, result: enforcementDecisionType.validate(mapDemoPenalty(r as unknown as Record<string, unknown>)), index }))
    .filter((x) => x.result.valid)
    .slice(0, 1000);
  const candidates = (extractedAt: string, change: (record: Record<string, unknown>) => Record<string, unknown> = (x) => x): CandidateRecord[] =>
    valid.map(({ r, result, index }) => {
      const record = change({ ...(result.valid ? result.record : {}) });
      return {
        recordType: 'enforcement-decision',
        recordId: String(record.decisionNumber),
        record,
        provenance: {
          sourceId: 'demo-enforcement',
          rawKey: `raw/demo-enforcement/bench/${Math.floor(index / 100)}.json.gz`,
          index: index % 100,
          sourceKey: r.id,
          extractedAt,
        },
      };
    });
  requestCounter.captureCapacity = true;
  requestCounter.indexKeys = new Map(
    resources.tables.map((t) => [physicalName(t.id), (t.globalIndexes ?? []).map((i) => [i.partitionKey.name, ...(i.sortKey ? [i.sortKey.name] : [])])]),
  );
  // Normalize upserts one raw batch (a page of 100) at a time and then releases valid rows from quarantine.
  const costOf = async (label: string, batch: CandidateRecord[]) => {
    requestCounter.reset();
    const started = performance.now();
    for (let i = 0; i < batch.length; i += 100) {
      const page = batch.slice(i, i + 100);
      await store.upsert(page);
      await quarantine.release(
        'demo-enforcement',
        page.map((c) => ({ sourceKey: c.provenance.sourceKey, extractedAt: c.provenance.extractedAt })),
      );
    }
    const ms = performance.now() - started;
    const per = (n: number) => ((n / batch.length) * 1000).toFixed(1);
    const { consumedCapacity: reported, estimatedCapacity: estimated } = requestCounter;
    out(
      `  ${label.padEnd(26)} ${per(requestCounter.total()).padStart(6)} requests  ${per(estimated.read).padStart(7)} RCU ${per(estimated.write).padStart(7)} WCU` +
        `  | Local reports ${per(reported.read)} RCU ${per(reported.write)} WCU  (${((batch.length / ms) * 1000).toFixed(0)} records/s on DynamoDB Local)`,
    );
    const ops = [...requestCounter.requests.entries()].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op.replace('dynamodb.', '')} ${per(n)}`);
    out(`  ${''.padEnd(26)} ${ops.join(', ')}`);
  };
  out(`\nSSOT cost per 1,000 records (${valid.length} valid decisions in pages of 100; capacity by AWS's rules, and as DynamoDB Local reports it)`);
  await costOf('new', candidates('2025-03-06T02:00:00.000Z'));
  await costOf('unchanged on re-sync', candidates('2025-03-07T02:00:00.000Z'));
  await costOf(
    'changed (one field each)',
    candidates('2025-03-08T02:00:00.000Z', (record) => ({ ...record, status: record.status === 'revoked' ? 'changed' : 'revoked' })),
  );
  out('  unchanged: one consistent BatchGetItem per 100 records and nothing written; the Query is the quarantine check, one per page');
  out(
    '  new/changed: per record two conditional PutItems (version, then current; compressed, one write unit each), plus one write per index entry of the current item',
  );
} finally {
  requestCounter.captureCapacity = false;
  await aws.stop();
  rmSync(dir, { recursive: true, force: true });
}
if (sink === -1) out('');
