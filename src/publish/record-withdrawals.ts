import { withdrawalsOf, type HiddenVersion } from '../disclosure/withdrawals.js';
import { changeEvent } from '../feeds/change-event.js';
import type { DisclosureLedger, FeedPublisher, WithdrawalMark } from '../ports/index.js';
import type { ReleasePointer } from './release.js';

/** Where the daily re-evaluation announces what left the release with no change at its source. */
export interface LifecycleFeeds {
  /** The feeds that carry a record type. */
  readonly publishers: (recordType: string) => readonly FeedPublisher[];
  readonly schemaUri: (recordType: string) => string;
}

/**
 * After a release: every record the ledger shows published, not yet withdrawn, that the
 * release left out is marked withdrawn at the release's time, with why. An expiry has no
 * SSOT version to route, so it is announced here, before its mark: a retry after a failed
 * mark announces it again under the same event id, and once marked it is never announced
 * again. Revocations and suspensions are announced when their version is routed.
 */
export async function recordWithdrawals(
  ledger: DisclosureLedger,
  recordType: string,
  release: ReleasePointer,
  shown: ReadonlySet<string>,
  hidden: ReadonlyMap<string, HiddenVersion>,
  feeds?: LifecycleFeeds,
): Promise<WithdrawalMark[]> {
  const marks = withdrawalsOf(await ledger.list(recordType), shown, hidden, release);
  if (marks.length === 0) return [];
  const expiries = marks.flatMap((mark) => {
    const version = hidden.get(mark.recordId);
    return mark.reason === 'expired' && version?.withheld ? [changeEvent(version.stored, [], feeds?.schemaUri(recordType) ?? '', version.withheld)] : [];
  });
  if (feeds && expiries.length > 0) {
    const messages = expiries.map((event) => ({ body: JSON.stringify(event), attributes: { type: event.type, recordType } }));
    for (const publisher of feeds.publishers(recordType)) await publisher.publish(messages);
  }
  return ledger.recordWithdrawals(marks);
}
