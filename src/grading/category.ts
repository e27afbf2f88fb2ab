import type { DatasetConfig } from '../generated/dataset.types.js';
import { publishedGrades } from './grades.js';
import { namedField, recordTypeOf, type GradedRecordType } from './record-schema.js';

/** The opening category of a dataset (DB33/T 2350-2021, 浙江省公共数据条例). */
export type DatasetCategory = 'open' | 'restricted';

/** Chinese names of the categories; `forbidden` is what an L4 field would make a dataset, never published. */
export const CATEGORY_LABELS = {
  open: '无条件开放',
  restricted: '受限开放',
  forbidden: '禁止开放',
} as const satisfies Readonly<Record<DatasetCategory | 'forbidden', string>>;

/** Thrown for a dataset that publishes an L4 field: such a dataset can never be released. */
export class ForbiddenFieldError extends Error {
  override readonly name = 'ForbiddenFieldError';
  constructor(
    readonly datasetId: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The L4 message, shared with the config check so the loader and the publisher say the same words. */
export function forbiddenFieldMessage(recordType: GradedRecordType, field: string): string {
  return `字段 ${namedField(recordType, field)}分级为 L4（禁止开放），不得发布 / ${field} is graded L4 (never opened) and cannot be published`;
}

/**
 * A dataset is as strict as its strictest published field (就高从严): all L1 → open
 * (无条件开放); any L2 or L3 → restricted (受限开放: masked, only through a grant). An L4
 * field throws, naming it: such a dataset is refused, never published under any category.
 */
export function datasetCategory(dataset: DatasetConfig, recordType?: GradedRecordType): DatasetCategory {
  const type = recordTypeOf(dataset, recordType);
  const grades = publishedGrades(dataset, type);
  const forbidden = [...grades].find(([, grade]) => grade === 'L4');
  if (forbidden) throw new ForbiddenFieldError(dataset.id, forbidden[0], `dataset ${dataset.id}: ${forbiddenFieldMessage(type, forbidden[0])}`);
  return [...grades.values()].every((grade) => grade === 'L1') ? 'open' : 'restricted';
}
