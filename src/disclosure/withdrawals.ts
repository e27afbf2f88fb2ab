import { addCalendarDays } from '../calendar/index.js';
import type { DisclosureEntry, WithdrawalMark, WithdrawalReason } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import type { Publicity } from './publicity.js';

/** Why a decision that exists is not public: what a feed announces and the ledger keeps. */
export interface Withheld {
  readonly reason: Exclude<WithdrawalReason, 'removed'>;
  /** For an expiry: the last public day (China date). */
  readonly publicUntil?: string;
  /** For an expiry: the instant the day after the last public day began (China time). */
  readonly expiredAt?: string;
}

/** The instant a China date begins. */
export const chinaDayStart = (date: string): string => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * Why a decision is withheld, from its publicity today; undefined when it is public or not
 * decided yet (it was never public, so nothing is withdrawn). An expiry happens on the day
 * after the last public day.
 */
export function withheldOf(publicity: Publicity): Withheld | undefined {
  if (publicity.published || publicity.reason === 'not-yet-decided') return undefined;
  if (publicity.reason !== 'expired') return { reason: publicity.reason };
  if (publicity.until === undefined) return { reason: 'expired' };
  return { reason: 'expired', publicUntil: publicity.until, expiredAt: chinaDayStart(addCalendarDays(publicity.until, 1)) };
}

/** A current version left out of a release, and why (undefined: not decided yet). */
export interface HiddenVersion {
  readonly stored: StoredVersion;
  readonly withheld?: Withheld;
}

/** A published record that is withheld now and whose withdrawal the ledger has not recorded. */
export interface OutstandingWithdrawal {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate?: string;
  readonly reason: Exclude<WithdrawalReason, 'removed'>;
  /** When the cause took effect: the version that withdrew it was stored, or the period ended. */
  readonly observedAt: string;
  readonly publicUntil?: string;
}

/**
 * The published records (by the ledger) that are withheld today and not yet marked withdrawn.
 * A revocation is observed when the SSOT stored the current version: the version that
 * revoked it unless a later one (a correction, still revoked) replaced it before any release.
 */
export function outstandingWithdrawals(entries: readonly DisclosureEntry[], hidden: ReadonlyMap<string, HiddenVersion>): OutstandingWithdrawal[] {
  const outstanding: OutstandingWithdrawal[] = [];
  for (const entry of entries) {
    const withheld = entry.withdrawal ? undefined : hidden.get(entry.recordId)?.withheld;
    if (!withheld) continue;
    const stored = hidden.get(entry.recordId)!.stored;
    outstanding.push({
      recordType: entry.recordType,
      recordId: entry.recordId,
      ...(entry.decisionDate ? { decisionDate: entry.decisionDate } : {}),
      reason: withheld.reason,
      observedAt: withheld.expiredAt ?? stored.storedAt,
      ...(withheld.publicUntil ? { publicUntil: withheld.publicUntil } : {}),
    });
  }
  return outstanding;
}

/**
 * The withdrawals a release makes: every record the ledger shows published and not yet
 * withdrawn that the release does not carry. A record with no withheld current version
 * (deleted at its source, found to be a minor's case, its decision date moved ahead) is
 * `removed`, observed with the release.
 */
export function withdrawalsOf(
  entries: readonly DisclosureEntry[],
  shown: ReadonlySet<string>,
  hidden: ReadonlyMap<string, HiddenVersion>,
  release: { readonly releaseId: string; readonly createdAt: string },
): WithdrawalMark[] {
  const pending = entries.filter((e) => !e.withdrawal && !shown.has(e.recordId));
  const withheld = new Map(outstandingWithdrawals(pending, hidden).map((o) => [o.recordId, o]));
  return pending.map((entry) => {
    const cause = withheld.get(entry.recordId);
    const at = { withdrawnAt: release.createdAt, releaseId: release.releaseId };
    if (!cause) return { recordType: entry.recordType, recordId: entry.recordId, reason: 'removed', observedAt: release.createdAt, ...at };
    const { recordType, recordId, reason, observedAt, publicUntil } = cause;
    return { recordType, recordId, reason, observedAt, ...at, ...(publicUntil ? { publicUntil } : {}) };
  });
}
