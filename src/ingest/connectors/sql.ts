import { resolveSecretReferences } from '../../config/catalog.js';
import { secretProviders, type SecretProviders } from '../../config/secret-refs.js';
import { SourceError } from '../source-error.js';
import { scrubSecrets } from '../../util/scrub-secrets.js';
import { decodeWatermark, encodeWatermark, type Dialect, type SqlSource } from '../sql/keyset.js';
import type { OpenRowReader, RowBatchReader, SqlRow } from '../sql/row-reader.js';
import { pullSnapshotId, type SourceConnector, type SourcePage } from './connector.js';

export interface SqlOptions {
  readonly readers?: Readonly<Record<Dialect, OpenRowReader>>;
  /** Where host and password references resolve (default: nothing but SSM and Secrets Manager). */
  readonly secrets?: SecretProviders;
}

const encoder = new TextEncoder();

/** One row per line: the raw zone keeps each batch as read, and a line is a record's locator. */
function serialize(rows: readonly SqlRow[]): Uint8Array {
  return encoder.encode(rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

function parseLines(rawBody: Uint8Array): unknown[] {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/**
 * Starts reading the next batch as soon as one is handed out, so the database works while
 * the consumer writes the batch to the raw zone (the checkpoint rule is untouched: a batch
 * is only ever committed after the consumer stored it).
 */
async function* readingAhead<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = batches[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = iterator.next();
    // Seen here if the consumer stops early; the reader's close() ends the query.
    next.catch(() => undefined);
    yield result.value;
  }
}

const where = (source: SqlSource, host: string) =>
  `${source.connection.engine} ${host}:${source.connection.port ?? (source.connection.engine === 'postgres' ? 5432 : 3306)}/${source.connection.database} table ${source.connection.table}`;

/**
 * Front databases (PostgreSQL, MySQL/MariaDB), pulled incrementally by a keyset
 * watermark on (cursorColumn, primaryKey): the checkpoint is the last row's pair, so
 * rows tied on the cursor column across a batch boundary are neither skipped nor repeated.
 */
export function sqlConnector(options: SqlOptions = {}): SourceConnector<'sql'> {
  // Drivers load on first use: normalize reads raw batches through this connector and needs neither.
  const readers = options.readers ?? {
    postgres: async (input) => (await import('../sql/postgres-reader.js')).openPostgresReader(input),
    mysql: async (input) => (await import('../sql/mysql-reader.js')).openMysqlReader(input),
  };
  const secrets = options.secrets ?? secretProviders({});
  return {
    kind: 'sql',
    async *pages(source, cursor, context): AsyncGenerator<SourcePage> {
      const { connection } = source;
      const after = context.full ? null : decodeWatermark(source.id, cursor);
      const host = await resolveSecretReferences(connection.host, `source ${source.id} /connection/host`, secrets);
      const password =
        connection.password === undefined ? undefined : await resolveSecretReferences(connection.password, `source ${source.id} /connection/password`, secrets);
      // A driver's message may quote its connection settings: the password never reaches an error.
      const failure = (error: unknown) => scrubSecrets((error as Error).message, password === undefined ? [] : [password]);
      const batchSize = connection.batchSize ?? 2000;
      const snapshot = after === null ? pullSnapshotId(context) : undefined;
      const keyColumn = source.primaryKey ?? 'id';
      let reader: RowBatchReader;
      try {
        reader = await readers[connection.engine]({ source, after, host, password, batchSize, statementTimeoutMs: connection.statementTimeoutMs ?? 60_000 });
      } catch (error) {
        throw new SourceError(`source ${source.id}: cannot open ${where(source, host)}: ${failure(error)}`);
      }
      try {
        const expectedTotal = connection.countRows === false ? undefined : await reader.count();
        let pending: SqlRow[] | undefined;
        const page = (rows: SqlRow[], last: boolean): SourcePage => {
          const tail = rows[rows.length - 1]!;
          for (const column of [connection.cursorColumn, keyColumn]) {
            if (tail[column] === undefined || tail[column] === null)
              throw new SourceError(`source ${source.id}: ${where(source, host)}: row has no value in column "${column}"`);
          }
          return {
            body: serialize(rows),
            contentType: 'application/x-ndjson',
            items: rows,
            nextCursor: encodeWatermark({ cursor: String(tail[connection.cursorColumn]), key: String(tail[keyColumn]) }),
            last,
            origin: `${where(source, host)} (${connection.cursorColumn}, ${keyColumn}) after ${after ? `(${after.cursor}, ${after.key})` : 'the start'}`,
            expectedTotal,
            snapshot,
            completesSnapshot: last && snapshot !== undefined,
          };
        };
        // One batch of look-ahead, so the last page knows it is the last (and completes a snapshot).
        for await (const rows of readingAhead(reader.batches())) {
          if (pending) yield page(pending, false);
          pending = rows;
        }
        if (pending) yield page(pending, true);
        else
          yield {
            body: new Uint8Array(),
            items: [],
            nextCursor: null,
            last: true,
            origin: where(source, host),
            expectedTotal,
            snapshot,
            completesSnapshot: snapshot !== undefined,
          };
      } catch (error) {
        if (error instanceof SourceError) throw error;
        throw new SourceError(`source ${source.id}: reading ${where(source, host)} failed: ${failure(error)}`);
      } finally {
        await reader.close();
      }
    },
    itemsOf: (_source, rawBody) => parseLines(rawBody),
  };
}
