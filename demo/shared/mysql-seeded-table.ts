import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';
import type { DatabaseDepartment, DatabaseDepartmentOptions } from '../credit/postgres-department.js';
import { insertRows, seedMarker } from './seeded-table.js';

/** One demo department's front table in MySQL/MariaDB. */
export interface MysqlSeededTable {
  readonly database: string;
  /** The department's key in the database's demo_seed table. */
  readonly department: string;
  readonly table: string;
  /** The table's columns as SQL, before the keyset column every demo table shares. */
  readonly columns: string;
  /** The rows to seed; called only when the table must be (re)seeded. */
  readonly rows: () => readonly object[];
}

/**
 * Seeds a department's table deterministically in its database, and reseeds it only when
 * the seed or the size changed (the marker in demo_seed), so a restart keeps its data.
 */
export async function startMysqlSeededTable(options: DatabaseDepartmentOptions, spec: MysqlSeededTable): Promise<DatabaseDepartment> {
  const db = await mysql.createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    connectTimeout: 3000,
    dateStrings: true,
    timezone: '+08:00',
  });
  try {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${spec.database} CHARACTER SET utf8mb4`);
    await db.query(`USE ${spec.database}`);
    const marker = seedMarker(options.seed, options.count);
    await db.query('CREATE TABLE IF NOT EXISTS demo_seed (department varchar(40) PRIMARY KEY, marker varchar(200) NOT NULL)');
    const [seeded] = await db.query<RowDataPacket[]>('SELECT marker FROM demo_seed WHERE department = ?', [spec.department]);
    if (seeded[0]?.marker !== marker) {
      await db.query(`DROP TABLE IF EXISTS ${spec.table}`);
      await db.query(`CREATE TABLE ${spec.table} (${spec.columns}, updated_at datetime(6) NOT NULL, KEY keyset (updated_at, id)) CHARACTER SET utf8mb4`);
      await insertRows(
        async (sql, params) => (await db.query<RowDataPacket[]>(sql, params as unknown[]))[0],
        spec.table,
        spec.rows(),
        () => '?',
      );
      await db.query('REPLACE INTO demo_seed VALUES (?, ?)', [spec.department, marker]);
    }
    return { host: options.host, rows: options.count };
  } finally {
    await db.end();
  }
}
