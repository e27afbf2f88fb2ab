import type { DatasetConfig } from '../config/catalog.js';
import type { Row } from './release-columns.js';

/**
 * Quality and freshness of one release, as manifest.json carries it and the catalog shows it:
 * completeness per published field, the validity rate of the record type's source rows, and
 * the time since the last source change against the dataset's 更新频率 (the overdue flag).
 */
export interface ReleaseQuality {
  readonly rowCount: number;
  /** Per published field, in field order: the share of rows (0…1) with a value. 1 for an empty release. */
  readonly completeness: Readonly<Record<string, number>>;
  readonly validity: {
    /** Source rows that passed validation (the record type's current SSOT records). */
    readonly valid: number;
    /** Source rows held in quarantine as invalid, for the sources of the record type. */
    readonly quarantined: number;
    /** valid / (valid + quarantined), or null when there were no source rows at all. */
    readonly rate: number | null;
  };
  readonly freshness: {
    readonly updateFrequency: UpdateFrequency;
    /** The newest source change the release reflects, or null when none is known. */
    readonly lastSourceChange: string | null;
    readonly secondsSinceChange: number | null;
    /** How old the newest change may be before the dataset is overdue; null for 不定期 (never overdue). */
    readonly allowedSeconds: number | null;
    readonly overdue: boolean;
  };
  readonly measuredAt: string;
}

export type UpdateFrequency = DatasetConfig['updateFrequency'];

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The period each 更新频率 promises, in seconds; 不定期 promises none. */
export const FREQUENCY_PERIOD_SECONDS: Readonly<Record<UpdateFrequency, number | null>> = {
  continuous: HOUR,
  daily: DAY,
  weekly: 7 * DAY,
  monthly: 31 * DAY,
  quarterly: 92 * DAY,
  semiannual: 183 * DAY,
  annual: 366 * DAY,
  irregular: null,
};

/**
 * Slack on top of the period before a dataset counts as overdue: a daily dataset whose
 * source changed yesterday morning and is published the next morning is not late. A
 * continuous one has none; its hour is already the tolerance.
 */
export const OVERDUE_GRACE_SECONDS: Readonly<Record<UpdateFrequency, number>> = {
  continuous: 0,
  daily: 6 * HOUR,
  weekly: DAY,
  monthly: DAY,
  quarterly: DAY,
  semiannual: DAY,
  annual: DAY,
  irregular: 0,
};

/** Seconds since the last change after which a dataset of this frequency is overdue; null: never. */
export function allowedAge(frequency: UpdateFrequency): number | null {
  const period = FREQUENCY_PERIOD_SECONDS[frequency];
  return period === null ? null : period + OVERDUE_GRACE_SECONDS[frequency];
}

/** Overdue: the newest source change is older than the frequency allows (strictly). Unknown changes are not judged. */
export function isOverdue(frequency: UpdateFrequency, lastChange: Date | undefined, now: Date): boolean {
  const allowed = allowedAge(frequency);
  if (allowed === null || lastChange === undefined) return false;
  return (now.getTime() - lastChange.getTime()) / 1000 > allowed;
}

export interface SourceValidity {
  readonly valid: number;
  readonly quarantined: number;
}

export interface QualityInput {
  readonly now: Date;
  readonly validity: SourceValidity;
  /** The dataset's change mark (the route stage's last routed change), when the rows' own stamps are not enough. */
  readonly changeMark?: Date;
}

export interface ReleaseQualityObserver {
  /**
   * One published row; `changedAt` is when its source last changed it (its SSOT version's
   * storedAt, or the source's own update time when the record carries one).
   */
  observe(row: Row, changedAt?: string): void;
  result(input: QualityInput): ReleaseQuality;
}

const hasValue = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '') && !(Array.isArray(value) && value.length === 0);

const share = (part: number, whole: number): number => Math.round((part / whole) * 10_000) / 10_000;

/**
 * Counts as rows stream through the builder, so quality costs no second pass over the
 * release: `observe` each row written, `result` once the release is complete.
 */
export function releaseQualityObserver(dataset: Pick<DatasetConfig, 'id' | 'fields' | 'updateFrequency'>): ReleaseQualityObserver {
  const filled = new Map<string, number>(dataset.fields.map((f) => [f, 0]));
  let rows = 0;
  let newest: number | undefined;
  return {
    observe(row, changedAt) {
      rows += 1;
      for (const field of dataset.fields) if (hasValue(row[field])) filled.set(field, filled.get(field)! + 1);
      if (changedAt !== undefined) {
        const at = Date.parse(changedAt);
        if (Number.isNaN(at)) throw new Error(`dataset ${dataset.id}: row change time "${changedAt}" is not a date`);
        if (newest === undefined || at > newest) newest = at;
      }
    },
    result({ now, validity, changeMark }) {
      const candidates = [newest, changeMark?.getTime()].filter((t): t is number => t !== undefined);
      const last = candidates.length > 0 ? new Date(Math.max(...candidates)) : undefined;
      const sources = validity.valid + validity.quarantined;
      return {
        rowCount: rows,
        completeness: Object.fromEntries(dataset.fields.map((f) => [f, rows === 0 ? 1 : share(filled.get(f)!, rows)])),
        validity: { valid: validity.valid, quarantined: validity.quarantined, rate: sources === 0 ? null : share(validity.valid, sources) },
        freshness: {
          updateFrequency: dataset.updateFrequency,
          lastSourceChange: last?.toISOString() ?? null,
          secondsSinceChange: last ? Math.max(0, Math.round((now.getTime() - last.getTime()) / 1000)) : null,
          allowedSeconds: allowedAge(dataset.updateFrequency),
          overdue: isOverdue(dataset.updateFrequency, last, now),
        },
        measuredAt: now.toISOString(),
      };
    },
  };
}

/**
 * Freshness of a dataset now, from its latest release's quality: a release that was fresh
 * when built becomes overdue as days pass without a source change.
 */
export function overdueNow(quality: Pick<ReleaseQuality, 'freshness'>, now: Date): boolean {
  const { lastSourceChange, updateFrequency } = quality.freshness;
  return isOverdue(updateFrequency, lastSourceChange ? new Date(lastSourceChange) : undefined, now);
}
