import type { DepartmentEdit, DepartmentFaultMode } from '../../demo/shared/chaos-hook.js';
import type { Prng } from './prng.js';

/** Where in a cycle a kill lands, detected from the runtime's state directory (test/chaos/stages.ts). */
export const STAGES = ['pull', 'normalize', 'ssot-write', 'publish', 'fan-out'] as const;
export type Stage = (typeof STAGES)[number];

export const DEPARTMENT_MODES: readonly DepartmentFaultMode[] = ['429', '500', 'hang', 'truncated'];

/** The demo department's two lists, each a source of its own. */
export const LISTS = {
  penalties: { path: '/api/v1/penalties', source: 'demo-enforcement' },
  licenses: { path: '/api/v1/licenses', source: 'demo-licenses' },
} as const;
export type ListName = keyof typeof LISTS;

/** A kill: of the runtime's process (`up`, which holds fauxqs too) or of DynamoDB Local's JVM. */
export interface KillPoint {
  readonly id: string;
  readonly kind: 'runtime-kill' | 'dynamodb-kill';
  readonly stage: Stage;
  /** Milliseconds after the signal: lands inside the stage's work, not at its edge. */
  readonly delayMs: number;
}

/** A window of bad answers from the demo department on one of its lists. */
export interface DepartmentPoint {
  readonly id: string;
  readonly kind: 'department';
  readonly mode: DepartmentFaultMode;
  readonly list: ListName;
  /** List requests on the path answered normally first, in this run. */
  readonly skip: number;
  /** Requests answered badly in a row (a source retries up to 5 attempts). */
  readonly count: number;
}

export type FaultPoint = KillPoint | DepartmentPoint;

/** One run of the stack on the state directory: the department's edits that start it, and its fault points. */
export interface Step {
  readonly index: number;
  readonly edits: readonly DepartmentEdit[];
  /** At most one kill (it ends the run) and at most two department faults per list, one after the other. */
  readonly points: readonly FaultPoint[];
}

export interface PlanOptions {
  /** Penalties an edit may touch: valid ones, so each edit makes a new version. */
  readonly editable: readonly string[];
  /** Every this many steps a DynamoDB Local kill instead of a runtime kill (its recovery may take a minute). */
  readonly dynamoEvery: number;
}

/**
 * Draws steps one at a time from the seeded generator; the harness asks for more until enough
 * points were really injected. Runtime kills walk the stages in turn from a seeded start, so a
 * short run still kills in each of them.
 */
export class FaultPlan {
  private kills = 0;
  private readonly stageOffset: number;

  constructor(
    private readonly rng: Prng,
    private readonly options: PlanOptions,
  ) {
    this.stageOffset = rng.int(0, STAGES.length - 1);
  }

  nextStep(index: number): Step {
    const { rng } = this;
    const edits = Array.from({ length: rng.int(4, 12) }, (_, n) => ({ id: rng.pick(this.options.editable), bz: `第${index}轮第${n + 1}处修订` }));
    const points: FaultPoint[] = [];
    const name = (kind: string) => `s${index}-${kind}`;
    for (const list of Object.keys(LISTS) as ListName[]) {
      if (!rng.chance(0.8)) continue;
      // A flaky department: one or two windows of bad answers back to back, so a request's
      // retries meet a second fault after the first. At most 4 bad answers in all: the source's
      // fifth attempt still succeeds. A truncated body is not retried (the source fails for this
      // run), so nothing follows it; a hang costs the source's timeout, so it comes once.
      let skip = 0;
      const windows = rng.int(1, 2);
      for (let window = 1; window <= windows; window++) {
        const mode = rng.pick(DEPARTMENT_MODES);
        const count = mode === 'truncated' || mode === 'hang' ? 1 : rng.int(1, 2);
        points.push({ id: name(`dept-${list}-${window}`), kind: 'department', mode, list, skip, count });
        skip += count;
        if (mode === 'truncated') break;
      }
    }
    if (rng.chance(0.9)) {
      const dynamo = index > 0 && index % this.options.dynamoEvery === 0;
      const stage = dynamo ? rng.pick(STAGES) : STAGES[(this.stageOffset + this.kills++) % STAGES.length]!;
      points.push({ id: name(dynamo ? 'dynamodb' : 'kill'), kind: dynamo ? 'dynamodb-kill' : 'runtime-kill', stage, delayMs: rng.int(0, 300) });
    }
    return { index, edits, points };
  }
}
