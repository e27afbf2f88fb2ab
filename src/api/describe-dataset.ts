import type { DatasetConfig } from '../config/catalog.js';
import { publishedGrades, stricterGrade } from '../grading/index.js';
import { overdueNow } from '../publish/release-quality.js';
import type { DatasetCategory, ReleasePointer } from '../publish/release.js';
import { isReleaseFormat, RELEASE_MEDIA_TYPES } from './release-formats.js';

/** Chinese labels of the categories, as the catalogue shows them. */
export const CATEGORY_LABELS: Readonly<Record<DatasetCategory, string>> = { open: '无条件开放', restricted: '受限开放' };

/** The grade a dataset's catalog entry shows: its strictest released field's (L1 when no field is graded). */
export function datasetGrade(dataset: DatasetConfig): 'L1' | 'L2' | 'L3' {
  const strictest = [...publishedGrades(dataset).values()].reduce(stricterGrade, 'L1');
  // An L4 field is refused when the catalog is loaded, so a served dataset never has one.
  if (strictest === 'L4') throw new Error(`dataset ${dataset.id} publishes an L4 field`);
  return strictest;
}

/** A release's data files as the catalog lists them, each with its absolute download URL. */
export function describeFiles(dataset: DatasetConfig, category: DatasetCategory, release: ReleasePointer, base: string, pinned: boolean) {
  const grantRequired = category === 'restricted';
  const pin = pinned ? `&release=${encodeURIComponent(release.releaseId)}` : '';
  return release.files
    .flatMap((f) => (isReleaseFormat(f.format) ? [{ ...f, format: f.format }] : []))
    .map((f) => ({
      format: f.format,
      mediaType: RELEASE_MEDIA_TYPES[f.format],
      bytes: f.bytes,
      sha256: f.sha256,
      url: `${base}/v1/datasets/${dataset.id}/download?format=${f.format}${pin}`,
      ...(grantRequired ? { access: 'grant-required' as const } : {}),
    }));
}

/** Whether a release is the final state of its cycle, and if not why, as every release the API shows says it. */
export function releaseFinality(release: ReleasePointer) {
  return {
    provisional: release.provisional === true,
    ...(release.provisional && release.provisionalReason ? { provisionalReason: release.provisionalReason } : {}),
    ...(release.supersededBy ? { supersededBy: release.supersededBy } : {}),
  };
}

/**
 * A dataset as the catalog answers it: what it is (title and description in both languages,
 * category, 更新频率, theme, contact point) and its latest release with every file and the
 * release's quality. A restricted dataset's files are listed but say a grant is required.
 * A provisional latest release (cut while work for the dataset was in flight) says so, and the
 * newest final release (`lastFinal`, null when there is none) is shown beside it, its files pinned.
 */
export function describeDataset(
  dataset: DatasetConfig,
  category: DatasetCategory,
  release: ReleasePointer | undefined,
  base: string,
  now: Date,
  lastFinal?: ReleasePointer | null,
) {
  return {
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    category,
    categoryLabel: CATEGORY_LABELS[category],
    publisher: dataset.publisher,
    contactPoint: dataset.contactPoint,
    license: dataset.license,
    theme: dataset.theme,
    subjectCategory: dataset.subjectCategory,
    updateFrequency: dataset.updateFrequency,
    keywords: dataset.keywords ?? [],
    recordType: dataset.recordType,
    grade: datasetGrade(dataset),
    latestRelease: release
      ? {
          id: release.releaseId,
          createdAt: release.createdAt,
          rowCount: release.rowCount,
          // The data files; the datapackage, changes and catalogue files are read from the release folder (issue 10 serves them).
          files: describeFiles(dataset, category, release, base, false),
          quality: release.quality ? { ...release.quality, overdueNow: overdueNow(release.quality, now) } : null,
          ...releaseFinality(release),
        }
      : null,
    ...(release?.provisional
      ? {
          latestFinalRelease: lastFinal
            ? {
                id: lastFinal.releaseId,
                createdAt: lastFinal.createdAt,
                rowCount: lastFinal.rowCount,
                files: describeFiles(dataset, category, lastFinal, base, true),
              }
            : null,
        }
      : {}),
  };
}
