import type { ErrorObject } from 'ajv';
import { chinaDate, dayNumber } from '../calendar/civil-date.js';
import type { DatasetConfig } from '../config/catalog.js';
import type { ApplicationRequest } from '../generated/application-request.types.js';
import { validate } from '../generated/application-request.validate.js';
import type { DatasetCategory } from '../grading/category.js';
import type { Application } from '../ports/grant-store.js';

/** The longest period of use an application may ask for, in days after its first day. */
export const MAX_PERIOD_DAYS = 365;

/** One thing wrong with an application, named by its field (`applicant.email`, `fields[2]`, `period.to`). */
export interface FieldProblem {
  readonly name: string;
  readonly reason: string;
}

/** What the request names: a dataset the catalog has, with its category as of now. */
export interface DatasetLookup {
  readonly dataset: DatasetConfig;
  readonly category: DatasetCategory;
}

/** The body's shape (the schema in schemas/application-request.schema.json), each error naming its field. */
export function shapeProblems(body: unknown): FieldProblem[] | ApplicationRequest {
  if (validate(body)) return body;
  return (validate.errors ?? []).map(problemOf);
}

function problemOf(error: ErrorObject): FieldProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) return { name: join(path, params.missingProperty), reason: 'is required / 必填' };
  if (error.keyword === 'additionalProperties' && params.additionalProperty)
    return { name: join(path, params.additionalProperty), reason: 'is not a field of an application / 不是申请的字段' };
  return { name: path || '(body)', reason: error.message ?? error.keyword };
}

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/**
 * What the catalog and the calendar say about a well-shaped application: the dataset exists and
 * is restricted (an open one needs no application), every field is released by it, the period
 * starts no earlier than today (China), ends after it starts and spans at most a year.
 */
export function contentProblems(request: ApplicationRequest, lookup: DatasetLookup | undefined, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!lookup) problems.push({ name: 'datasetId', reason: `no dataset "${request.datasetId}" / 数据集不存在` });
  else if (lookup.category === 'open')
    problems.push({
      name: 'datasetId',
      reason: `dataset "${request.datasetId}" is open data (无条件开放): anyone may use it without an application / 无条件开放数据无需申请`,
    });
  else
    request.fields.forEach((field, i) => {
      if (!lookup.dataset.fields.includes(field))
        problems.push({ name: `fields[${i}]`, reason: `"${field}" is not a released field of "${lookup.dataset.id}" / 不是该数据集发布的字段` });
    });
  const today = dayNumber(chinaDate(now));
  const from = dayNumber(request.period.from);
  const to = dayNumber(request.period.to);
  if (from < today) problems.push({ name: 'period.from', reason: 'must not be before today (China) / 起始日不得早于今日' });
  if (to <= from) problems.push({ name: 'period.to', reason: 'must be after period.from / 截止日须晚于起始日' });
  else if (to - from > MAX_PERIOD_DAYS)
    problems.push({ name: 'period.to', reason: `must be at most ${MAX_PERIOD_DAYS} days after period.from / 期限至多一年` });
  return problems;
}

/** The stored application: pending, its fields in the dataset's order. */
export function newApplication(request: ApplicationRequest, dataset: DatasetConfig, id: string, now: Date): Application {
  const { name, organization, email, phone } = request.applicant;
  return {
    id,
    applicant: { name, organization, email, ...(phone === undefined ? {} : { phone }) },
    datasetId: dataset.id,
    fields: dataset.fields.filter((f) => request.fields.includes(f)),
    useScenario: request.useScenario,
    period: { from: request.period.from, to: request.period.to },
    submittedAt: now.toISOString(),
    status: 'pending',
  };
}
