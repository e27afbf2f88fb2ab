/** One reason a candidate record is not valid, in both languages the bureau works in. */
export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. /creditCode; a missing field points at itself. */
  path: string;
  /** The schema keyword (or named extra rule) that failed. */
  keyword: string;
  message: string;
  messageZh: string;
  /** The source system's own field behind `path`, when the mapping knows it (what a data steward looks for). */
  sourceField?: string;
}

export type ValidationResult<T> = { valid: true; record: T } | { valid: false; errors: ValidationIssue[] };

/** Sensitivity grade per DB33/T 2350-2021. */
export type SensitivityGrade = 'L1' | 'L2' | 'L3' | 'L4';

export const SENSITIVITY_GRADES: readonly SensitivityGrade[] = ['L1', 'L2', 'L3', 'L4'];
