import type { DatasetConfig } from '../config/catalog.js';
import type { Withheld } from '../disclosure/withdrawals.js';
import type { StoredVersion } from '../ssot/model.js';
import type { FeedChange } from './event.js';

export interface ClassifyContext {
  readonly datasets: readonly DatasetConfig[];
  /** Published free-text fields, redacted in events as in releases. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  /** China date of the routing (publicity is judged as of it). */
  readonly today: string;
}

/**
 * What new SSOT versions mean on the feeds: per version, one change per feed that carries its
 * record type (feedsByRecordType), its entity and action, district, and for a leaving change
 * its reason and deadline. A version whose disclosure is not decided yet, or that the rules keep
 * out of any release (a minor's case), announces nothing. Versions keep their order.
 */
export function feedChangesOf(_versions: readonly StoredVersion[], _context: ClassifyContext): FeedChange[] {
  throw new Error('feedChangesOf: not built yet');
}

/** The expiry of a record that left a release with no change at its source (the daily re-evaluation), on every feed that carries it. */
export function expiryChangesOf(_stored: StoredVersion, _withheld: Withheld, _context: ClassifyContext): FeedChange[] {
  throw new Error('expiryChangesOf: not built yet');
}
