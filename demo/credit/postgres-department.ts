import pg from 'pg';
import { insertRows, seedMarker } from '../shared/seeded-table.js';
import { generateCreditRows } from './generate.js';

export const DEMO_DATABASE = 'tongyuan_demo';

/** Where a demo front database lives and how large and which seed its table is. */
export interface DatabaseDepartmentOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly count: number;
  readonly seed: number;
  readonly start: Date;
}

export interface DatabaseDepartment {
  /** The address the source configuration's host reference gets. */
  readonly host: string;
  readonly rows: number;
}

const connect = async (host: string, port: number, user: string, database: string) => {
  const client = new pg.Client({ host, port, user, database, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
};

/**
 * The credit centre's front database (绍兴市发展和改革委员会): a table in PostgreSQL, seeded
 * deterministically; reseeded only when the seed or size changes, so restarts keep it.
 */
export async function startCreditDepartment(options: DatabaseDepartmentOptions): Promise<DatabaseDepartment> {
  const admin = await connect(options.host, options.port, options.user, 'postgres');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DEMO_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = await connect(options.host, options.port, options.user, DEMO_DATABASE);
  try {
    const marker = seedMarker(options.seed, options.count);
    await db.query('CREATE TABLE IF NOT EXISTS demo_seed (department text PRIMARY KEY, marker text NOT NULL)');
    const seeded = await db.query<{ marker: string }>("SELECT marker FROM demo_seed WHERE department = 'credit'");
    if (seeded.rows[0]?.marker !== marker) {
      const { rows } = generateCreditRows(options.count, options.seed, options.start);
      await db.query('DROP TABLE IF EXISTS credit_records');
      // Dates are text, as in many front databases: a department's impossible date arrives as written.
      await db.query(`CREATE TABLE credit_records (
        id bigint PRIMARY KEY, xybm text, ztlx text, ztmc text, tyshxydm text, sfzh text, xxlb text, yzcd text, mdlx text, mdxz text, rdjglx text,
        jdswh text, nr text,
        rdjg text, rdjgdm text, jdrq text, gsksrq text, gsjzrq text, xfzt text, xfrq text, sfsc smallint NOT NULL DEFAULT 0,
        updated_at timestamp(6) NOT NULL)`);
      await db.query('CREATE INDEX credit_records_keyset ON credit_records (updated_at, id)');
      await insertRows(
        async (sql, params) => (await db.query<Record<string, unknown>>(sql, params as unknown[])).rows,
        'credit_records',
        rows,
        (i) => `$${i}`,
      );
      await db.query("INSERT INTO demo_seed VALUES ('credit', $1) ON CONFLICT (department) DO UPDATE SET marker = $1", [marker]);
    }
    return { host: options.host, rows: options.count };
  } finally {
    await db.end();
  }
}
