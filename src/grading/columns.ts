import type { DatasetConfig } from '../generated/dataset.types.js';
import type { PublishedGrade, ReleaseColumn } from '../publish/release-columns.js';
import { datasetCategory } from './category.js';
import { columnTypeOf } from './column-type.js';
import { publishedGrades } from './grades.js';
import { derivedFields, maskingLabel, maskingPlan } from './masking/plan.js';
import { propertiesOf, recordTypeOf, type GradedRecordType, type SchemaProperty } from './record-schema.js';

/** The English part of a bilingual description, up to its first clause: "决定书文号 / decision document number; …" → "decision document number". */
function englishName(description: string, fallback: string): string {
  const english = description.split(/\s*\/\s+(?=[A-Za-z])/u)[1];
  return english?.split(/\s*[;(（]/u)[0]?.trim() || fallback;
}

/**
 * The Chinese header: the schema's x-title for the kind the dataset's filter fixes (a
 * penalty's 处罚机关, a licence's 许可机关), else the field's Chinese label.
 */
function chineseTitle(property: SchemaProperty, label: string, filter: DatasetConfig['filter']): string {
  const byKind = property['x-title'];
  if (byKind && typeof byKind === 'object') {
    for (const value of Object.values(filter ?? {})) {
      const title = (byKind as Record<string, unknown>)[String(value)];
      if (typeof title === 'string') return title;
    }
  }
  return label;
}

/** Code → Chinese label: the field's x-labels, or for a list of codes its items'. */
function labelsOf(property: SchemaProperty): Readonly<Record<string, string>> | undefined {
  const items = property.items as SchemaProperty | undefined;
  const labels = property['x-labels'] ?? items?.['x-labels'];
  return labels && typeof labels === 'object' ? (labels as Record<string, string>) : undefined;
}

/**
 * The columns of the dataset's releases, in `fields` order: a dropped field has none, an
 * identity number under age-band-district becomes two (年龄段 and 行政区划代码, the
 * holder's age band and the GB/T 2260 code of the district that issued the number). Throws
 * for a dataset with an L4 field, as datasetCategory does.
 */
export function releaseColumns(dataset: DatasetConfig, recordType?: GradedRecordType): ReleaseColumn[] {
  const type = recordTypeOf(dataset, recordType);
  datasetCategory(dataset, type);
  const properties = propertiesOf(type);
  const grades = publishedGrades(dataset, type);
  const plan = maskingPlan(dataset, type);
  const columns: ReleaseColumn[] = [];
  for (const field of dataset.fields) {
    const property = properties[field];
    const grade = grades.get(field) as PublishedGrade | undefined;
    if (!property || !grade) throw new Error(`dataset ${dataset.id}: ${field} is not a field of ${type.name}`);
    const masking = plan.get(field);
    const description = typeof property.description === 'string' ? property.description : '';
    const title = chineseTitle(property, type.labels[field] ?? field, dataset.filter);
    const titleEn = englishName(description, field);
    if (masking?.rule === 'drop') continue;
    if (masking?.rule === 'age-band-district') {
      const derived = derivedFields(field);
      columns.push(
        {
          field: derived.ageBand,
          title: `${title}（年龄段）`,
          titleEn: `${titleEn}: age band`,
          description: `${title}所示年龄段（按记录的源系统更新日期计）/ age band of the holder of the ${titleEn}, as of the record's last update`,
          type: 'string',
          grade,
          masking: maskingLabel(masking),
        },
        {
          field: derived.district,
          title: `${title}（行政区划代码）`,
          titleEn: `${titleEn}: district code`,
          description: `${title}前六位：签发地行政区划代码（GB/T 2260）/ the district (GB/T 2260 code) that issued the ${titleEn}`,
          type: 'string',
          grade,
          masking: maskingLabel(masking),
        },
      );
      continue;
    }
    const labels = labelsOf(property);
    columns.push({
      field,
      title,
      titleEn,
      description,
      type: columnTypeOf(property),
      ...(typeof property.format === 'string' ? { format: property.format } : {}),
      ...(labels ? { labels } : {}),
      grade,
      ...(masking ? { masking: maskingLabel(masking) } : {}),
    });
  }
  return columns;
}
