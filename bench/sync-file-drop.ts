/**
 * A GBK CSV file drop pulled into the raw zone and the normalize queue, against the floor
 * measured in the same run: the raw read of the file (S3 GetObject and GBK decoding).
 * Then the department drops the file again with 0.1% of its rows changed.
 *
 * BENCH_CSV_ROWS sets the file's size (default 200,000); the emulators run in a child process.
 */
import iconv from 'iconv-lite';
import type { SourceConfig } from '../src/config/catalog.js';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const rows = Number(process.env.BENCH_CSV_ROWS ?? 200_000);
const { requestCounter } = await import('../src/aws/request-counter.js');
const { S3ObjectStore } = await import('../src/aws/s3-object-store.js');
const { syncSource } = await import('../src/ingest/sync-source.js');
const { startBenchEmulators } = await import('./support/emulators.js');
const { multipartPut } = await import('./support/multipart-put.js');
const { measure, perSecond, ratio, requestsPerThousand } = await import('./support/measure.js');

const DISTRICTS = ['越城区', '柯桥区', '上虞区', '诸暨市', '嵊州市', '新昌县'];
/** 双公示 rows, deterministic; `changed` rows get another fine. */
function csv(changed: ReadonlySet<number>): Uint8Array {
  const lines = ['行政处罚决定书文号,行政相对人名称,统一社会信用代码,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,数据更新时间'];
  for (let i = 1; i <= rows; i++) {
    const fine = ((i % 500) / 10 + (changed.has(i) ? 1 : 0)).toFixed(1);
    lines.push(
      `绍市监罚〔2025〕${i}号,绍兴市${DISTRICTS[i % 6]}第${i}号商行,91330600MA${String(i).padStart(8, '0')},罚款,${fine},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},绍兴市市场监督管理局,2025-06-01 08:00:00`,
    );
  }
  return new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}

const emulators = await startBenchEmulators();
const bucketName = (id: string): string => emulators.app.config.resources.bucket(id);
try {
  const raw = new S3ObjectStore(emulators.app.clients.s3, bucketName('raw'));
  const source: SourceConfig = {
    id: 'bench-sgs-drop',
    title: 'bench',
    department: 'bench',
    kind: 'file-drop',
    recordType: 'enforcement-decision',
    mapping: { version: 1, fields: { id: { from: 'id' } } },
    primaryKey: '行政处罚决定书文号',
    deletions: { detect: 'snapshot' },
    connection: { format: { kind: 'csv', encoding: 'auto' }, batchSize: 2000 },
  };
  const file = csv(new Set());
  console.log(`GBK CSV: ${rows.toLocaleString('en')} rows, ${(file.length / 2 ** 20).toFixed(1)} MiB`);
  await multipartPut(emulators.app.clients.s3, bucketName('raw'), `inbox/${source.id}/sgs-1.csv`, file);

  const floor = await measure(async () => iconv.decode(Buffer.from((await raw.get(`inbox/${source.id}/sgs-1.csv`))!), 'gbk').length);
  const deps = emulators.app.ingestDeps();
  const sync = async () => {
    requestCounter.reset();
    const fresh = new Set<string>();
    let sent = 0;
    const result = await syncSource(source, deps, { onPage: (p) => ((sent += p.items), fresh.add(p.rawKey)) });
    return { result, sent, requests: new Map(requestCounter.requests) };
  };
  const full = await measure(sync);
  const putsFull = full.value.requests.get('s3.PutObject') ?? 0;
  console.log('');
  console.log(`floor: S3 read + GBK decode    ${floor.wallMs.toFixed(0)} ms (${perSecond(rows, floor.wallMs)} rows/s)`);
  console.log(
    `sync into raw zone + queue     ${full.value.result.pulled} rows in ${full.wallMs.toFixed(0)} ms (${perSecond(full.value.result.pulled, full.wallMs)} rows/s)`,
  );
  console.log(`  rows per CPU-second          ${perSecond(full.value.result.pulled, full.cpuMs)} (this process; emulators not counted)`);
  console.log(`  peak RSS                     ${full.peakRssMb.toFixed(0)} MiB (${full.startRssMb.toFixed(0)} MiB before the sync)`);
  console.log(`  ratio to the floor           wall ${ratio(full.wallMs, floor.wallMs)}, CPU ${ratio(full.cpuMs, floor.cpuMs)}`);
  console.log(`  raw batches written          ${putsFull}`);
  for (const line of requestsPerThousand(full.value.requests, full.value.result.pulled)) console.log(`  ${line}`);

  const changedRows = new Set(Array.from({ length: Math.max(1, Math.round(rows / 1000)) }, (_, i) => 1 + i * 1000));
  await multipartPut(emulators.app.clients.s3, bucketName('raw'), `inbox/${source.id}/sgs-2.csv`, csv(changedRows));
  const again = await measure(sync);
  console.log('');
  console.log(`the file dropped again with ${changedRows.size} rows changed (0.1%):`);
  console.log(`  rows read                    ${again.value.result.read} (a file is a whole snapshot: every row is read)`);
  console.log(`  records sent to normalize    ${again.value.sent} (${ratio(again.value.sent, changedRows.size)} the changed rows)`);
  console.log(
    `  raw batches written          ${again.value.requests.get('s3.PutObject') ?? 0} of ${putsFull} (unchanged pages land on their existing content-addressed keys)`,
  );
  console.log(`  time                         ${again.wallMs.toFixed(0)} ms`);
  const requestsAgain = [...again.value.requests.values()].reduce((a, b) => a + b, 0);
  console.log(`  AWS requests per 1,000 rows read ${((requestsAgain / again.value.result.read) * 1000).toFixed(2)}`);
  for (const line of requestsPerThousand(again.value.requests, again.value.result.pulled)) console.log(`  ${line}`);
} finally {
  await emulators.stop();
}
