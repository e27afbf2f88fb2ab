import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';
import type { DatabaseDepartment, DatabaseDepartmentOptions } from '../credit/postgres-department.js';
import { DEMO_DATABASE } from '../credit/postgres-department.js';
import { insertRows, seedMarker } from '../shared/seeded-table.js';
import { generateDocumentRows } from './generate.js';

/**
 * The general office's document system (办公室 公文系统): a MySQL/MariaDB table, seeded
 * deterministically; reseeded only when the seed or size changes.
 */
export async function startDocumentsDepartment(options: DatabaseDepartmentOptions): Promise<DatabaseDepartment> {
  const db = await mysql.createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    connectTimeout: 3000,
    dateStrings: true,
    timezone: '+08:00',
  });
  try {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${DEMO_DATABASE} CHARACTER SET utf8mb4`);
    await db.query(`USE ${DEMO_DATABASE}`);
    const marker = seedMarker(options.seed, options.count);
    await db.query('CREATE TABLE IF NOT EXISTS demo_seed (department varchar(40) PRIMARY KEY, marker varchar(200) NOT NULL)');
    const [seeded] = await db.query<RowDataPacket[]>("SELECT marker FROM demo_seed WHERE department = 'documents'");
    if (seeded[0]?.marker !== marker) {
      const { rows } = generateDocumentRows(options.count, options.seed, options.start);
      await db.query('DROP TABLE IF EXISTS normative_documents');
      await db.query(`CREATE TABLE normative_documents (
        id int PRIMARY KEY, wh varchar(100), djbh varchar(40), syh varchar(100), bt varchar(300), fwjg varchar(300), fwjgdm varchar(30),
        cwrq varchar(20), fbrq varchar(20), ssrq varchar(20), tqssly varchar(200), sxrq varchar(20), yxx varchar(20), gkfs varchar(20),
        bajg varchar(100), barq varchar(20), bah varchar(100), ztfl varchar(100), qwdz varchar(300),
        updated_at datetime(6) NOT NULL, KEY keyset (updated_at, id)) CHARACTER SET utf8mb4`);
      await insertRows(
        async (sql, params) => (await db.query<RowDataPacket[]>(sql, params as unknown[]))[0],
        'normative_documents',
        rows,
        () => '?',
      );
      await db.query('REPLACE INTO demo_seed VALUES (?, ?)', ['documents', marker]);
    }
    return { host: options.host, rows: options.count };
  } finally {
    await db.end();
  }
}
