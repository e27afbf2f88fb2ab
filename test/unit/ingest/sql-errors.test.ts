import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { sqlConnector } from '../../../src/ingest/connectors/sql.js';
import type { OpenRowReader } from '../../../src/ingest/sql/row-reader.js';

const PASSWORD = 'pw-Very-Secret-42';
const source = {
  id: 'front-db',
  title: 't',
  department: 'd',
  kind: 'sql',
  recordType: 'enforcement-decision',
  mapping: { version: 1, fields: { caseName: { from: 'name' } } },
  connection: {
    engine: 'postgres',
    host: 'db.internal',
    database: 'front',
    user: 'etl',
    password: '${env:FRONT_DB_PASSWORD}',
    table: 't',
    cursorColumn: 'updated_at',
  },
} as unknown as Extract<SourceConfig, { kind: 'sql' }>;

/** A driver that quotes its connection settings back in its error, as some do. */
const quotingDriver: OpenRowReader = async ({ password }) => {
  throw new Error(`connect failed for postgres://etl:${password}@db.internal/front (password "${password}")`);
};

describe('a front database error', () => {
  it('names the source and database, and never the password the connector resolved', async () => {
    const connector = sqlConnector({
      readers: { postgres: quotingDriver, mysql: quotingDriver },
      secrets: { env: async (name) => (name === 'FRONT_DB_PASSWORD' ? PASSWORD : undefined), ssm: async () => undefined, secret: async () => undefined },
    });
    const pages = connector.pages(source, null, { full: true, startedAt: new Date('2025-01-01T00:00:00Z') });
    const error = await pages[Symbol.asyncIterator]()
      .next()
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toContain(
      'source front-db: cannot open postgres db.internal:5432/front table t: connect failed for postgres://etl:***@db.internal/front',
    );
    expect(error?.message).not.toContain(PASSWORD);
  });
});
