import type { DatasetConfig } from '../generated/dataset.types.js';
import { isRecordTypeName, recordTypes } from '../records/registry.js';
import { forbiddenFieldMessage } from './category.js';
import { gradeRaiseProblems, publishedGrades } from './grades.js';
import { NATURAL_PERSON, namedField, piiKindOf, piiPartyOf, propertiesOf, type GradedRecordType, type SchemaProperty } from './record-schema.js';

type CheckedDataset = Pick<DatasetConfig, 'recordType' | 'fields' | 'grades' | 'filter'>;

/**
 * Everything wrong with a dataset's fields and grades that its JSON Schema cannot see,
 * each problem as "/path: 中文 / English" naming the field: a record type or field that does
 * not exist, an L4 field (禁止开放), a grade lowered below the schema's, a raise for a field
 * not published, a filter on a field the record type lacks, and personal information that
 * would go out unmasked. Empty when the dataset may be published.
 */
export function checkDatasetGrades(dataset: CheckedDataset, recordType?: GradedRecordType): string[] {
  const type = recordType ?? (isRecordTypeName(dataset.recordType) ? recordTypes[dataset.recordType] : undefined);
  if (!type) {
    return [`/recordType: 未知的记录类型 "${dataset.recordType}" / unknown record type "${dataset.recordType}"; known: ${Object.keys(recordTypes).join(', ')}`];
  }
  const properties = propertiesOf(type);
  const grades = publishedGrades(dataset, type);
  const problems: string[] = [];
  dataset.fields.forEach((field, index) => {
    const property = properties[field];
    if (!property) problems.push(`/fields/${index}: 字段 ${field} 不是 ${type.name} 的字段 / ${field} is not a field of ${type.name}`);
    else if (grades.get(field) === 'L4') problems.push(`/fields/${index}: ${forbiddenFieldMessage(type, field)}`);
    else problems.push(...piiProblems(dataset, type, field, property, grades.get(field)).map((problem) => `/fields/${index}: ${problem}`));
  });
  problems.push(...gradeRaiseProblems(dataset, type));
  for (const field of Object.keys(dataset.filter ?? {})) {
    if (!properties[field])
      problems.push(`/filter/${field}: 筛选字段 ${field} 不是 ${type.name} 的字段 / filter field ${field} is not a field of ${type.name}`);
  }
  return problems;
}

/**
 * Personal information (x-pii) is published only masked, and only L2/L3 fields are masked.
 * An L1 field with personal information is therefore refused, unless the dataset's filter
 * fixes its x-pii-party field to a party that is not a natural person (a dataset of legal
 * persons only, whose names and addresses are public registration data). An identity or a
 * bank account number is personal whatever the party, so no filter excuses it at L1.
 */
function piiProblems(dataset: CheckedDataset, type: GradedRecordType, field: string, property: SchemaProperty, grade: string | undefined): string[] {
  const kind = piiKindOf(property);
  if (!kind) return [];
  const name = namedField(type, field);
  const problems: string[] = [];
  const party = piiPartyOf(property);
  const properties = propertiesOf(type);
  if (party && !properties[party]) {
    problems.push(`字段 ${name}的 x-pii-party 指向不存在的字段 ${party} / x-pii-party of ${field} names ${party}, not a field of ${type.name}`);
  }
  if (!holdsStrings(property)) {
    problems.push(`字段 ${name}标注了个人信息（${kind}）但不是文本，无法脱敏 / ${field} is marked x-pii ${kind} but holds no text to mask`);
  }
  const partyFixed = party === undefined ? undefined : dataset.filter?.[party];
  const legalPersonsOnly = kind !== 'idCard' && kind !== 'bankAccount' && partyFixed !== undefined && partyFixed !== NATURAL_PERSON;
  if (grade === 'L1' && !legalPersonsOnly) {
    problems.push(
      `字段 ${name}含个人信息（${kind}）而分级为 L1（无条件开放），须在 grades 中调高至 L2 或 L3 以脱敏发布 / ${field} holds personal information (${kind}) but is graded L1; raise it to L2 or L3 in grades so it is masked`,
    );
  }
  return problems;
}

function holdsStrings(property: SchemaProperty): boolean {
  if (property.type === 'string') return true;
  const items = property.items as SchemaProperty | undefined;
  return property.type === 'array' && items?.type === 'string';
}
