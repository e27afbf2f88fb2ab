import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import { gunzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { sqlConnector } from '../../../src/ingest/connectors/sql.js';
import { syncSource, type SyncDeps } from '../../../src/ingest/sync-source.js';
import type { CheckpointStore } from '../../../src/ports/index.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const bucketName = (id: string): string => shared.config.resources.bucket(id);

type SqlSource = Extract<SourceConfig, { kind: 'sql' }>;

interface Peer {
  readonly engine: 'postgres' | 'mysql';
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function postgresPeer(): Promise<Peer> {
  const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'test' });
  await client.connect();
  return { engine: 'postgres', exec: async (sql) => void (await client.query(sql)), close: () => client.end() };
}

async function mysqlPeer(): Promise<Peer> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: 'test', multipleStatements: true });
  return { engine: 'mysql', exec: async (sql) => void (await conn.query(sql)), close: () => conn.end() };
}

const ts = (engine: Peer['engine']) => (engine === 'postgres' ? 'timestamp(6)' : 'datetime(6)');

describe.each([
  ['PostgreSQL', postgresPeer],
  ['MariaDB', mysqlPeer],
])('sql connector against %s', (_name, connect) => {
  let peer: Peer;
  let table: string;
  const created: string[] = [];
  const raw = () => new S3ObjectStore(shared.clients.s3, bucketName('raw'));

  beforeAll(async () => {
    shared = await useSharedAws();
    peer = await connect();
    shared = { ...shared, app: shared.compose({ TEST_SQL_HOST: '127.0.0.1' }) };
  });
  afterAll(async () => {
    await peer.close();
  });

  const source = (id: string, batchSize: number): SqlSource => ({
    id,
    title: 'front db',
    department: 'test',
    kind: 'sql',
    recordType: 'credit-record',
    mapping: INGEST_ONLY_MAPPING,
    primaryKey: 'id',
    connection: {
      engine: peer.engine,
      host: '${env:TEST_SQL_HOST}',
      database: 'test',
      user: peer.engine === 'postgres' ? 'postgres' : 'root',
      table,
      cursorColumn: 'updated_at',
      batchSize,
    },
  });

  async function createTable(rows: [number, string][]): Promise<void> {
    table = `ingest_sql_${uniqueSuffix()}`;
    created.push(table);
    await peer.exec(`CREATE TABLE ${table} (id integer PRIMARY KEY, name varchar(40), updated_at ${ts(peer.engine)})`);
    await insert(rows);
  }
  const insert = (rows: [number, string][]) =>
    peer.exec(`INSERT INTO ${table} (id, name, updated_at) VALUES ${rows.map(([id, at]) => `(${id}, 'row ${id}', '${at}')`).join(', ')}`);

  /** Every row of every distinct raw batch the sync wrote, in order. */
  async function syncCollecting(s: SqlSource, deps: SyncDeps, options: { full?: boolean } = {}, keys: string[] = []) {
    const totals = new Set<number | undefined>();
    const result = await syncSource(s, deps, { ...options, onPage: (p) => (keys.push(p.rawKey), totals.add(p.expectedTotal)) });
    const rows: { id: number; updated_at: string }[] = [];
    for (const key of new Set(keys)) rows.push(...(sqlConnector().itemsOf(s, gunzipSync((await raw().get(key))!)) as typeof rows));
    return { result, rows, totals: [...totals] };
  }

  afterAll(async () => {
    // Views and functions first: they depend on the tables.
    for (const name of [...created].reverse()) {
      await peer.exec(`DROP VIEW IF EXISTS ${name}`).catch(() => undefined);
      if (peer.engine === 'postgres') await peer.exec(`DROP FUNCTION IF EXISTS ${name}_touch(integer)`).catch(() => undefined);
      await peer.exec(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    }
  });

  it('reads rows tied on the cursor column across batch boundaries exactly once, then only what changed', async () => {
    // Ties at T1 (4 rows) and T2 (4 rows) straddle batches of 3.
    await createTable([
      [1, '2025-01-01 08:00:00.000001'],
      [2, '2025-01-01 08:00:00.000001'],
      [3, '2025-01-01 08:00:00.000001'],
      [4, '2025-01-01 08:00:00.000001'],
      [5, '2025-01-02 08:00:00'],
      [6, '2025-01-02 08:00:00'],
      [7, '2025-01-02 08:00:00'],
      [8, '2025-01-02 08:00:00'],
      [9, '2025-01-03 08:00:00'],
      [10, '2025-01-03 08:00:00'],
    ]);
    const s = source(`sql-${uniqueSuffix()}`, 3);
    const deps = shared.app.ingestDeps();
    const first = await syncCollecting(s, deps);
    expect(first.rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.result).toMatchObject({ pages: 4, pulled: 10, complete: true });
    expect(first.totals).toEqual([10]);

    await insert([
      [11, '2025-01-03 08:00:00'],
      [12, '2025-01-04 09:00:00'],
    ]);
    await peer.exec(`UPDATE ${table} SET name = 'changed', updated_at = '2025-01-05 00:00:00' WHERE id = 2`);
    const second = await syncCollecting(s, deps);
    expect(second.rows.map((r) => r.id)).toEqual([11, 12, 2]);
    expect(second.totals).toEqual([3]);
    expect((await syncCollecting(s, deps)).result.pulled).toBe(0);
    // --full re-pulls everything; the raw batches are new pulls of the same rows.
    expect((await syncCollecting(s, deps, { full: true })).rows.map((r) => r.id)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2]);
  });

  it('resumes after a crash between the raw write and the checkpoint commit: nothing lost, nothing repeated', async () => {
    const rows: [number, string][] = Array.from({ length: 25 }, (_, i) => [i + 1, `2025-02-01 00:00:0${Math.floor(i / 7)}`]);
    await createTable(rows);
    const s = source(`sql-${uniqueSuffix()}`, 4);
    const real = shared.app.ingestDeps();
    let commits = 0;
    const crashing: CheckpointStore = {
      get: (id, stream) => real.checkpoints.get(id, stream),
      async commit(id, stream, next, previous) {
        if (++commits === 3) throw new Error('process killed after the raw write');
        return real.checkpoints.commit(id, stream, next, previous);
      },
    };
    const written: string[] = [];
    await expect(syncCollecting(s, { ...real, checkpoints: crashing }, {}, written)).rejects.toThrow('process killed after the raw write');
    expect(written.length).toBe(3);
    const resumed = await syncCollecting(s, real, {}, written);
    // The batch written before the crash is read again and lands on the same raw key, so
    // the distinct raw batches of both runs hold every row exactly once.
    expect(resumed.rows.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(resumed.result.pulled).toBe(17);
  });

  it('stops a read that runs past the statement timeout, naming the source and table', async () => {
    await createTable([
      [1, '2025-03-01 00:00:00'],
      [2, '2025-03-01 00:00:01'],
    ]);
    const slow = `${table}_slow`;
    created.push(slow);
    // Each row takes 0.3 s to read; a 100 ms statement timeout must cut the read short.
    await peer.exec(
      peer.engine === 'postgres'
        ? `CREATE VIEW ${slow} AS SELECT * FROM ${table} WHERE pg_sleep(0.3)::text IS NOT NULL`
        : `CREATE VIEW ${slow} AS SELECT * FROM ${table} WHERE SLEEP(0.3) = 0`,
    );
    const s = source(`sql-${uniqueSuffix()}`, 10);
    const timed: SqlSource = { ...s, connection: { ...s.connection, table: slow, statementTimeoutMs: 100, countRows: false } };
    await expect(syncSource(timed, shared.app.ingestDeps())).rejects.toThrow(
      new RegExp(`^source ${s.id}: reading ${peer.engine} 127\\.0\\.0\\.1:\\d+/test table ${slow} failed: .*(timeout|max_statement_time|interrupted)`, 'i'),
    );
  });

  it('reads in a read-only session: a view that would write fails instead of writing', async () => {
    if (peer.engine !== 'postgres') return;
    await createTable([[1, '2025-04-01 00:00:00']]);
    const audit = `${table}_audit`;
    const writing = `${table}_writing`;
    created.push(writing, audit);
    await peer.exec(`CREATE TABLE ${audit} (id integer)`);
    await peer.exec(`CREATE FUNCTION ${audit}_touch(i integer) RETURNS integer AS $$ INSERT INTO ${audit} VALUES (i); SELECT i $$ LANGUAGE sql VOLATILE`);
    await peer.exec(`CREATE VIEW ${writing} AS SELECT ${audit}_touch(id) AS id, name, updated_at FROM ${table}`);
    const s = source(`sql-${uniqueSuffix()}`, 10);
    await expect(syncSource({ ...s, connection: { ...s.connection, table: writing } }, shared.app.ingestDeps())).rejects.toThrow(/read-only transaction/);
  });

  it('names the source, engine, host and table when the database cannot be reached', async () => {
    const s = { ...source(`sql-${uniqueSuffix()}`, 10) };
    const unreachable: SqlSource = { ...s, connection: { ...s.connection, port: 1 } };
    await expect(syncSource(unreachable, shared.app.ingestDeps())).rejects.toThrow(
      new RegExp(`^source ${s.id}: cannot open ${peer.engine} 127\\.0\\.0\\.1:1/test table ${table}: `),
    );
  });
});
