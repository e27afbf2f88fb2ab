import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';
import type { DatabaseDepartment, DatabaseDepartmentOptions } from '../credit/postgres-department.js';
import { insertRows, seedMarker } from '../shared/seeded-table.js';
import { generatePropertyRightsRows } from './generate.js';

/** The trading centre's own front database: the machine's MariaDB is shared, so it keeps to its own schema. */
export const EXCHANGE_DATABASE = 'tongyuan_demo_exchange';
export const EXCHANGE_TABLE = 'cqjy_xm';

/**
 * The public resource trading centre's 产权交易系统: a MySQL/MariaDB project table, one row
 * per project (announcement and result), seeded deterministically; reseeded only when the
 * seed or size changes. Prices are DECIMAL in 万元, the deposit in 元, dates text.
 */
export async function startPropertyRightsDepartment(options: DatabaseDepartmentOptions): Promise<DatabaseDepartment> {
  const db = await mysql.createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    connectTimeout: 3000,
    dateStrings: true,
    timezone: '+08:00',
  });
  try {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${EXCHANGE_DATABASE} CHARACTER SET utf8mb4`);
    await db.query(`USE ${EXCHANGE_DATABASE}`);
    const marker = seedMarker(options.seed, options.count);
    await db.query('CREATE TABLE IF NOT EXISTS demo_seed (department varchar(40) PRIMARY KEY, marker varchar(200) NOT NULL)');
    const [seeded] = await db.query<RowDataPacket[]>("SELECT marker FROM demo_seed WHERE department = 'property-rights'");
    if (seeded[0]?.marker !== marker) {
      const { rows } = generatePropertyRightsRows(options.count, options.seed, options.start);
      await db.query(`DROP TABLE IF EXISTS ${EXCHANGE_TABLE}`);
      await db.query(`CREATE TABLE ${EXCHANGE_TABLE} (
        id int PRIMARY KEY, xmbh varchar(40), xmmc varchar(300), xmlx varchar(20), zrf varchar(200), zrfdm varchar(30), bdlx varchar(20),
        gpjg decimal(18,4), gpqsrq varchar(20), gpjzrq varchar(20), bzj decimal(16,2), bzjkhh varchar(100), bzjzh varchar(40),
        lxr varchar(40), bgdh varchar(30), sjhm varchar(20), jyfs varchar(20), xmzt varchar(10), cjjg decimal(18,4), cjrq varchar(20),
        srflx varchar(20), srfmc varchar(200), jyjg varchar(100),
        updated_at datetime(6) NOT NULL, KEY keyset (updated_at, id)) CHARACTER SET utf8mb4`);
      await insertRows(
        async (sql, params) => (await db.query<RowDataPacket[]>(sql, params as unknown[]))[0],
        EXCHANGE_TABLE,
        rows,
        () => '?',
      );
      await db.query('REPLACE INTO demo_seed VALUES (?, ?)', ['property-rights', marker]);
    }
    return { host: options.host, rows: options.count };
  } finally {
    await db.end();
  }
}
