import datasetSchema from '../../schemas/dataset.schema.json' with { type: 'json' };
import type { DatasetConfig } from '../config/catalog.js';

/** The EU data theme codes a dataset's `theme` is one of (the dataset schema's vocabulary). */
export const DCAT_THEMES: readonly string[] = datasetSchema.properties.theme.enum;

/** The metadata `q` is matched against: titles, descriptions, keywords, publisher and id. */
function searchableText(dataset: DatasetConfig): string {
  return [dataset.id, dataset.title.zh, dataset.title.en, dataset.description.zh, dataset.description.en, dataset.publisher, ...(dataset.keywords ?? [])]
    .join('\n')
    .toLowerCase();
}

/**
 * Whether a dataset matches the catalog's `q`: every whitespace-separated term is a substring
 * of its metadata, case-insensitively (a Chinese term matches inside a title without word
 * segmentation; ranked, segmented search over records is /v1/search's).
 */
export function matchesCatalogQuery(dataset: DatasetConfig, q: string | undefined): boolean {
  const terms = (q ?? '')
    .toLowerCase()
    .split(/\s+/u)
    .filter((t) => t !== '');
  if (terms.length === 0) return true;
  const text = searchableText(dataset);
  return terms.every((term) => text.includes(term));
}
