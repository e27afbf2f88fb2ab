import { appendFileSync, readFileSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import type { Environment } from '../../src/config/runtime-config.js';

/**
 * The fault harness's hold on a demo department (npm run chaos). Off unless
 * TONGYUAN_DEMO_CHAOS_FILE names a control file, which only the harness sets: with it the
 * department applies the harness's edits at start, answers some list requests badly, and
 * logs every bad answer it gave, so the harness knows when each fault really happened.
 */
export const CHAOS_FILE_VARIABLE = 'TONGYUAN_DEMO_CHAOS_FILE';

/** 429 with Retry-After, 500, a hang past the client's timeout, or a 200 whose JSON is cut short. */
export type DepartmentFaultMode = '429' | '500' | 'hang' | 'truncated';

export interface DepartmentFault {
  /** The harness's name of this fault point, echoed in the log. */
  readonly id: string;
  readonly mode: DepartmentFaultMode;
  /** The list path the fault applies to (`/api/v1/penalties`). */
  readonly path: string;
  /** List requests on the path answered normally first, counted from the department's start. */
  readonly skip: number;
  /** Requests answered badly after those: the fault's window. */
  readonly count: number;
}

/** An edit the department's staff make: a penalty's remarks (bz) changed, so its update_time moves on. */
export interface DepartmentEdit {
  readonly id: string;
  readonly bz: string;
}

export interface ChaosControl {
  readonly faults: readonly DepartmentFault[];
  /** Every edit so far, in order: applied again at each start, they land on the same update_times. */
  readonly edits: readonly DepartmentEdit[];
  /** How long a hang holds the request (past the source's timeoutMs). */
  readonly hangMs: number;
  /** Where each bad answer is logged, one JSON line: `{ id, mode, path, request, at }`. */
  readonly log: string;
}

/** One bad answer given, as logged. */
export interface ServedFault {
  readonly id: string;
  readonly mode: DepartmentFaultMode;
  readonly path: string;
  readonly request: number;
  readonly at: string;
}

export function readChaosControl(env: Environment): ChaosControl | undefined {
  const file = env[CHAOS_FILE_VARIABLE];
  if (file === undefined || file === '') return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ChaosControl;
}

/** The fault whose window holds the `request`-th list request (from 0) on `path`, if any. */
export function faultAt(faults: readonly DepartmentFault[], path: string, request: number): DepartmentFault | undefined {
  return faults.find((f) => f.path === path && request >= f.skip && request < f.skip + f.count);
}

/** Hono middleware for the department's list routes: answers the requests in a fault's window badly. */
export function chaosMiddleware(control: ChaosControl): MiddlewareHandler {
  const served = new Map<string, number>();
  return async (c, next) => {
    const path = c.req.path;
    const request = served.get(path) ?? 0;
    served.set(path, request + 1);
    const fault = faultAt(control.faults, path, request);
    if (!fault) return next();
    const entry: ServedFault = { id: fault.id, mode: fault.mode, path, request, at: new Date().toISOString() };
    appendFileSync(control.log, `${JSON.stringify(entry)}\n`);
    switch (fault.mode) {
      case '429':
        return c.json({ error: 'rate_limited', message: 'too many requests' }, 429, { 'retry-after': '1' });
      case '500':
        return c.json({ error: 'internal', message: 'department system error' }, 500);
      case 'hang':
        await new Promise((r) => setTimeout(r, control.hangMs));
        return c.json({ error: 'gateway_timeout' }, 504);
      case 'truncated': {
        await next();
        const text = await c.res.text();
        const cut = text.slice(0, Math.floor(text.length / 2));
        // Well framed (its Content-Length is the cut length), so only the JSON parser can tell.
        c.res = new Response(cut, { status: 200, headers: { 'content-type': 'application/json' } });
        c.res.headers.set('content-length', String(Buffer.byteLength(cut)));
        return;
      }
    }
  };
}
