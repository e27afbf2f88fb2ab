import pg from 'pg';
import { keysetQuery } from './keyset.js';
import { SESSION_TIME_ZONE, type OpenRowReader, type SqlRow } from './row-reader.js';

/** date, time, timestamp, timestamptz, timetz, interval: kept as the server's text, so a watermark round-trips to the microsecond. */
const TEXT_TYPE_OIDS = new Set([1082, 1083, 1114, 1184, 1266, 1186]);

const keepText = (value: string): string => value;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    TEXT_TYPE_OIDS.has(oid) ? keepText : (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/** While we write a batch to S3 the transaction idles; a front DB's short idle limit must not kill the pull. */
const IDLE_IN_TRANSACTION_MS = 10 * 60_000;

/**
 * PostgreSQL through a server-side cursor (DECLARE … FETCH n) inside one read-only,
 * repeatable-read transaction: one consistent snapshot, one index scan, and each FETCH
 * under the statement timeout.
 */
export const openPostgresReader: OpenRowReader = async ({ source, after, host, password, batchSize, statementTimeoutMs }) => {
  const { connection } = source;
  const client = new pg.Client({
    host,
    port: connection.port ?? 5432,
    database: connection.database,
    user: connection.user,
    password,
    application_name: `tongyuan ingest ${source.id}`,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    connectionTimeoutMillis: 15_000,
    types,
  });
  // An error on an idle client would otherwise be thrown as an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  const query = keysetQuery(source, after);
  let open = true;
  try {
    await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    await client.query(`SET TIME ZONE '${SESSION_TIME_ZONE}'`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    async count() {
      const { rows } = await client.query<{ n: string }>(query.count, [...query.params]);
      return Number(rows[0]?.n ?? 0);
    },
    async *batches() {
      await client.query(`DECLARE tongyuan_pull NO SCROLL CURSOR FOR ${query.select}`, [...query.params]);
      for (;;) {
        const { rows } = await client.query<SqlRow>(`FETCH ${batchSize} FROM tongyuan_pull`);
        if (rows.length > 0) yield rows;
        if (rows.length < batchSize) return;
      }
    },
    async close() {
      if (!open) return;
      open = false;
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
};
