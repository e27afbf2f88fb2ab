import type { DatasetConfig } from '../../config/catalog.js';
import type { SensitivityGrade } from '../../generated/dataset.types.js';
import type { DatasetCategory, ReleaseFile, ReleasePointer } from '../../publish/release.js';
import { CATEGORY_LABELS } from '../describe-dataset.js';
import { isReleaseFormat, RELEASE_MEDIA_TYPES, type DownloadFormat } from '../release-formats.js';
import { ckanName, licenseOf, RESOURCE_FORMATS, THEME_LABELS, uuidV5 } from './vocabulary.js';

/** What one CKAN package is made of: the dataset's definition and its first and latest releases. */
export interface PackageSource {
  readonly dataset: DatasetConfig;
  /** The category the latest release is served under (就高从严: a restricted release stays restricted). */
  readonly category: DatasetCategory;
  /** The highest grade of a released field, when the dataset's record type is known. */
  readonly grade?: SensitivityGrade;
  readonly latest?: ReleasePointer;
  readonly first?: ReleasePointer;
  /** When the latest release is provisional: the newest final one, if any. */
  readonly lastFinal?: ReleasePointer;
}

/** final, or provisional: cut while work for the dataset was in flight, to be superseded by a final release. */
const releaseStatus = (release: ReleasePointer): 'final' | 'provisional' => (release.provisional ? 'provisional' : 'final');

/** Where ids and URLs come from: the public base URL and the site's UUID namespace. */
export interface PackageSite {
  readonly base: string;
  readonly namespace: string;
}

/**
 * The one resource datastore_search reads: the Chinese-header CSV when the release has it
 * (what a CKAN site's XLoader would have loaded), else the first data file.
 */
export const DATASTORE_FORMAT: DownloadFormat = 'csv';

const dataFiles = (release: ReleasePointer | undefined): (ReleaseFile & { format: DownloadFormat })[] =>
  (release?.files ?? []).flatMap((f) => (isReleaseFormat(f.format) ? [{ ...f, format: f.format }] : []));

export function datastoreFormatOf(release: ReleasePointer | undefined): DownloadFormat | undefined {
  const formats = dataFiles(release).map((f) => f.format);
  return formats.includes(DATASTORE_FORMAT) ? DATASTORE_FORMAT : formats[0];
}

/** A resource's id: a UUID v5 of the dataset and format, stable across releases, so a client's stored id keeps working. */
export const resourceIdOf = (site: PackageSite, datasetId: string, format: DownloadFormat): string => uuidV5(site.namespace, `resource/${datasetId}/${format}`);

/** CKAN's timestamps are UTC without a zone designator (`2019-05-24T15:52:30.123456`). */
export const ckanTimestamp = (iso: string | undefined): string | null => (iso ? new Date(iso).toISOString().replace(/Z$/, '') : null);

export function organizationOf(site: PackageSite, publisher: string) {
  return {
    id: uuidV5(site.namespace, `organization/${publisher}`),
    name: ckanName(publisher),
    title: publisher,
    type: 'organization',
    description: '',
    image_url: '',
    created: null,
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  };
}

function groupOf(site: PackageSite, theme: DatasetConfig['theme']) {
  const label = THEME_LABELS[theme];
  return {
    id: uuidV5(site.namespace, `group/${theme}`),
    name: theme.toLowerCase(),
    title: label.zh,
    display_name: label.zh,
    description: label.en,
    image_display_url: '',
  };
}

function resourcesOf(site: PackageSite, source: PackageSource) {
  const { dataset, latest } = source;
  const datastoreFormat = datastoreFormatOf(latest);
  return dataFiles(latest).map((file, position) => ({
    id: resourceIdOf(site, dataset.id, file.format),
    package_id: dataset.id,
    name: RESOURCE_FORMATS[file.format].name,
    description: RESOURCE_FORMATS[file.format].description,
    format: RESOURCE_FORMATS[file.format].format,
    mimetype: RELEASE_MEDIA_TYPES[file.format].split(';')[0]!,
    mimetype_inner: null,
    size: file.bytes,
    hash: file.sha256,
    url: `${site.base}/v1/datasets/${encodeURIComponent(dataset.id)}/download?format=${file.format}`,
    url_type: null,
    resource_type: null,
    position,
    state: 'active',
    created: ckanTimestamp(latest!.createdAt),
    last_modified: ckanTimestamp(latest!.createdAt),
    metadata_modified: ckanTimestamp(latest!.createdAt),
    cache_url: null,
    cache_last_updated: null,
    datastore_active: file.format === datastoreFormat,
    release_id: latest!.releaseId,
    release_status: releaseStatus(latest!),
  }));
}

export type CkanResource = ReturnType<typeof resourcesOf>[number];

/** Free-form key/value pairs CKAN keeps in `extras`: what tongyuan knows that CKAN's core schema does not. */
function extrasOf(source: PackageSource): { key: string; value: string }[] {
  const { dataset, category, grade, latest, lastFinal } = source;
  const extras: [string, string | undefined][] = [
    ['category', category],
    ['category_label', CATEGORY_LABELS[category]],
    ['grant_required', category === 'restricted' ? 'true' : 'false'],
    ['grade', grade],
    ['update_frequency', dataset.updateFrequency],
    ['subject_category', dataset.subjectCategory],
    ['theme', dataset.theme],
    ['record_type', dataset.recordType],
    ['title_en', dataset.title.en],
    ['latest_release', latest?.releaseId],
    ['row_count', latest ? String(latest.rowCount) : undefined],
    ['release_status', latest ? releaseStatus(latest) : undefined],
    ['provisional_reason', latest?.provisional ? latest.provisionalReason : undefined],
    ['last_final_release', latest?.provisional ? lastFinal?.releaseId : undefined],
  ];
  return extras.flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }]));
}

/** A tongyuan dataset as CKAN's package_show answers a package (the keys of CKAN 2.10's default schema). */
export function packageOf(site: PackageSite, source: PackageSource) {
  const { dataset, latest, first } = source;
  const organization = organizationOf(site, dataset.publisher);
  const license = licenseOf(dataset.license);
  const resources = resourcesOf(site, source);
  const tags = dataset.keywords.map((name) => ({ id: uuidV5(site.namespace, `tag/${name}`), name, display_name: name, state: 'active', vocabulary_id: null }));
  return {
    id: dataset.id,
    name: dataset.id,
    title: dataset.title.zh,
    // ckanext-fluent's shape, keyed by CKAN's locale codes (zh_Hans_CN is CKAN's Simplified Chinese).
    title_translated: { zh_Hans_CN: dataset.title.zh, en: dataset.title.en },
    notes: dataset.description.zh,
    notes_translated: { zh_Hans_CN: dataset.description.zh, en: dataset.description.en },
    type: 'dataset',
    state: 'active',
    private: false,
    author: dataset.publisher,
    author_email: null,
    maintainer: dataset.contactPoint.name,
    maintainer_email: dataset.contactPoint.email,
    creator_user_id: null,
    license_id: dataset.license,
    license_title: license.title,
    ...(license.url ? { license_url: license.url } : {}),
    isopen: license.isOpen && source.category === 'open',
    url: `${site.base}/datasets/${encodeURIComponent(dataset.id)}`,
    version: latest?.releaseId ?? null,
    metadata_created: ckanTimestamp(first?.createdAt ?? latest?.createdAt),
    metadata_modified: ckanTimestamp(latest?.createdAt),
    owner_org: organization.id,
    organization,
    groups: [groupOf(site, dataset.theme)],
    tags,
    num_tags: tags.length,
    extras: extrasOf(source),
    resources,
    num_resources: resources.length,
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}

export type CkanPackage = ReturnType<typeof packageOf>;
