/**
 * Quarantine release cost: what normalize pays per 1,000 records to let now-valid rows leave
 * quarantine, for a source with 2% defective rows, through the embedded DynamoDB.
 *
 * 1. First sync: per page of 100, the page's defective rows are quarantined and its valid rows released.
 * 2. Re-sync with the same defects: the same again (nothing leaves).
 * 3. Re-sync after the department fixed its rows: every row is valid; the defective ones leave.
 *
 * Capacity units by AWS's rules (src/aws/capacity-estimate.ts). BENCH_QUARANTINE_RECORDS sets the size (1,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QuarantineEntry } from '../src/quarantine/entry.js';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const { requestCounter, countRequests } = await import('../src/aws/request-counter.js');
const { Composition } = await import('../src/app/composition.js');
const { createAwsClients } = await import('../src/aws/clients.js');
const { loadRuntimeConfig } = await import('../src/config/runtime-config.js');
const { resources } = await import('../src/infra/resources.js');
const { startEmbeddedAws } = await import('../src/local/embedded-aws.js');
const { physicalName, provision } = await import('../src/local/provision.js');
const { DynamoQuarantineStore } = await import('../src/aws/dynamo-quarantine-store.js');

const count = Number(process.env.BENCH_QUARANTINE_RECORDS ?? 1000);
const PAGE = 100;
const DEFECT_EVERY = 50; // 2%
const sourceId = 'bench-quarantine';
const keys = Array.from({ length: count }, (_, i) => `PEN-${String(i + 1).padStart(7, '0')}`);
const defective = new Set(keys.filter((_, i) => i % DEFECT_EVERY === DEFECT_EVERY - 1));
const out = (line: string) => process.stdout.write(`${line}\n`);

const entryOf = (sourceKey: string, index: number, extractedAt: string): QuarantineEntry => ({
  sourceId,
  recordType: 'enforcement-decision',
  sourceKey,
  rawKey: `raw/${sourceId}/bench/${Math.floor(index / PAGE)}.json.gz`,
  index: index % PAGE,
  errors: [{ path: '/decisionDate', keyword: 'format', message: 'must match format "date"', messageZh: '日期格式不正确', sourceField: '处罚决定日期' }],
  raw: JSON.stringify({
    id: sourceKey,
    行政相对人名称: '绍兴市越城区某商行',
    处罚决定书文号: `越市监罚〔2025〕${index}号`,
    处罚决定日期: '2025-13-40',
    处罚内容: '警告'.repeat(40),
  }),
  quarantinedAt: extractedAt,
  extractedAt,
  mapping: 'demo-enforcement@2',
});

const dir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-quarantine-'));
const aws = await startEmbeddedAws(dir);
try {
  const clients = countRequests(createAwsClients(aws.clientOptions), requestCounter);
  const app = new Composition(loadRuntimeConfig({ ...process.env, ...(await provision(resources, clients)).env }), clients);
  const quarantine = new DynamoQuarantineStore(clients.doc, app.config.resources.table('quarantine'));
  requestCounter.captureCapacity = true;
  requestCounter.indexKeys = new Map(
    resources.tables.map((t) => [physicalName(t.id), (t.globalIndexes ?? []).map((i) => [i.partitionKey.name, ...(i.sortKey ? [i.sortKey.name] : [])])]),
  );
  const sync = async (label: string, extractedAt: string, stillDefective: (key: string) => boolean) => {
    requestCounter.reset();
    let released = 0;
    for (let start = 0; start < count; start += PAGE) {
      const page = keys.slice(start, start + PAGE);
      const rejected = page.flatMap((key, i) => (stillDefective(key) ? [entryOf(key, start + i, extractedAt)] : []));
      if (rejected.length > 0) await quarantine.put(rejected);
      released += await quarantine.release(
        sourceId,
        page.filter((key) => !stillDefective(key)).map((sourceKey) => ({ sourceKey, extractedAt })),
      );
    }
    const per = (n: number) => ((n / count) * 1000).toFixed(1);
    const { estimatedCapacity: units } = requestCounter;
    out(
      `  ${label.padEnd(30)} ${per(requestCounter.total()).padStart(6)} requests ${per(units.read).padStart(7)} RCU ${per(units.write).padStart(7)} WCU  released ${released}`,
    );
    const ops = [...requestCounter.requests.entries()].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op.replace('dynamodb.', '')} ${per(n)}`);
    out(`  ${''.padEnd(30)} ${ops.join(', ')}`);
  };
  out(`quarantine put + release per 1,000 records (${count} rows in pages of ${PAGE}, ${defective.size} defective)`);
  await sync('first sync', '2025-03-06T02:00:00.000Z', (key) => defective.has(key));
  await sync('re-sync, same defects', '2025-03-07T02:00:00.000Z', (key) => defective.has(key));
  await sync('re-sync, defects fixed', '2025-03-08T02:00:00.000Z', () => false);
  out(`  left in quarantine: ${await quarantine.count(sourceId)}`);
} finally {
  requestCounter.captureCapacity = false;
  await aws.stop();
  rmSync(dir, { recursive: true, force: true });
}
