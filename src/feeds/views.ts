import type { StoredVersion } from '../ssot/model.js';
import type { FeedId, FeedView } from './feeds.js';

/**
 * The record of an event as a view shows it: `public` the L1 fields (as an open release, free
 * text already redacted), `partner-government` L1–L3 with personal information masked; on the
 * `yrd` feed in the national exchange profile (field codes, code lists, 万元). Never an L4 field.
 */
export function renderRecord(_feed: FeedId, _entity: string, _version: StoredVersion, _view: FeedView): Readonly<Record<string, unknown>> {
  throw new Error('renderRecord: not built yet');
}
