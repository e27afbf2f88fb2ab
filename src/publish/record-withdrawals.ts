import { chinaDate } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import { withdrawalsOf, type HiddenVersion } from '../disclosure/withdrawals.js';
import { expiryChangesOf } from '../feeds/classify.js';
import { fanOut, type FanoutDeps } from '../feeds/fanout.js';
import type { DisclosureLedger, WithdrawalMark } from '../ports/index.js';
import type { ReleasePointer } from './release.js';

/** Where the daily re-evaluation announces what left the release with no change at its source. */
export interface LifecycleFeeds {
  readonly fanout: () => Promise<FanoutDeps>;
  readonly datasets: () => Promise<readonly DatasetConfig[]>;
  readonly freeTextColumns: (recordType: string) => readonly string[];
}

/**
 * After a release: every record the ledger shows published, not yet withdrawn, that the
 * release left out is marked withdrawn at the release's time, with why. An expiry has no
 * SSOT version to route, so it is announced here, before its mark: a retry after a failed
 * mark announces it again under the same event id (the feed log keeps its sequence), and
 * once marked it is never announced again. Revocations are announced when their version is routed.
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
  if (feeds) {
    const context = { datasets: await feeds.datasets(), freeTextColumns: feeds.freeTextColumns, today: chinaDate(new Date(release.createdAt)) };
    const expiries = marks.flatMap((mark) => {
      const version = hidden.get(mark.recordId);
      return mark.reason === 'expired' && version?.withheld ? expiryChangesOf(version.stored, version.withheld, context) : [];
    });
    if (expiries.length > 0) await fanOut(expiries, await feeds.fanout());
  }
  return ledger.recordWithdrawals(marks);
}
