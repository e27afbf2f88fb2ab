import type { DatabaseDepartment, DatabaseDepartmentOptions } from '../credit/postgres-department.js';
import { startMysqlSeededTable } from '../shared/mysql-seeded-table.js';
import { generatePropertyRightsRows } from './generate.js';

/** The trading centre's own front database: the machine's MariaDB is shared, so it keeps to its own schema. */
export const EXCHANGE_DATABASE = 'tongyuan_demo_exchange';
export const EXCHANGE_TABLE = 'cqjy_xm';

/**
 * The public resource trading centre's 产权交易系统: a MySQL/MariaDB project table, one row
 * per project (announcement and result), seeded deterministically; reseeded only when the
 * seed or size changes. Prices are DECIMAL in 万元, the deposit in 元, dates text.
 */
export function startPropertyRightsDepartment(options: DatabaseDepartmentOptions): Promise<DatabaseDepartment> {
  return startMysqlSeededTable(options, {
    database: EXCHANGE_DATABASE,
    department: 'property-rights',
    table: EXCHANGE_TABLE,
    columns: `id int PRIMARY KEY, xmbh varchar(40), xmmc varchar(300), xmlx varchar(20), zrf varchar(200), zrfdm varchar(30), bdlx varchar(20),
      gpjg decimal(18,4), gpqsrq varchar(20), gpjzrq varchar(20), bzj decimal(16,2), bzjkhh varchar(100), bzjzh varchar(40),
      lxr varchar(40), bgdh varchar(30), sjhm varchar(20), jyfs varchar(20), xmzt varchar(10), cjjg decimal(18,4), cjrq varchar(20),
      srflx varchar(20), srfmc varchar(200), jyjg varchar(100)`,
    rows: () => generatePropertyRightsRows(options.count, options.seed, options.start).rows,
  });
}
