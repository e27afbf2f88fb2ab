/**
 * TODO(integration): stand-in for feedChangesOf of src/feeds/classify.ts, used only while that
 * is a placeholder. Delete once classify.ts is merged. One change per feed that carries the
 * version's record type: a first version is the entity's first action, a later one its next
 * non-leaving action, a tombstone its withdrawal (or repeal) with a deadline 3 working days on.
 */
import { addWorkingDays, chinaDate } from '../../../src/calendar/index.js';
import type { FeedChange } from '../../../src/feeds/event.js';
import { CITYWIDE_DISTRICT, feedEntity, feedsByRecordType } from '../../../src/feeds/feeds.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

export function feedChangesOf(versions: readonly StoredVersion[]): FeedChange[] {
  return versions.flatMap((version) =>
    (feedsByRecordType[version.recordType] ?? []).map((feed): FeedChange => {
      const entity = feedEntity(feed, version.recordType)!;
      const next = entity.actions.find((a, i) => i > 0 && !entity.leavingActions.includes(a)) ?? entity.actions[0]!;
      const leave = entity.leavingActions.find((a) => a !== 'expired') ?? entity.leavingActions[0]!;
      const action = version.deleted ? leave : version.version > 1 ? next : entity.actions[0]!;
      const district = typeof version.record.district === 'string' ? version.record.district : CITYWIDE_DISTRICT;
      return {
        feed,
        entity: entity.entity,
        action,
        id: `${version.recordType}/${version.recordId}/v${version.version}`,
        time: version.storedAt,
        version,
        carriesRecord: !version.deleted,
        district,
        ...(version.deleted
          ? { reason: action === 'repealed' ? ('repealed' as const) : ('revoked' as const), deadline: addWorkingDays(chinaDate(new Date(version.storedAt)), 3) }
          : {}),
      };
    }),
  );
}
