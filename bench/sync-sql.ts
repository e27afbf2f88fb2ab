/**
 * A PostgreSQL front database pulled into the raw zone and the normalize queue, against
 * the floor measured in the same run: the same rows, in the same order, through
 * `COPY … TO STDOUT`. Then 0.1% of the rows change and the source is synced again: what
 * is read and written must follow the changes, not the table's size.
 *
 * BENCH_ROWS sets the table's size (default 1,000,000). Needs PostgreSQL at 127.0.0.1:5432
 * (user postgres, database test); the emulators run in a child process.
 */
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SourceConfig } from '../src/config/catalog.js';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const { requestCounter } = await import('../src/aws/request-counter.js');
const { syncSource } = await import('../src/ingest/sync-source.js');
const { startBenchEmulators } = await import('./support/emulators.js');
const { measure, perSecond, ratio, requestsPerThousand } = await import('./support/measure.js');

const table = `bench_sync_${Date.now().toString(36)}`;
const db = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'test' });
await db.connect();
const emulators = await startBenchEmulators();
try {
  console.log(`table ${table}: ${rows.toLocaleString('en')} rows`);
  await db.query(
    `CREATE TABLE ${table} (id bigint PRIMARY KEY, credit_code text, party text, category text, amount numeric(14,2), note text, updated_at timestamptz NOT NULL)`,
  );
  await db.query(
    `INSERT INTO ${table} SELECT g, '91330600MA' || lpad(g::text, 8, '0'), '绍兴市第' || g || '号企业', (ARRAY['A','B','C','D'])[1 + g % 4], (g % 100000) / 100.0,
       md5(g::text), timestamptz '2025-01-01 00:00:00+08' + (g / 7) * interval '1 second' FROM generate_series(1, ${rows}) g`,
  );
  await db.query(`CREATE INDEX ON ${table} (updated_at, id)`);
  await db.query(`VACUUM ANALYZE ${table}`);

  const floor = await measure(async () => {
    let bytes = 0;
    for await (const chunk of db.query(copyTo(`COPY (SELECT * FROM ${table} ORDER BY updated_at, id) TO STDOUT`)) as AsyncIterable<Buffer>)
      bytes += chunk.length;
    return bytes;
  });

  const source: SourceConfig = {
    id: `bench-${table.replaceAll('_', '-')}`,
    title: 'bench',
    department: 'bench',
    kind: 'sql',
    recordType: 'credit-record',
    mapping: { version: 1, fields: { id: { from: 'id' } } },
    primaryKey: 'id',
    connection: { engine: 'postgres', host: '${env:BENCH_PG_HOST}', database: 'test', user: 'postgres', table, cursorColumn: 'updated_at', batchSize: 5000 },
  };
  const deps = emulators.compose({ BENCH_PG_HOST: '127.0.0.1' }).ingestDeps();
  const sync = async () => {
    requestCounter.reset();
    let written = 0;
    const result = await syncSource(source, deps, { onPage: (p) => (written += p.items) });
    return { result, written, requests: new Map(requestCounter.requests) };
  };

  const full = await measure(sync);
  console.log('');
  console.log(
    `floor: COPY TO STDOUT          ${rows} rows, ${(floor.value / 2 ** 20).toFixed(0)} MiB in ${floor.wallMs.toFixed(0)} ms (${perSecond(rows, floor.wallMs)} rows/s, ${perSecond(rows, floor.cpuMs)} rows per CPU-s)`,
  );
  console.log(
    `sync into raw zone + queue     ${full.value.result.pulled} rows in ${full.wallMs.toFixed(0)} ms (${perSecond(full.value.result.pulled, full.wallMs)} rows/s)`,
  );
  console.log(`  rows per CPU-second          ${perSecond(full.value.result.pulled, full.cpuMs)} (this process; emulators and PostgreSQL not counted)`);
  console.log(`  peak RSS                     ${full.peakRssMb.toFixed(0)} MiB (${full.startRssMb.toFixed(0)} MiB before the sync)`);
  console.log(`  ratio to the floor           wall ${ratio(full.wallMs, floor.wallMs)}, CPU ${ratio(full.cpuMs, floor.cpuMs)}`);
  for (const line of requestsPerThousand(full.value.requests, full.value.result.pulled)) console.log(`  ${line}`);

  const changed = Math.max(1, Math.round(rows / 1000));
  await db.query(`UPDATE ${table} SET amount = amount + 1, updated_at = now() WHERE id % ${Math.round(rows / changed)} = 0`);
  const again = await measure(sync);
  console.log('');
  console.log(`after changing ${changed} rows (0.1%):`);
  console.log(
    `  rows read                    ${again.value.result.pulled} (${ratio(again.value.result.pulled, changed)} the changed rows; the table has ${rows})`,
  );
  console.log(`  records written to raw/queue ${again.value.written}`);
  console.log(`  time                         ${again.wallMs.toFixed(0)} ms (${ratio(full.wallMs, again.wallMs)} faster than the full pull)`);
  for (const line of requestsPerThousand(again.value.requests, again.value.result.pulled)) console.log(`  ${line}`);
} finally {
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.end();
  await emulators.stop();
}
