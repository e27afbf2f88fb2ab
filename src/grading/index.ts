/** Grades, categories, masking and projection of open datasets (issue 9). */
export { CATEGORY_LABELS, ForbiddenFieldError, datasetCategory, type DatasetCategory } from './category.js';
export { checkDatasetGrades } from './check.js';
export { releaseColumns } from './columns.js';
export { GRADE_LABELS, publishedGrades, stricterGrade } from './grades.js';
export { STANDARD_PROFILE, isPartyConditional, maskingPlan, type FieldMasking, type MaskRule } from './masking/plan.js';
export { projectRow } from './projection.js';
export type { GradedRecordType } from './record-schema.js';
