import type { CivilDate } from '../../src/calendar/index.js';
import { generateMajorDecisions } from '../decisions/generate.js';
import { generateDocumentRows } from '../documents/generate.js';
import { generateGazetteIssues } from '../gazette/generate.js';
import { documentsDepartmentSize } from '../other-kinds.js';
import { startJsonListApi, type JsonListApi } from '../shared/json-list-api.js';

/** The open-government departments: the gazette's editorial office and the decision catalogue. */
export type OpenGovernmentKind = 'gazette' | 'decisions';
export const OPEN_GOVERNMENT_KINDS: readonly OpenGovernmentKind[] = ['gazette', 'decisions'];

export const OPEN_GOVERNMENT_SOURCE_IDS: Readonly<Record<OpenGovernmentKind, string>> = {
  gazette: 'demo-gazette',
  decisions: 'demo-major-decisions',
};

/** Where each department's API is, under the variable its source's baseUrl references. */
const URL_VARIABLES: Readonly<Record<OpenGovernmentKind, string>> = {
  gazette: 'TONGYUAN_DEMO_GAZETTE_URL',
  decisions: 'TONGYUAN_DEMO_DECISIONS_URL',
};

export const GAZETTE_PATH = '/api/gazette/issues';
export const DECISIONS_PATH = '/api/zdxzjc/catalogue';

export interface OpenGovernmentOptions {
  readonly count: number;
  readonly seed: number;
  /** Where the document system's timeline starts (the gazette prints its documents). */
  readonly start: Date;
  readonly asOf: CivilDate;
  readonly kinds: ReadonlySet<string>;
  readonly host?: string;
}

export interface OpenGovernmentDepartments {
  readonly shown: Map<string, string>;
  readonly env: Record<string, string>;
  readonly skipped: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the gazette editorial office's 数字公报 API (page-numbered, incremental by update
 * time) and the justice bureau's decision-catalogue API (offset-paged, a whole catalogue each
 * pull), in process on the loopback interface like the law-enforcement platform's.
 */
export async function startOpenGovernmentDepartments(options: OpenGovernmentOptions): Promise<OpenGovernmentDepartments> {
  const shown = new Map<string, string>();
  const env: Record<string, string> = {};
  const skipped = new Map<string, string>();
  const apis: JsonListApi[] = [];
  for (const kind of OPEN_GOVERNMENT_KINDS) if (!options.kinds.has(kind)) skipped.set(OPEN_GOVERNMENT_SOURCE_IDS[kind], 'not in TONGYUAN_DEMO_DEPARTMENTS');
  if (options.kinds.has('gazette')) {
    const size = documentsDepartmentSize(options.count, options.seed);
    const { rows, defective } = generateDocumentRows(size.count, size.seed, options.start);
    const { issues } = generateGazetteIssues({ seed: options.seed + 6, asOf: options.asOf, documents: rows, documentDefects: defective });
    const api = await startJsonListApi({ host: options.host, lists: [{ path: GAZETTE_PATH, paging: 'page', rows: issues, updatedField: 'gxsj' }] });
    apis.push(api);
    env[URL_VARIABLES.gazette] = api.url;
    shown.set('government gazette 编辑部 (HTTP/JSON, paged)', `${api.url}${GAZETTE_PATH}`);
  }
  if (options.kinds.has('decisions')) {
    const { decisions } = generateMajorDecisions({ seed: options.seed + 7, asOf: options.asOf });
    const api = await startJsonListApi({ host: options.host, lists: [{ path: DECISIONS_PATH, paging: 'offset', rows: decisions, updatedField: 'gxsj' }] });
    apis.push(api);
    env[URL_VARIABLES.decisions] = api.url;
    shown.set('major-decision catalogue 司法局 (HTTP/JSON, offset)', `${api.url}${DECISIONS_PATH}`);
  }
  return { shown, env, skipped, stop: async () => void (await Promise.all(apis.map((api) => api.close()))) };
}
