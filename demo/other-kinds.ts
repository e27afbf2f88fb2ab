import type { CivilDate } from '../src/calendar/index.js';
import type { ObjectStore, ProcessedFiles } from '../src/ports/index.js';
import { startCreditDepartment } from './credit/postgres-department.js';
import { startDocumentsDepartment } from './documents/mysql-department.js';
import { dropFile } from './drops/file-departments.js';
import { serviceItemsWorkbook } from './drops/service-items-xlsx.js';
import { sgsCsvBytes } from './drops/sgs-csv.js';
import { sgsExport } from './drops/sgs-export.js';
import { generatePenalties } from './enforcement/generate.js';
import { generateServiceItems } from './service-items/generate.js';
import { EXCHANGE_DATABASE, startPropertyRightsDepartment } from './property-rights/mysql-department.js';

/** The demo departments of the kinds beyond the HTTP API; each name maps to where it runs, or why it was skipped. */
export type DemoKind = 'credit' | 'documents' | 'sgs' | 'service-items' | 'property-rights';
export const DEMO_KINDS: readonly DemoKind[] = ['credit', 'documents', 'sgs', 'service-items', 'property-rights'];

/** The source (sources/<id>.yaml) that reads each demo department. */
export const DEMO_SOURCE_IDS: Readonly<Record<DemoKind, string>> = {
  credit: 'demo-credit',
  documents: 'demo-documents',
  sgs: 'demo-sgs-csv',
  'service-items': 'demo-service-items',
  'property-rights': 'demo-property-rights',
};

export interface OtherKindDepartments {
  /** Each department's name, mapped to where it runs or why it was skipped. */
  readonly shown: Map<string, string>;
  /** The variables the departments' source configuration references (`${env:…}`), for the functions' environment. */
  readonly env: Record<string, string>;
  /** The ids of the sources whose department started. */
  readonly started: ReadonlySet<string>;
  /** The ids of the sources whose department did not start, with why: they have nothing to read. */
  readonly skipped: ReadonlyMap<string, string>;
}

export interface DemoOptions {
  readonly count: number;
  readonly seed: number;
  readonly start: Date;
  /** The law-enforcement platform's as-of date: the 双公示 export is a view of its cases. */
  readonly asOf?: CivilDate;
  readonly kinds: ReadonlySet<string>;
  /** Where the front databases live (default 127.0.0.1). */
  readonly pgHost?: string;
  readonly mysqlHost?: string;
  /** The raw bucket (its inboxes) and the record of files already ingested, for the file drops. */
  readonly drops: { readonly raw: ObjectStore; readonly processed: ProcessedFiles };
}

/** The front databases: the department, its engine and table, and the variable its source's host references. */
const DATABASE_DEPARTMENTS = [
  {
    kind: 'credit',
    name: 'public credit 发改委 (PostgreSQL)',
    engine: 'PostgreSQL',
    scheme: 'postgres',
    port: 5432,
    user: 'postgres',
    table: 'credit_records',
    hostVariable: 'TONGYUAN_DEMO_CREDIT_DB_HOST',
    share: 0.6,
    seedOffset: 1,
    start: startCreditDepartment,
  },
  {
    kind: 'documents',
    name: 'normative documents 办公室 (MySQL)',
    engine: 'MySQL/MariaDB',
    scheme: 'mysql',
    port: 3306,
    user: 'root',
    table: 'normative_documents',
    hostVariable: 'TONGYUAN_DEMO_DOCUMENTS_DB_HOST',
    share: 0.3,
    seedOffset: 2,
    start: startDocumentsDepartment,
  },
  {
    kind: 'property-rights',
    name: 'property-rights exchange 公共资源交易中心 (MySQL)',
    engine: 'MySQL/MariaDB',
    scheme: 'mysql',
    port: 3306,
    user: 'root',
    database: EXCHANGE_DATABASE,
    table: 'cqjy_xm',
    hostVariable: 'TONGYUAN_DEMO_EXCHANGE_DB_HOST',
    share: 0.25,
    seedOffset: 5,
    start: startPropertyRightsDepartment,
  },
] as const;

const share = (count: number, fraction: number) => Math.max(10, Math.round(count * fraction));
const reason = (error: unknown) => ((error as { code?: string }).code ?? (error as Error).message).toString();

/**
 * Starts (seeds) the SQL front databases on the machine's PostgreSQL and MySQL/MariaDB
 * and drops the departments' files in their inboxes. A database that is not there is
 * skipped with a notice: the embedded default never fails to start for it. Returns the
 * variables their sources reference, rather than setting them anywhere.
 */
export async function startOtherKindDepartments(options: DemoOptions): Promise<OtherKindDepartments> {
  const shown = new Map<string, string>();
  const started = new Set<string>();
  const skipped = new Map<string, string>();
  for (const kind of DEMO_KINDS) if (!options.kinds.has(kind)) skipped.set(DEMO_SOURCE_IDS[kind], 'not in TONGYUAN_DEMO_DEPARTMENTS');
  const env: Record<string, string> = {};
  for (const db of DATABASE_DEPARTMENTS) {
    if (!options.kinds.has(db.kind)) continue;
    const host = (db.kind === 'credit' ? options.pgHost : options.mysqlHost) ?? '127.0.0.1';
    const where = `${db.engine} at ${host}:${db.port}`;
    try {
      await db.start({ host, port: db.port, user: db.user, count: share(options.count, db.share), seed: options.seed + db.seedOffset, start: options.start });
      env[db.hostVariable] = host;
      const database = 'database' in db ? db.database : 'tongyuan_demo';
      shown.set(db.name, `${db.scheme}://${db.user}@${host}:${db.port}/${database} table ${db.table}`);
      started.add(DEMO_SOURCE_IDS[db.kind]);
    } catch (error) {
      shown.set(db.name, `skipped: no ${where} (${reason(error)})`);
      skipped.set(DEMO_SOURCE_IDS[db.kind], `no ${where}`);
    }
  }
  const deps = options.drops;
  if (options.kinds.has('sgs')) {
    // The platform's own cases (same count, seed and date as the API), exported by market regulation.
    const { rows } = sgsExport(generatePenalties({ count: options.count, seed: options.seed, asOf: options.asOf }), options.seed);
    const outcome = await dropFile({ sourceId: 'demo-sgs-csv', name: '双公示-行政处罚.csv', bytes: sgsCsvBytes(rows) }, deps);
    shown.set('双公示 market regulation (GBK CSV drop)', `s3 raw bucket inbox/demo-sgs-csv/ (${outcome})`);
    started.add(DEMO_SOURCE_IDS.sgs);
  }
  if (options.kinds.has('service-items')) {
    const { rows } = generateServiceItems(share(options.count, 0.2), options.seed + 4);
    const outcome = await dropFile({ sourceId: 'demo-service-items', name: '政务服务事项目录.xlsx', bytes: await serviceItemsWorkbook(rows) }, deps);
    shown.set('service items (XLSX drop)', `s3 raw bucket inbox/demo-service-items/ (${outcome})`);
    started.add(DEMO_SOURCE_IDS['service-items']);
  }
  return { shown, env, started, skipped };
}

/** The document system's size and seed for a demo of `count` records: the gazette prints its documents, by their 文号. */
export function documentsDepartmentSize(count: number, seed: number): { readonly count: number; readonly seed: number } {
  const documents = DATABASE_DEPARTMENTS.find((db) => db.kind === 'documents')!;
  return { count: share(count, documents.share), seed: seed + documents.seedOffset };
}
