import type { DatabaseDepartment, DatabaseDepartmentOptions } from '../credit/postgres-department.js';
import { DEMO_DATABASE } from '../credit/postgres-department.js';
import { startMysqlSeededTable } from '../shared/mysql-seeded-table.js';
import { generateDocumentRows } from './generate.js';

/**
 * The general office's document system (办公室 公文系统): a MySQL/MariaDB table, seeded
 * deterministically; reseeded only when the seed or size changes.
 */
export function startDocumentsDepartment(options: DatabaseDepartmentOptions): Promise<DatabaseDepartment> {
  return startMysqlSeededTable(options, {
    database: DEMO_DATABASE,
    department: 'documents',
    table: 'normative_documents',
    columns: `id int PRIMARY KEY, wh varchar(100), djbh varchar(40), syh varchar(100), bt varchar(300), fwjg varchar(300), fwjgdm varchar(30),
      cwrq varchar(20), fbrq varchar(20), ssrq varchar(20), tqssly varchar(200), sxrq varchar(20), yxx varchar(20), gkfs varchar(20),
      bajg varchar(100), barq varchar(20), bah varchar(100), ztfl varchar(100), qwdz varchar(300)`,
    rows: () => generateDocumentRows(options.count, options.seed, options.start).rows,
  });
}
