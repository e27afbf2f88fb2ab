import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentEdit } from '../../demo/shared/chaos-hook.js';
import { startStack } from '../../src/local/stack.js';
import { checkDelivery } from './delivery.js';
import { checkpointsBehindRawData, currentBySourceKey, noDuplicateVersions, ssotEqualsSources, type InvariantResult } from './invariants.js';
import { FaultPlan } from './plan.js';
import { Prng } from './prng.js';
import { releasesComplete } from './releases.js';
import { cycleSummary, exitWithin, killRunning, startUp } from './stack-process.js';
import { redriveAsAnOperator, redrivableQueueOf } from './redrive.js';
import { expireInFlightMessages } from './queue-clock.js';
import { runStep, settlePending, type PointOutcome } from './steps.js';
import { prepareWorkload, sourceTruth, writeControl } from './workload.js';

export interface ChaosOptions {
  readonly seed: number;
  /** Fault points to inject (really happen), at least. */
  readonly points: number;
  /** Penalties the demo department serves (licences: half as many). */
  readonly records: number;
  /** A fresh directory for the state directory, the control file and the runs' logs. */
  readonly root: string;
  /** No new fault run starts after this many seconds (the report then says how many points were injected). */
  readonly budgetSeconds?: number;
  /** Every this many steps the kill is DynamoDB Local's. */
  readonly dynamoEvery?: number;
  readonly say?: (line: string) => void;
}

export interface ChaosReport {
  readonly seed: number;
  readonly records: number;
  readonly outcomes: readonly PointOutcome[];
  readonly invariants: readonly InvariantResult[];
  readonly duplicates: { readonly received: number; readonly accepted: number };
  readonly steps: number;
  readonly seconds: number;
  /** The final settle: runs of `up --once` it took to complete a clean cycle. */
  readonly settleRuns: number;
  /** Why the fault runs stopped: enough points injected, the time budget spent, or the step cap reached. */
  readonly stoppedBy: 'points' | 'budget' | 'steps';
}

/** Steps drawn beyond the target, at most, when points are not reached (a run ended before its stage). */
const STEP_SLACK = 3;
/** Clean `up --once` runs the final settle may take (a department fault's source fails its run, the next syncs it). */
const SETTLE_RUNS = 3;
const SETTLE_CAP_MS = 300_000;

/**
 * The fault harness: seeded steps of `tongyuan up --once` on one state directory, each with its
 * faults, until enough points were injected; then a clean settle, and the invariants read back
 * through the stack's own read paths.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  try {
    return await faultRunsThenChecks(options);
  } finally {
    killRunning();
  }
}

async function faultRunsThenChecks(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const say = options.say ?? (() => undefined);
  mkdirSync(options.root, { recursive: true });
  const workload = prepareWorkload(options.root, options.records);
  const rng = new Prng(options.seed);
  const plan = new FaultPlan(rng, { editable: workload.editable, dynamoEvery: options.dynamoEvery ?? 10 });
  const edits: DepartmentEdit[] = [];
  const outcomes: PointOutcome[] = [];
  let pending: PointOutcome[] = [];
  let steps = 0;
  const injected = () => outcomes.filter((o) => o.injected).length;
  const maxSteps = options.points * STEP_SLACK;
  const budgetEnds = started + (options.budgetSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  while (injected() < options.points && steps < maxSteps && Date.now() < budgetEnds) {
    const step = plan.nextStep(++steps);
    edits.push(...step.edits);
    const { outcomes: stepOutcomes, run, stuck } = await runStep(step, edits, workload);
    writeFileSync(join(options.root, `step-${step.index}.log`), `${run.stdout()}\n--- stderr ---\n${run.stderr()}`);
    outcomes.push(...stepOutcomes);
    pending = settlePending([...pending, ...stepOutcomes.filter((o) => o.injected && o.recovered === undefined)], run);
    say(
      `step ${step.index}: ${stepOutcomes.map((o) => `${o.point.id} ${o.injected ? 'injected' : 'not injected'}`).join(', ') || 'no faults'}; ${((Date.now() - run.startedAt) / 1000).toFixed(1)} s, exit ${run.exitCode()}${stuck ? ', stuck and killed' : ''}`,
    );
  }

  const stoppedBy = injected() >= options.points ? 'points' : Date.now() >= budgetEnds ? 'budget' : 'steps';
  // The final settle: no faults, the department as the edits left it, until a cycle is clean.
  writeControl(workload, edits, []);
  let settleRuns = 0;
  for (let clean = false; !clean && settleRuns < SETTLE_RUNS;) {
    settleRuns += 1;
    const run = startUp(['--once'], workload.env);
    let code = await exitWithin(run, SETTLE_CAP_MS);
    if (code === undefined) {
      run.child.kill('SIGKILL');
      code = await run.exited;
      expireInFlightMessages(workload.home);
    }
    writeFileSync(join(options.root, `settle-${settleRuns}.log`), `${run.stdout()}\n--- stderr ---\n${run.stderr()}`);
    pending = settlePending(pending, run);
    clean = code === 0;
    say(`settle run ${settleRuns}: exit ${code}`);
    // Batches the faults dead-lettered are kept there, and the cycle says so (exit 1): redriven as an operator would.
    const queues = (cycleSummary(run)?.deadLettered ?? []).flatMap((d) => redrivableQueueOf(d.queue) ?? []);
    if (!clean && queues.length > 0) for (const line of await redriveAsAnOperator(queues, workload.env)) say(`settle: ${line}`);
  }
  for (const outcome of pending) outcome.recovered = false;

  const stack = await startStack(workload.home, { ...process.env, ...workload.env, TONGYUAN_LOG_LEVEL: 'ERROR' });
  try {
    const truth = sourceTruth(workload, edits);
    const current = await currentBySourceKey(stack.app);
    const delivery = await checkDelivery(stack);
    const invariants = [
      await ssotEqualsSources(stack.app, truth, current),
      await noDuplicateVersions(stack.app, current, edits),
      delivery.invariant,
      await releasesComplete(stack.app, current),
      await checkpointsBehindRawData(stack.app, truth),
    ];
    return {
      seed: options.seed,
      records: options.records,
      outcomes,
      invariants,
      duplicates: { received: delivery.duplicatesReceived, accepted: delivery.duplicatesAccepted },
      steps,
      seconds: (Date.now() - started) / 1000,
      settleRuns,
      stoppedBy,
    };
  } finally {
    await stack.stop();
  }
}
