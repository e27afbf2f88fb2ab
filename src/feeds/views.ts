import type { DatasetConfig } from '../config/catalog.js';
import { projectRow } from '../grading/projection.js';
import { recordTypeNamed } from '../records/registry.js';
import type { SensitivityGrade } from '../records/validation-issue.js';
import type { StoredVersion } from '../ssot/model.js';
import type { FeedId, FeedView } from './feeds.js';
import { toYrdRecord } from './yrd-profile.js';

type Row = Readonly<Record<string, unknown>>;

/** The grades each view shows: public what an open release shows, a partner government what a restricted one does. */
const VIEW_GRADES: Readonly<Record<FeedView, ReadonlySet<SensitivityGrade>>> = {
  public: new Set(['L1']),
  'partner-government': new Set(['L1', 'L2', 'L3']),
};

/** The fields of a record type a view shows, in schema order; never an L4 field. */
export function viewFields(recordType: string, view: FeedView): string[] {
  return Object.entries(recordTypeNamed(recordType).grades())
    .filter(([, grade]) => VIEW_GRADES[view].has(grade))
    .map(([field]) => field);
}

const projections = new Map<string, (record: Row) => Row>();

/**
 * A view is a dataset of every field it shows under the standard masking profile: the grading's
 * own projection selects and masks (x-pii on L2/L3 fields), so a feed masks as a release does.
 * projectRow reads a dataset's id, record type, fields, grades, masking and filter only.
 */
function projectionOf(recordType: string, view: FeedView): (record: Row) => Row {
  const key = `${recordType}\n${view}`;
  let project = projections.get(key);
  if (!project) {
    const dataset = {
      id: `feed-view-${recordType}-${view}`,
      recordType,
      fields: viewFields(recordType, view),
      masking: { profile: 'standard' },
    } satisfies Pick<DatasetConfig, 'id' | 'recordType' | 'fields' | 'masking'>;
    project = projectRow(dataset as DatasetConfig);
    projections.set(key, project);
  }
  return project;
}

/**
 * The record of an event as a view shows it: `public` the L1 fields (as an open release, free
 * text already redacted), `partner-government` L1–L3 with personal information masked; on the
 * `yrd` feed in the national exchange profile (field codes, code lists, 万元). Never an L4 field.
 */
export function renderRecord(feed: FeedId, entity: string, version: StoredVersion, view: FeedView): Readonly<Record<string, unknown>> {
  const row = projectionOf(version.recordType, view)(version.record);
  return feed === 'yrd' ? toYrdRecord(entity, version.recordType, row) : row;
}
