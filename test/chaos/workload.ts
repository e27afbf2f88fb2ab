import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SEED, demoLicenseCount } from '../../demo/departments.js';
import { demoAsOfFor } from '../../demo/enforcement/decision-dates.js';
import { generatePenalties } from '../../demo/enforcement/generate.js';
import { generateLicenses } from '../../demo/enforcement/licenses.js';
import { chinaWallClock } from '../../demo/enforcement/written-forms.js';
import { CHAOS_FILE_VARIABLE, type ChaosControl, type DepartmentEdit, type DepartmentFault } from '../../demo/shared/chaos-hook.js';
import { LISTS } from './plan.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The sources' per-request timeout in this harness: short, so a hang costs seconds, not a minute. */
export const SOURCE_TIMEOUT_MS = 2000;
const HANG_MS = SOURCE_TIMEOUT_MS + 600;

/** A source row as the department holds it: what the SSOT must end up saying. */
export interface SourceRow {
  readonly id: string;
  readonly updateTime: string;
  /** Remarks (bz), the field the harness's edits change. */
  readonly remarks: string;
}

export interface Workload {
  readonly home: string;
  readonly records: number;
  readonly asOf: string;
  readonly controlFile: string;
  readonly faultLog: string;
  /** The environment every `tongyuan up` of the harness runs with. */
  readonly env: Readonly<Record<string, string>>;
  /** Penalties an edit may touch (the valid ones). */
  readonly editable: readonly string[];
}

/**
 * The demo law-enforcement platform (penalties and licences, two sources), `records`
 * penalties, on a state directory under `root`. The source files are the project's own with
 * a short request timeout; the demo date is pinned so the harness and the department agree.
 */
export function prepareWorkload(root: string, records: number): Workload {
  const home = join(root, 'home');
  const sourcesDir = join(root, 'sources');
  mkdirSync(sourcesDir, { recursive: true });
  for (const { source } of Object.values(LISTS)) {
    const text = readFileSync(join(repoRoot, 'sources', `${source}.yaml`), 'utf8');
    if (!/timeoutMs: \d+/.test(text)) throw new Error(`sources/${source}.yaml has no timeoutMs to shorten`);
    writeFileSync(join(sourcesDir, `${source}.yaml`), text.replace(/timeoutMs: \d+/, `timeoutMs: ${SOURCE_TIMEOUT_MS}`));
  }
  const asOf = demoAsOfFor(new Date());
  const controlFile = join(root, 'chaos-control.json');
  const faultLog = join(root, 'faults-served.jsonl');
  const { records: penalties, defective } = generatePenalties({ count: records, seed: DEMO_SEED, asOf });
  const workload: Workload = {
    home,
    records,
    asOf,
    controlFile,
    faultLog,
    env: {
      TONGYUAN_HOME: home,
      PORT: '0',
      // Each run's log says what each function did (kept beside the report); both set, as a parent's POWERTOOLS_LOG_LEVEL would win in the child.
      TONGYUAN_LOG_LEVEL: 'INFO',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      TONGYUAN_SOURCES_DIR: sourcesDir,
      TONGYUAN_DEMO_DEPARTMENTS: 'enforcement',
      TONGYUAN_DEMO_RECORDS: String(records),
      TONGYUAN_DEMO_AS_OF: asOf,
      [CHAOS_FILE_VARIABLE]: controlFile,
    },
    editable: penalties.filter((p) => !defective.has(p.id)).map((p) => p.id),
  };
  writeControl(workload, [], []);
  return workload;
}

export function writeControl(workload: Workload, edits: readonly DepartmentEdit[], faults: readonly DepartmentFault[]): void {
  const control: ChaosControl = { faults, edits, hangMs: HANG_MS, log: workload.faultLog };
  writeFileSync(workload.controlFile, JSON.stringify(control));
  writeFileSync(workload.faultLog, '');
}

/** Each source's rows as the department serves them after `edits`, by source id and row id. */
export function sourceTruth(workload: Workload, edits: readonly DepartmentEdit[]): Map<string, Map<string, SourceRow>> {
  const { records: penalties } = generatePenalties({ count: workload.records, seed: DEMO_SEED, asOf: workload.asOf });
  const licenses = generateLicenses({ count: demoLicenseCount(workload.records), seed: DEMO_SEED, asOf: workload.asOf });
  const rows = (list: readonly { id: string; update_time: string; bz: string }[]) =>
    new Map(list.map((r) => [r.id, { id: r.id, updateTime: r.update_time, remarks: r.bz }]));
  const penaltyRows = rows(penalties);
  // As the department's store does it: each edit one second past the latest update_time.
  let latest = Math.max(...penalties.map((p) => chinaMillis(p.update_time)));
  for (const edit of edits) {
    latest += 1000;
    penaltyRows.set(edit.id, { id: edit.id, updateTime: chinaWallClock(latest), remarks: edit.bz });
  }
  return new Map([
    [LISTS.penalties.source, penaltyRows],
    [LISTS.licenses.source, rows(licenses)],
  ]);
}

/** `YYYY-MM-DD HH:mm:ss` China time, as the department writes update_time. */
export const chinaMillis = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`);
