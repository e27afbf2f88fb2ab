import type { StoredVersion } from '../ssot/model.js';
import type { PendingDecision } from './compliance.js';
import { isMinorParty } from './minor-party.js';

/**
 * The current decisions of a record type that no release has carried yet: those with a
 * decision date whose id is not among `published`. A minor's case is never published, so it is never due.
 */
export async function pendingDecisions(
  recordType: string,
  current: AsyncIterable<readonly StoredVersion[]>,
  published: ReadonlySet<string>,
): Promise<PendingDecision[]> {
  const pending: PendingDecision[] = [];
  for await (const page of current) {
    for (const stored of page) {
      const decisionDate = stored.record.decisionDate;
      if (typeof decisionDate !== 'string' || published.has(stored.recordId) || isMinorParty(stored.record)) continue;
      pending.push({ recordType, recordId: stored.recordId, decisionDate });
    }
  }
  return pending;
}
