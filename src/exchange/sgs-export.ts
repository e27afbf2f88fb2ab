import type { DatasetConfig } from '../config/catalog.js';
import { discloseVersion } from '../disclosure/disclose-versions.js';
import { ENFORCEMENT_DECISION } from '../records/enforcement-decision.js';
import { datasetFilter } from '../publish/dataset-filter.js';
import { releaseSelection } from '../publish/release-selection.js';
import type { StoredVersion } from '../ssot/model.js';
import { toSgsRow, type SgsKind, type SgsRow } from './sgs-profile.js';

export interface SgsExportDeps {
  /** The current SSOT records (the record reader port). */
  readonly records: { listCurrent(recordType: string): AsyncIterable<readonly StoredVersion[]> };
  /** The catalog's datasets: the export discloses exactly what the penalty and licence datasets would release. */
  readonly datasets: readonly DatasetConfig[];
  /** Fields of the record type holding free text, redacted as a release redacts them. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
}

export interface SgsExportOptions {
  /** As of when (the China date decides what is public). */
  readonly now: Date;
  /** Only decisions dated on or after this day (YYYY-MM-DD). */
  readonly from?: string;
}

const KINDS: readonly SgsKind[] = ['penalty', 'license'];

/** The dataset that publishes decisions of `kind` (and not the other kind), whose disclosure rules the export follows. */
function datasetOf(kind: SgsKind, datasets: readonly DatasetConfig[]): DatasetConfig {
  const other = kind === 'penalty' ? 'license' : 'penalty';
  const found = datasets.find(
    (d) => d.recordType === ENFORCEMENT_DECISION && datasetFilter(d)({ decisionKind: kind }) && !datasetFilter(d)({ decisionKind: other }),
  );
  if (!found)
    throw new Error(
      `no dataset of ${ENFORCEMENT_DECISION} holds the ${kind} decisions alone (filter decisionKind: ${kind}); the export discloses only what a release would`,
    );
  return found;
}

const decisionDateOf = (stored: StoredVersion): string => (typeof stored.record.decisionDate === 'string' ? stored.record.decisionDate : '');

const byDecisionDateThenId = (a: StoredVersion, b: StoredVersion): number => {
  const [dateA, dateB] = [decisionDateOf(a), decisionDateOf(b)];
  return dateA < dateB ? -1 : dateA > dateB ? 1 : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
};

/**
 * The rows of the national penalty and licence files: the decisions the penalty and licence
 * datasets would release now (their filter and disclosure rules; minors' cases left out,
 * free text redacted), decided on or after `from`, in decision-date order. The exchange
 * feeds (信用中国, the Yangtze-Delta feed) take their rows from here.
 */
export async function collectSgsRows(deps: SgsExportDeps, options: SgsExportOptions): Promise<Record<SgsKind, SgsRow[]>> {
  const selections = KINDS.map((kind) => ({ kind, shows: releaseSelection(datasetOf(kind, deps.datasets), options.now) }));
  const freeText = deps.freeTextColumns(ENFORCEMENT_DECISION);
  const picked: Record<SgsKind, StoredVersion[]> = { penalty: [], license: [] };
  for await (const page of deps.records.listCurrent(ENFORCEMENT_DECISION)) {
    for (const stored of page) {
      const date = stored.record.decisionDate;
      if (options.from && (typeof date !== 'string' || date < options.from)) continue;
      const disclosed = discloseVersion(stored, freeText);
      if (!disclosed) continue;
      for (const { kind, shows } of selections) if (shows(disclosed)) picked[kind].push(disclosed);
    }
  }
  return {
    penalty: picked.penalty.sort(byDecisionDateThenId).map((s) => toSgsRow(s.record)),
    license: picked.license.sort(byDecisionDateThenId).map((s) => toSgsRow(s.record)),
  };
}
