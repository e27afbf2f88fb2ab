import type { DatasetConfig } from '../config/catalog.js';
import { recordTypeNamed } from '../records/registry.js';
import type { DatasetCategory } from './release.js';

type Grade = 'L1' | 'L2' | 'L3' | 'L4';
const RANK: Readonly<Record<Grade, number>> = { L1: 1, L2: 2, L3: 3, L4: 4 };

/**
 * A dataset's category from the grades of its published fields (就高从严): all L1 → 无条件开放,
 * any L2/L3 → 受限开放; an L4 field can never be published. A field's grade is the record
 * schema's x-grade, raised (never lowered) by the dataset's `grades`.
 *
 * Stand-in until the grading slice's `datasetCategory` (src/grading) is merged, which decides
 * the same question with the same signature and should replace every call of this one.
 */
export function provisionalCategory(dataset: Pick<DatasetConfig, 'id' | 'recordType' | 'fields' | 'grades'>): DatasetCategory {
  const schemaGrades = recordTypeNamed(dataset.recordType).grades() as Readonly<Record<string, Grade | undefined>>;
  let strictest: Grade = 'L1';
  for (const field of dataset.fields) {
    const own = schemaGrades[field];
    if (own === undefined) throw new Error(`dataset ${dataset.id}: field ${field} is not a field of record type ${dataset.recordType}`);
    const raised = dataset.grades?.[field];
    const grade = raised !== undefined && RANK[raised] > RANK[own] ? raised : own;
    if (grade === 'L4') throw new Error(`dataset ${dataset.id}: field ${field} is graded L4 (禁止开放) and can never be published`);
    if (RANK[grade] > RANK[strictest]) strictest = grade;
  }
  return strictest === 'L1' ? 'open' : 'restricted';
}
