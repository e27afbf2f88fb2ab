import type { SourceConfig } from '../config/catalog.js';

/** The configured sources the embedded stack syncs, and the demo sources it leaves out with why. */
export interface SourcesToSync {
  readonly sync: readonly SourceConfig[];
  readonly skipped: readonly { readonly id: string; readonly why: string }[];
}

/** Leaves out each source whose demo department is not running: syncing it could only fail, every cycle. */
export function sourcesToSync(sources: readonly SourceConfig[], unavailable: ReadonlyMap<string, string>): SourcesToSync {
  return {
    sync: sources.filter((s) => !unavailable.has(s.id)),
    skipped: sources.flatMap((s) => (unavailable.has(s.id) ? [{ id: s.id, why: unavailable.get(s.id)! }] : [])),
  };
}
