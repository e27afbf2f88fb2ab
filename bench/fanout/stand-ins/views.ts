/**
 * TODO(integration): stand-in for renderRecord of src/feeds/views.ts, loaded in its place only
 * while that module is a placeholder (bench/fanout/stand-ins/hooks.mjs). Delete once views.ts is
 * merged. It costs about what the real view does per event: public keeps the L1 fields,
 * partner-government L1–L3 with personal information masked; never L4.
 */
import type { FeedId, FeedView } from '../../../src/feeds/feeds.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

const OPEN: Readonly<Record<FeedView, readonly string[]>> = { public: ['L1'], 'partner-government': ['L1', 'L2', 'L3'] };

export function renderRecord(_feed: FeedId, _entity: string, version: StoredVersion, view: FeedView): Readonly<Record<string, unknown>> {
  const type = recordTypeNamed(version.recordType);
  const grades = type.grades();
  const pii = type.pii();
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(version.record)) {
    if (!OPEN[view].includes(grades[field] ?? 'L4')) continue;
    out[field] = pii[field] && typeof value === 'string' ? `${value.slice(0, 1)}**` : value;
  }
  return out;
}
