import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentEdit, ServedFault } from '../../demo/shared/chaos-hook.js';
import { LISTS, type DepartmentPoint, type FaultPoint, type KillPoint, type Step } from './plan.js';
import { cycleSummary, exitWithin, startUp, type StackProcess } from './stack-process.js';
import { expireInFlightMessages } from './queue-clock.js';
import { watchStage, type StageWatch } from './stages.js';
import { writeControl, type Workload } from './workload.js';

/** What became of one fault point. */
export interface PointOutcome {
  readonly point: FaultPoint;
  readonly step: number;
  /** The fault really happened (a kill landed in its stage, the department gave a bad answer). */
  injected: boolean;
  /** When it happened (epoch ms). */
  at?: number;
  recovered?: boolean;
  /** From the fault to the end of the first cycle that completed after it. */
  seconds?: number;
  note: string;
}

/** How long the stack has to come back after DynamoDB Local is killed under it. */
export const DYNAMO_RECOVERY_MS = 60_000;
/** A run with no kill that takes longer than this is stuck: it is killed and noted. */
const RUN_CAP_MS = 180_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `reached` until it holds (true) or the run ends first (false). */
async function waitForStage(watch: StageWatch, run: StackProcess): Promise<boolean> {
  const deadline = Date.now() + RUN_CAP_MS;
  while (run.exitCode() === undefined && Date.now() < deadline) {
    if (watch.reached()) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** DynamoDB Local's JVM, as its watchdog recorded it in the state directory. */
function javaPid(home: string): number | undefined {
  const file = join(home, 'dynamodb', 'java.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function servedFaults(workload: Workload): ServedFault[] {
  return readFileSync(workload.faultLog, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ServedFault);
}

/** Kills at the point's stage; for DynamoDB Local, waits for the run to come back. */
async function inject(point: KillPoint, outcome: PointOutcome, run: StackProcess, watch: StageWatch, workload: Workload): Promise<void> {
  const reached = await waitForStage(watch, run);
  watch.close();
  if (!reached) {
    outcome.note = `stage ${point.stage} not reached: the run ended (exit ${run.exitCode()}) first`;
    return;
  }
  await sleep(point.delayMs);
  if (run.exitCode() !== undefined) {
    outcome.note = `the run ended within ${point.delayMs} ms of the ${point.stage} signal`;
    return;
  }
  if (point.kind === 'runtime-kill') {
    run.child.kill('SIGKILL');
    outcome.injected = true;
    outcome.at = Date.now();
    await run.exited;
    const expired = expireInFlightMessages(workload.home);
    outcome.note = `kill -9 of the runtime (fauxqs with it) ${point.delayMs} ms after the ${point.stage} signal; ${expired} in-flight message(s) expired for the restart`;
    return;
  }
  const pid = javaPid(workload.home);
  if (pid === undefined) {
    outcome.note = 'DynamoDB Local recorded no pid';
    return;
  }
  process.kill(pid, 'SIGKILL');
  outcome.injected = true;
  outcome.at = Date.now();
  const exit = await exitWithin(run, DYNAMO_RECOVERY_MS);
  const done = run.cycleDoneAt();
  if (exit === undefined) run.child.kill('SIGKILL');
  outcome.recovered = done !== undefined && done - outcome.at <= DYNAMO_RECOVERY_MS;
  outcome.seconds = done === undefined ? undefined : (done - outcome.at) / 1000;
  outcome.note =
    `SIGKILL of DynamoDB Local ${point.delayMs} ms after the ${point.stage} signal; ` +
    (outcome.recovered
      ? `the run completed its cycle (exit ${exit})`
      : `no completed cycle within ${DYNAMO_RECOVERY_MS / 1000} s${exit === undefined ? ', run killed' : ` (exit ${exit})`}`);
  await run.exited;
  if (exit === undefined) outcome.note += `; ${expireInFlightMessages(workload.home)} in-flight message(s) expired for the restart`;
}

/**
 * One run: the department applies every edit so far and answers this step's windows badly,
 * `up --once` runs a cycle, and the step's kill (if any) lands at its stage.
 */
export async function runStep(
  step: Step,
  allEdits: readonly DepartmentEdit[],
  workload: Workload,
): Promise<{ outcomes: PointOutcome[]; run: StackProcess; stuck: boolean }> {
  const departmentPoints = step.points.filter((p): p is DepartmentPoint => p.kind === 'department');
  writeControl(
    workload,
    allEdits,
    departmentPoints.map((p) => ({ id: p.id, mode: p.mode, path: LISTS[p.list].path, skip: p.skip, count: p.count })),
  );
  const kill = step.points.find((p): p is KillPoint => p.kind !== 'department');
  const watch = kill ? watchStage(kill.stage, workload.home) : undefined;
  const run = startUp(['--once'], workload.env);
  const outcomes = step.points.map((point): PointOutcome => ({ point, step: step.index, injected: false, note: '' }));
  const killOutcome = outcomes.find((o) => o.point === kill);
  if (kill && watch && killOutcome) await inject(kill, killOutcome, run, watch, workload);
  let stuck = false;
  // A run stuck past the cap (its stage never came, or no kill was planned) is ended and noted.
  if ((await exitWithin(run, RUN_CAP_MS)) === undefined) {
    run.child.kill('SIGKILL');
    await run.exited;
    expireInFlightMessages(workload.home);
    stuck = true;
  }
  const served = servedFaults(workload);
  for (const outcome of outcomes) {
    const point = outcome.point;
    if (point.kind !== 'department') continue;
    const first = served.find((s) => s.id === point.id);
    if (!first) {
      outcome.note = `${point.mode} on ${LISTS[point.list].path}: the run made no request in the window`;
      continue;
    }
    outcome.injected = true;
    outcome.at = Date.parse(first.at);
    const times = served.filter((s) => s.id === point.id).length;
    outcome.note = `${point.mode} on ${LISTS[point.list].path}, ${times} request(s)`;
  }
  return { outcomes, run, stuck };
}

/** A completed cycle settles what is still waiting: a kill by any completed cycle, a department fault once its source synced. */
export function settlePending(pending: PointOutcome[], run: StackProcess): PointOutcome[] {
  const summary = cycleSummary(run);
  const done = run.cycleDoneAt();
  if (!summary || done === undefined) return pending;
  const failedSources = new Set(summary.failed.map((f) => f.source));
  return pending.filter((outcome) => {
    const point = outcome.point;
    if (point.kind === 'department' && failedSources.has(LISTS[point.list].source)) return true;
    outcome.recovered = true;
    outcome.seconds = (done - (outcome.at ?? done)) / 1000;
    return false;
  });
}
