/**
 * The IRIs and URLs the catalogs name, all on the configured public base URL. Things are named
 * with hash IRIs on the pages that describe them (the dataset is `<page>#dataset`), so every
 * IRI dereferences to something a person can read.
 */
export const catalogIri = (base: string): string => `${base}/#catalog`;
export const homepage = (base: string): string => `${base}/`;
export const dataServiceIri = (base: string): string => `${base}/#api`;
export const apiDescriptionUrl = (base: string): string => `${base}/openapi.json`;

/** The portal's page of a dataset (its landing page). */
export const datasetPage = (base: string, id: string): string => `${base}/datasets/${encodeURIComponent(id)}`;
export const datasetIri = (base: string, id: string): string => `${datasetPage(base, id)}#dataset`;
export const distributionIri = (base: string, id: string, format: string): string => `${datasetPage(base, id)}#distribution-${format}`;

/** The latest file of a format: what a client fetches to get the dataset now. */
export const accessUrl = (base: string, id: string, format: string): string =>
  `${base}/v1/datasets/${encodeURIComponent(id)}/download?format=${encodeURIComponent(format)}`;

/** The very file described (its size and checksum are this release's), immutable. */
export const downloadUrl = (base: string, id: string, format: string, releaseId: string): string =>
  `${accessUrl(base, id, format)}&release=${encodeURIComponent(releaseId)}`;
