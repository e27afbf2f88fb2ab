import type { ObjectStore, ProcessedFiles } from '../src/ports/index.js';
import { startCreditDepartment } from './credit/postgres-department.js';
import { startDocumentsDepartment } from './documents/mysql-department.js';
import { dropFile } from './drops/file-departments.js';
import { serviceItemsWorkbook } from './drops/service-items-xlsx.js';
import { sgsCsvBytes } from './drops/sgs-csv.js';
import { generatePenalties } from './enforcement/generate.js';
import { generateServiceItems } from './service-items/generate.js';

/** The demo departments of the kinds beyond the HTTP API; each name maps to where it runs, or why it was skipped. */
export type DemoKind = 'credit' | 'documents' | 'sgs' | 'service-items';
export const DEMO_KINDS: readonly DemoKind[] = ['credit', 'documents', 'sgs', 'service-items'];

/** The source (sources/<id>.yaml) that reads each demo department. */
export const DEMO_SOURCE_IDS: Readonly<Record<DemoKind, string>> = {
  credit: 'demo-credit',
  documents: 'demo-documents',
  sgs: 'demo-sgs-csv',
  'service-items': 'demo-service-items',
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
  readonly kinds: ReadonlySet<string>;
  /** Where the front databases live (default 127.0.0.1). */
  readonly pgHost?: string;
  readonly mysqlHost?: string;
  /** The raw bucket (its inboxes) and the record of files already ingested, for the file drops. */
  readonly drops: { readonly raw: ObjectStore; readonly processed: ProcessedFiles };
}

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
  const pgHost = options.pgHost ?? '127.0.0.1';
  const mysqlHost = options.mysqlHost ?? '127.0.0.1';
  const env: Record<string, string> = {};
  if (options.kinds.has('credit')) {
    const name = 'public credit 发改委 (PostgreSQL)';
    try {
      await startCreditDepartment({
        host: pgHost,
        port: 5432,
        user: 'postgres',
        count: share(options.count, 0.6),
        seed: options.seed + 1,
        start: options.start,
      });
      env.TONGYUAN_DEMO_CREDIT_DB_HOST = pgHost;
      shown.set(name, `postgres://postgres@${pgHost}:5432/tongyuan_demo table credit_records`);
      started.add(DEMO_SOURCE_IDS.credit);
    } catch (error) {
      shown.set(name, `skipped: no PostgreSQL at ${pgHost}:5432 (${reason(error)})`);
      skipped.set(DEMO_SOURCE_IDS.credit, `no PostgreSQL at ${pgHost}:5432`);
    }
  }
  if (options.kinds.has('documents')) {
    const name = 'normative documents 办公室 (MySQL)';
    try {
      await startDocumentsDepartment({
        host: mysqlHost,
        port: 3306,
        user: 'root',
        count: share(options.count, 0.3),
        seed: options.seed + 2,
        start: options.start,
      });
      env.TONGYUAN_DEMO_DOCUMENTS_DB_HOST = mysqlHost;
      shown.set(name, `mysql://root@${mysqlHost}:3306/tongyuan_demo table normative_documents`);
      started.add(DEMO_SOURCE_IDS.documents);
    } catch (error) {
      shown.set(name, `skipped: no MySQL/MariaDB at ${mysqlHost}:3306 (${reason(error)})`);
      skipped.set(DEMO_SOURCE_IDS.documents, `no MySQL/MariaDB at ${mysqlHost}:3306`);
    }
  }
  const deps = options.drops;
  if (options.kinds.has('sgs')) {
    const { records } = generatePenalties({ count: share(options.count, 0.4), seed: options.seed + 3, start: options.start });
    const outcome = await dropFile({ sourceId: 'demo-sgs-csv', name: '双公示-行政处罚.csv', bytes: sgsCsvBytes(records) }, deps);
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
