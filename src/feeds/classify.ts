import type { DatasetConfig } from '../config/catalog.js';
import { discloseVersion } from '../disclosure/disclose-versions.js';
import { publicityJudgeFor } from '../disclosure/publicity-by-type.js';
import { withheldOf, type Withheld } from '../disclosure/withdrawals.js';
import { disclosingDataset } from '../publish/dataset-filter.js';
import type { StoredVersion } from '../ssot/model.js';
import { liveAction, removedAction, type EntityAction } from './classify-actions.js';
import type { FeedChange } from './event.js';
import { CITYWIDE_DISTRICT, FEED_ENTITIES, type FeedEntity } from './feeds.js';
import { expiryDeadline, workingDaysDeadline } from './leaving-deadline.js';

export interface ClassifyContext {
  readonly datasets: readonly DatasetConfig[];
  /** Published free-text fields, redacted in events as in releases. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  /** China date of the routing (publicity is judged as of it). */
  readonly today: string;
}

const entitiesOf = (recordType: string): FeedEntity[] => FEED_ENTITIES.filter((e) => e.recordType === recordType);

const districtOf = (version: StoredVersion): string => (typeof version.record.district === 'string' ? version.record.district : CITYWIDE_DISTRICT);

/** One change of one entity, its id, time, content flag and deadline following from its action. */
function changeOf(entity: FeedEntity, version: StoredVersion, act: EntityAction, expiredAt?: string): FeedChange | undefined {
  // An action the entity does not announce (a normative document has no withdrawal) goes out on no feed.
  if (!entity.actions.includes(act.action)) return undefined;
  const { recordType, recordId } = version;
  const clock = act.clockExpiry === true && act.publicUntil !== undefined;
  const leaving = entity.leavingActions.includes(act.action) || act.action === 'closed';
  const deadline = !leaving ? undefined : clock ? expiryDeadline(act.publicUntil) : workingDaysDeadline(version.storedAt);
  return {
    feed: entity.feed,
    entity: entity.entity,
    action: act.action,
    id: clock ? `${recordType}/${recordId}/expired/${act.publicUntil}` : `${recordType}/${recordId}/v${version.version}`,
    time: clock ? (expiredAt ?? version.storedAt) : version.storedAt,
    version,
    // A closed transaction keeps its record: the deal result is itself public.
    carriesRecord: !entity.leavingActions.includes(act.action),
    district: districtOf(version),
    ...(act.reason ? { reason: act.reason } : {}),
    ...(act.publicUntil ? { publicUntil: act.publicUntil } : {}),
    ...(deadline ? { deadline } : {}),
  };
}

/** Why a disclosed, live version is not public today; 'undecided' when its publicity has not begun. */
function withheldToday(version: StoredVersion, context: ClassifyContext): Withheld | 'undecided' | undefined {
  const rules = disclosingDataset(context.datasets, version.recordType, version.record)?.disclosure;
  if (!rules) return undefined;
  const publicity = publicityJudgeFor(version.recordType)(version.record, context.today, rules);
  if (!publicity.published && publicity.reason === 'not-yet-decided') return 'undecided';
  return withheldOf(publicity);
}

/** The changes of one version on every feed that carries its type. */
function changesOfVersion(version: StoredVersion, context: ClassifyContext): FeedChange[] {
  const entities = entitiesOf(version.recordType);
  if (entities.length === 0) return [];
  if (version.conflict) {
    // Two cases under one id: neither goes out. One created in conflict was never announced.
    if (version.version === 1) return [];
    return entities.flatMap((e) => changeOf(e, version, { action: 'withdrawn', reason: 'identity-conflict' }) ?? []);
  }
  // What a release may not carry, an event may not either: a minor's case never goes out, free text is redacted.
  const disclosed = discloseVersion(version, context.freeTextColumns(version.recordType));
  if (!disclosed) return [];
  if (disclosed.deleted)
    return entities.flatMap((e) => {
      const act = removedAction(e.entity, disclosed);
      return (act && changeOf(e, disclosed, act)) ?? [];
    });
  const withheld = withheldToday(disclosed, context);
  if (withheld === 'undecided') return [];
  return entities.flatMap((e) => {
    const act = liveAction(e.entity, disclosed, withheld);
    return (act && changeOf(e, disclosed, act, withheld?.expiredAt)) ?? [];
  });
}

/**
 * What new SSOT versions mean on the feeds: per version, one change per feed that carries its
 * record type (feedsByRecordType), its entity and action, district, and for a leaving change
 * its reason and deadline. A version whose disclosure is not decided yet, or that the rules keep
 * out of any release (a minor's case), announces nothing. Versions keep their order.
 */
export function feedChangesOf(versions: readonly StoredVersion[], context: ClassifyContext): FeedChange[] {
  return versions.flatMap((version) => changesOfVersion(version, context));
}

/** The expiry of a record that left a release with no change at its source (the daily re-evaluation), on every feed that carries it. */
export function expiryChangesOf(stored: StoredVersion, withheld: Withheld, context: ClassifyContext): FeedChange[] {
  if (withheld.reason !== 'expired') return [];
  const disclosed = discloseVersion(stored, context.freeTextColumns(stored.recordType));
  if (!disclosed) return [];
  const act: EntityAction = { action: 'expired', reason: 'expired', clockExpiry: true, ...(withheld.publicUntil ? { publicUntil: withheld.publicUntil } : {}) };
  return entitiesOf(stored.recordType).flatMap((e) => changeOf(e, disclosed, act, withheld.expiredAt) ?? []);
}
