import type { SourceConfig } from '../config/catalog.js';
import type { FunctionDef } from './resources.js';

export interface ScheduledEvent {
  readonly event: unknown;
  readonly everyMinutes: number;
}

/** How a scheduled function's timer is split into events at their own rates. */
export type SchedulePlan = (fn: FunctionDef, everyMinutes: number) => readonly ScheduledEvent[];

export const singleSchedule: SchedulePlan = (_fn, everyMinutes) => [{ event: {}, everyMinutes }];

/**
 * The ingest function's timers: one per distinct source schedule, each syncing the
 * sources on it (`{ sourceIds }`, as EventBridge Scheduler sends in AWS); sources without
 * a schedule of their own go with the function's rate.
 */
export function sourceSchedulePlan(sources: readonly SourceConfig[], ingestFunctionId = 'ingest'): SchedulePlan {
  return (fn, everyMinutes) => {
    if (fn.id !== ingestFunctionId) return singleSchedule(fn, everyMinutes);
    const byRate = new Map<number, string[]>();
    for (const source of sources) {
      const rate = source.schedule?.everyMinutes ?? everyMinutes;
      byRate.set(rate, [...(byRate.get(rate) ?? []), source.id]);
    }
    return [...byRate.entries()].sort(([a], [b]) => a - b).map(([rate, sourceIds]) => ({ event: { sourceIds }, everyMinutes: rate }));
  };
}
