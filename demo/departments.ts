import type { Environment } from '../src/config/runtime-config.js';
import { LOOPBACK_HOST } from '../src/local/bind-host.js';
import type { CivilDate } from '../src/calendar/index.js';
import { demoAsOfFor } from './enforcement/decision-dates.js';
import { generatePenalties, type DemoPenalty } from './enforcement/generate.js';
import { generateLicenses } from './enforcement/licenses.js';
import { startDemoEnforcementApi, type DemoEnforcementApi } from './enforcement/server.js';
import { CHAOS_FILE_VARIABLE, chaosMiddleware, readChaosControl, type DepartmentEdit } from './shared/chaos-hook.js';
import { DEMO_KINDS, startOtherKindDepartments, type DemoOptions } from './other-kinds.js';
import { OPEN_GOVERNMENT_KINDS, startOpenGovernmentDepartments } from './open-government/departments.js';

export interface DemoDepartments {
  readonly urls: ReadonlyMap<string, string>;
  /** The variables the demo sources reference (`${env:TONGYUAN_DEMO_…}`): part of the functions' environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The law-enforcement department's API, so tests can change its records. */
  readonly enforcement: DemoEnforcementApi;
  /** Demo sources whose department did not start, with why; the stack neither schedules nor syncs them. */
  readonly unavailableSources: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/** Seed and start date are fixed so every run, and every restart, serves the same department data. */
export const DEMO_SEED = 20261127;
/** Where the credit and document departments' timelines start. */
export const DEMO_START = new Date('2025-01-01T00:00:00+08:00');

/**
 * The date the law-enforcement platform's decisions are dated back from: today in China
 * (TONGYUAN_DEMO_AS_OF, YYYY-MM-DD, pins it), so the demo's publicity windows are current.
 */
export function demoAsOf(env: Environment, now: Date = new Date()): CivilDate {
  const pinned = env.TONGYUAN_DEMO_AS_OF;
  if (pinned === undefined || pinned === '') return demoAsOfFor(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned)) throw new Error(`TONGYUAN_DEMO_AS_OF must be a date YYYY-MM-DD; got "${pinned}"`);
  return pinned;
}

/** Licences the platform serves beside its penalties: half as many. */
export const demoLicenseCount = (count: number): number => Math.max(10, Math.round(count / 2));

/** Which demo departments start: TONGYUAN_DEMO_DEPARTMENTS, a comma list (default: all). */
export function demoDepartmentKinds(env: Environment): ReadonlySet<string> {
  const all = ['enforcement', ...DEMO_KINDS, ...OPEN_GOVERNMENT_KINDS];
  const listed = (env.TONGYUAN_DEMO_DEPARTMENTS ?? all.join(','))
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const unknown = listed.filter((k) => !all.includes(k));
  if (unknown.length > 0) throw new Error(`TONGYUAN_DEMO_DEPARTMENTS names unknown departments: ${unknown.join(', ')}; known: ${all.join(', ')}`);
  return new Set(listed);
}

export function demoRecordCount(env: Environment): number {
  const count = Number(env.TONGYUAN_DEMO_RECORDS ?? 1000);
  if (!Number.isInteger(count) || count < 1) throw new Error(`TONGYUAN_DEMO_RECORDS must be a positive integer; got "${env.TONGYUAN_DEMO_RECORDS}"`);
  return count;
}

/** The harness's edits, in order, each on the penalty as the previous edits left it. */
function applyEdits(api: DemoEnforcementApi, records: readonly DemoPenalty[], edits: readonly DepartmentEdit[]): void {
  const current = new Map(records.map((r) => [r.id, r]));
  for (const edit of edits) {
    const record = current.get(edit.id);
    if (!record) throw new Error(`${CHAOS_FILE_VARIABLE}: the edit of penalty ${edit.id} names no penalty this department holds`);
    current.set(edit.id, api.upsert({ ...record, bz: edit.bz }));
  }
}

/**
 * The demo departments of the embedded default, sized and chosen by `env` (the
 * environment `tongyuan up` was started with). Each one's address is returned under the
 * variable its source configuration references.
 */
export async function startDemoDepartments(env: Environment, drops: DemoOptions['drops'], host: string = LOOPBACK_HOST): Promise<DemoDepartments> {
  const count = demoRecordCount(env);
  const asOf = demoAsOf(env);
  const { records } = generatePenalties({ count, seed: DEMO_SEED, asOf });
  const licenses = generateLicenses({ count: demoLicenseCount(count), seed: DEMO_SEED, asOf });
  // Only the fault harness sets a chaos control file: its edits, then its faults on the list routes.
  const chaos = readChaosControl(env);
  const enforcement = await startDemoEnforcementApi({ port: 0, host, records, licenses, ...(chaos ? { listMiddleware: chaosMiddleware(chaos) } : {}) });
  if (chaos) applyEdits(enforcement, records, chaos.edits);
  // The front databases and file drops; a database missing on this machine is skipped with a notice.
  const others = await startOtherKindDepartments({
    count,
    seed: DEMO_SEED,
    start: DEMO_START,
    asOf,
    kinds: demoDepartmentKinds(env),
    pgHost: env.TONGYUAN_DEMO_PG_HOST,
    mysqlHost: env.TONGYUAN_DEMO_MYSQL_HOST,
    drops,
  });
  // The gazette's editorial office and the decision catalogue: JSON APIs in process, like the platform's.
  const openGovernment = await startOpenGovernmentDepartments({ count, seed: DEMO_SEED, start: DEMO_START, asOf, kinds: demoDepartmentKinds(env), host });
  return {
    urls: new Map([
      ['law enforcement (HTTP/JSON)', `${enforcement.url}/api/v1/penalties`],
      ['law enforcement licences (HTTP/JSON)', `${enforcement.url}/api/v1/licenses`],
      ...others.shown,
      ...openGovernment.shown,
    ]),
    env: { TONGYUAN_DEMO_ENFORCEMENT_URL: enforcement.url, ...others.env, ...openGovernment.env },
    enforcement,
    unavailableSources: new Map([...others.skipped, ...openGovernment.skipped]),
    stop: async () => void (await Promise.all([enforcement.close(), openGovernment.stop()])),
  };
}
