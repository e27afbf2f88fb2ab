import mysql from 'mysql2';
import type { RowDataPacket } from 'mysql2';
import { keysetQuery, type Watermark } from './keyset.js';
import { SESSION_UTC_OFFSET, type OpenRowReader, type SqlRow } from './row-reader.js';

/** Rows per statement: each statement streams and stays under the statement timeout; the next starts after its last row. */
const BATCHES_PER_STATEMENT = 25;
/** The server waits this long for us to take rows off a paused stream while a batch is written. */
const NET_WRITE_TIMEOUT_SECONDS = 600;

/**
 * MySQL and MariaDB: one read-only, consistent-snapshot transaction; rows streamed
 * (`.stream()`, with backpressure) from keyset statements of a bounded size, so memory
 * holds one batch and no single statement runs long.
 */
export const openMysqlReader: OpenRowReader = async ({ source, after, host, password, batchSize, statementTimeoutMs }) => {
  const { connection } = source;
  const conn = mysql.createConnection({
    host,
    port: connection.port ?? 3306,
    database: connection.database,
    user: connection.user,
    password,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: SESSION_UTC_OFFSET,
    connectTimeout: 15_000,
  });
  conn.on('error', () => undefined);
  const run = conn.promise();
  try {
    const [version] = await run.query<RowDataPacket[]>('SELECT VERSION() AS v');
    const mariadb = String(version[0]?.v ?? '').includes('MariaDB');
    await run.query(
      mariadb ? `SET SESSION max_statement_time = ${statementTimeoutMs / 1000}` : `SET SESSION max_execution_time = ${Math.round(statementTimeoutMs)}`,
    );
    await run.query(`SET SESSION net_write_timeout = ${NET_WRITE_TIMEOUT_SECONDS}, time_zone = '${SESSION_UTC_OFFSET}'`);
    await run.query('SET SESSION TRANSACTION READ ONLY');
    await run.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  } catch (error) {
    conn.destroy();
    throw error;
  }
  // A statement whose rows are not all taken holds the connection: only destroying it ends it.
  let streaming = false;
  const cursorColumn = source.connection.cursorColumn;
  const keyColumn = source.primaryKey ?? 'id';
  return {
    async count() {
      const query = keysetQuery(source, after);
      const [rows] = await run.query<RowDataPacket[]>(query.count, [...query.params]);
      return Number(rows[0]?.n ?? 0);
    },
    async *batches() {
      const perStatement = batchSize * BATCHES_PER_STATEMENT;
      let position: Watermark | null = after;
      for (;;) {
        const query = keysetQuery(source, position, perStatement);
        let batch: SqlRow[] = [];
        let read = 0;
        streaming = true;
        for await (const row of conn.query(query.select, [...query.params]).stream({ highWaterMark: batchSize }) as AsyncIterable<SqlRow>) {
          batch.push(row);
          read += 1;
          if (batch.length === batchSize) {
            yield batch;
            batch = [];
          }
          position = { cursor: String(row[cursorColumn]), key: String(row[keyColumn]) };
        }
        streaming = false;
        if (batch.length > 0) yield batch;
        if (read < perStatement) return;
      }
    },
    async close() {
      if (streaming) {
        conn.destroy();
        return;
      }
      await run.query('ROLLBACK').catch(() => undefined);
      await run.end().catch(() => conn.destroy());
    },
  };
};
