/**
 * What a new version means for one entity: its action, and for a record leaving public view
 * why. Pure rules per entity of FEED_ENTITIES; classify.ts wraps them into FeedChanges.
 */
import type { Withheld } from '../disclosure/withdrawals.js';
import type { StoredVersion } from '../ssot/model.js';
import type { LeavingReason } from './event.js';

export interface EntityAction {
  readonly action: string;
  readonly reason?: LeavingReason;
  /** The last public day, for an expiry (the change then takes the expiry's id and time). */
  readonly publicUntil?: string;
  /** An expiry the publicity clock noticed (id `<type>/<id>/expired/<publicUntil>`), not a version's own. */
  readonly clockExpiry?: boolean;
}

/** Why a withheld record left, as a feed says it. */
export function leavingReasonOf(withheld: Withheld): LeavingReason {
  switch (withheld.reason) {
    case 'revoked':
    case 'expired':
    case 'repaired':
    case 'identity-conflict':
      return withheld.reason;
    case 'objection-suspended':
      return 'suspended';
    default:
      // A court's list, a document not proactively disclosed: the record is no longer in the release.
      return 'removed';
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * A later version of a normative document is a correction (更正) when the document itself says it
 * corrects its own text (`changes` names its own 文号 with kind `corrects`); otherwise an amendment.
 */
function correctsItself(record: Readonly<Record<string, unknown>>): boolean {
  const changes = Array.isArray(record.changes) ? (record.changes as readonly Readonly<Record<string, unknown>>[]) : [];
  return changes.some((c) => c.kind === 'corrects' && c.targetDocumentNumber === record.documentNumber);
}

function normativeDocument(v: StoredVersion): EntityAction | undefined {
  const { record } = v;
  if (record.validity === 'repealed') return { action: 'repealed', reason: 'repealed' };
  if (record.validity === 'expired')
    return { action: 'expired', reason: 'expired', ...(isString(record.expiryDate) ? { publicUntil: record.expiryDate } : {}) };
  if (v.version === 1) return { action: 'published' };
  return { action: correctsItself(record) ? 'corrected' : 'amended' };
}

/** A decision on the enforcement feed (decision) or on the Yangtze-Delta feed (penalty-license). */
function decision(v: StoredVersion, withheld: Withheld | undefined): EntityAction {
  if (withheld?.reason === 'expired')
    return { action: 'expired', reason: 'expired', clockExpiry: true, ...(withheld.publicUntil ? { publicUntil: withheld.publicUntil } : {}) };
  if (withheld) return { action: 'withdrawn', reason: leavingReasonOf(withheld) };
  return { action: v.version === 1 ? 'published' : 'changed' };
}

function credit(withheld: Withheld | undefined): EntityAction {
  if (withheld?.reason === 'repaired') return { action: 'repaired', reason: 'repaired' };
  if (withheld?.reason === 'expired')
    return { action: 'expired', reason: 'expired', clockExpiry: true, ...(withheld.publicUntil ? { publicUntil: withheld.publicUntil } : {}) };
  if (withheld) return { action: 'withdrawn', reason: leavingReasonOf(withheld) };
  return { action: 'published' };
}

function propertyRights(v: StoredVersion): EntityAction {
  // A deal result (成交公告) and a termination are public acts: the record goes out with them.
  if (v.record.status === 'terminated' || v.record.status === 'dealt') return { action: 'closed', reason: 'closed' };
  return { action: v.version === 1 ? 'announced' : 'changed' };
}

/**
 * Only items handled across provinces (跨省通办) are on the Yangtze-Delta feed. Classification sees
 * one version, not the one before it: a later version that is not cross-province is announced as
 * withdrawn, which a subscriber that never held the item ignores.
 */
function serviceItem(v: StoredVersion): EntityAction | undefined {
  if (v.record.crossProvince === true) return { action: 'changed' };
  return v.version > 1 ? { action: 'withdrawn', reason: 'removed' } : undefined;
}

/**
 * The action of a live (not deleted, not in conflict), disclosed version on an entity, given
 * why it is withheld today (undefined: public). Undefined: nothing to announce.
 */
export function liveAction(entity: string, v: StoredVersion, withheld: Withheld | undefined): EntityAction | undefined {
  switch (entity) {
    case 'normative-document':
      // A document stays in the catalogue whatever its validity; one not proactively disclosed never entered it.
      return withheld ? undefined : normativeDocument(v);
    case 'gazette-issue':
      if (withheld) return { action: 'withdrawn', reason: leavingReasonOf(withheld) };
      return { action: v.version === 1 ? 'published' : 'corrected' };
    case 'decision':
    case 'penalty-license':
      return decision(v, withheld);
    case 'credit':
      return credit(withheld);
    case 'property-rights':
      return withheld ? { action: 'withdrawn', reason: leavingReasonOf(withheld) } : propertyRights(v);
    case 'service-item':
      if (withheld) return v.record.crossProvince === true ? { action: 'withdrawn', reason: leavingReasonOf(withheld) } : undefined;
      return serviceItem(v);
    default:
      return undefined;
  }
}

/** A tombstone: the source withdrew the record. A service item that was never cross-province was never announced. */
export function removedAction(entity: string, v: StoredVersion): EntityAction | undefined {
  if (entity === 'service-item' && v.record.crossProvince !== true) return undefined;
  return { action: 'withdrawn', reason: 'removed' };
}
