import { datasetCategory, projectRow, releaseColumns } from '../grading/index.js';
import { scanRelease } from '../publish/gate/index.js';
import { plainReleaseWriters } from '../publish/plain-writers.js';
import type { PublishDeps } from '../publish/publish-dataset.js';

/**
 * What a release is made of, wired for the builder: grading's columns, projection (masking)
 * and category, the format writers, and the publish gate over every file before anything
 * of the release is visible.
 */
export const releasePieces: Pick<PublishDeps, 'columns' | 'project' | 'writers' | 'category' | 'gate'> = {
  columns: (dataset) => releaseColumns(dataset),
  project: (dataset) => projectRow(dataset),
  writers: plainReleaseWriters,
  category: (dataset) => datasetCategory(dataset),
  gate: scanRelease,
};
