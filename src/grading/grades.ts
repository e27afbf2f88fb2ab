import type { DatasetConfig } from '../generated/dataset.types.js';
import type { SensitivityGrade } from '../records/validation-issue.js';
import { namedField, propertiesOf, recordTypeOf, schemaGrade, type GradedRecordType } from './record-schema.js';

const RANK: Readonly<Record<SensitivityGrade, number>> = { L1: 1, L2: 2, L3: 3, L4: 4 };

/** The stricter of two grades (就高从严). */
export function stricterGrade(a: SensitivityGrade, b: SensitivityGrade): SensitivityGrade {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isAbove(grade: SensitivityGrade, ceiling: SensitivityGrade): boolean {
  return RANK[grade] > RANK[ceiling];
}

/** Chinese and English names of the grades, for messages a data steward reads. */
export const GRADE_LABELS: Readonly<Record<SensitivityGrade, string>> = {
  L1: 'L1（无条件开放）',
  L2: 'L2（受限开放）',
  L3: 'L3（受限开放）',
  L4: 'L4（禁止开放）',
};

/**
 * The grade of each published field in this dataset: the schema's x-grade, or the dataset's
 * raise when it is stricter. A lower dataset grade never wins; checkDatasetGrades reports it.
 * A field the schema does not know is left out (also reported there).
 */
export function publishedGrades(
  dataset: Pick<DatasetConfig, 'recordType' | 'fields' | 'grades'>,
  recordType?: GradedRecordType,
): ReadonlyMap<string, SensitivityGrade> {
  const properties = propertiesOf(recordTypeOf(dataset, recordType));
  const grades = new Map<string, SensitivityGrade>();
  for (const field of dataset.fields) {
    const property = properties[field];
    const base = property ? schemaGrade(property) : undefined;
    if (!base) continue;
    const raised = dataset.grades?.[field];
    grades.set(field, raised ? stricterGrade(base, raised) : base);
  }
  return grades;
}

/** Problems with the dataset's grade raises, each as "/grades/<field>: 中文 / English". */
export function gradeRaiseProblems(dataset: Pick<DatasetConfig, 'fields' | 'grades'>, recordType: GradedRecordType): string[] {
  const properties = propertiesOf(recordType);
  const published = new Set(dataset.fields);
  const problems: string[] = [];
  for (const [field, raised] of Object.entries(dataset.grades ?? {})) {
    const name = namedField(recordType, field);
    const property = properties[field];
    const base = property ? schemaGrade(property) : undefined;
    if (!property || !base) {
      problems.push(`/grades/${field}: 字段 ${field} 不是 ${recordType.name} 的字段 / ${field} is not a field of ${recordType.name}`);
    } else if (!published.has(field)) {
      problems.push(`/grades/${field}: 字段 ${name}未列入 fields，调整其分级无意义 / ${field} is not a published field; raising its grade has no effect`);
    } else if (RANK[raised] < RANK[base]) {
      problems.push(`/grades/${field}: 字段 ${name}：数据集不得调低分级 ${base}→${raised} / a dataset may raise a grade, never lower it`);
    }
  }
  return problems;
}
