import type { ErrorObject } from 'ajv';
import type { ValidationIssue } from './validation-issue.js';

/** Chinese label of each top-level field, for messages a data steward reads. */
export type FieldLabels = Readonly<Record<string, string>>;

const FORMAT_TEXT: Readonly<Record<string, { en: string; zh: string }>> = {
  uscc: { en: 'is not a valid unified social credit code (GB 32100-2015)', zh: '无效（长度、字符或校验位不符合 GB 32100-2015）' },
  'cn-id-card': { en: 'is not a valid resident identity number (GB 11643-1999)', zh: '无效（格式、出生日期或校验位不符合 GB 11643-1999）' },
  date: { en: 'is not a real calendar date in YYYY-MM-DD form', zh: '不是真实存在的日期（应为 YYYY-MM-DD）' },
  'date-time': { en: 'is not an ISO 8601 date-time with a time zone', zh: '不是带时区的 ISO 8601 日期时间' },
  'document-number': {
    en: 'is not a document number in GB/T 9704-2012 form (机关代字〔年份〕序号号)',
    zh: '不符合 GB/T 9704-2012 发文字号格式（机关代字〔年份〕序号号）',
  },
  uri: { en: 'is not an absolute URI', zh: '不是有效的网址（URI）' },
};

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: '字符串',
  number: '数值',
  integer: '整数',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  null: '空值',
};

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function fieldOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return first.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The part of a pointer below its top-level field: `0/code` and, for a steward, `（第1项 code）`. */
function withinField(path: string): { en: string; zh: string } {
  const tokens = path
    .split('/')
    .slice(2)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.length === 0) return { en: '', zh: '' };
  const zh = tokens.map((token) => (/^\d+$/.test(token) ? `第${Number(token) + 1}项` : token)).join(' ');
  return { en: tokens.join('/'), zh: `（${zh}）` };
}

function param(error: ErrorObject, name: string): string {
  const value = (error.params as Record<string, unknown>)[name];
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function texts(error: ErrorObject): { en: string; zh: string } {
  switch (error.keyword) {
    case 'required':
      return { en: 'is required', zh: '为必填项，不能缺失' };
    case 'additionalProperties':
      return { en: 'is not a field of this record type', zh: '不是该数据类型的字段' };
    case 'format':
      return FORMAT_TEXT[param(error, 'format')] ?? { en: `must match format ${param(error, 'format')}`, zh: `格式不符合 ${param(error, 'format')}` };
    case 'enum':
      return { en: `must be one of: ${param(error, 'allowedValues')}`, zh: `取值须为以下之一：${param(error, 'allowedValues')}` };
    case 'const':
      return { en: `must be ${param(error, 'allowedValue')}`, zh: `取值须为 ${param(error, 'allowedValue')}` };
    case 'type':
      return { en: `must be of type ${param(error, 'type')}`, zh: `类型须为${TYPE_ZH[param(error, 'type')] ?? param(error, 'type')}` };
    case 'minimum':
      return { en: `must be ${param(error, 'comparison')} ${param(error, 'limit')}`, zh: `不能小于 ${param(error, 'limit')}` };
    case 'maximum':
      return { en: `must be ${param(error, 'comparison')} ${param(error, 'limit')}`, zh: `不能大于 ${param(error, 'limit')}` };
    case 'multipleOf':
      return { en: `must be a multiple of ${param(error, 'multipleOf')}`, zh: `须为 ${param(error, 'multipleOf')} 的整数倍` };
    case 'minLength':
      return param(error, 'limit') === '1'
        ? { en: 'must not be empty', zh: '不能为空' }
        : { en: `must have at least ${param(error, 'limit')} characters`, zh: `至少 ${param(error, 'limit')} 个字符` };
    case 'maxLength':
      return { en: `must have at most ${param(error, 'limit')} characters`, zh: `最多 ${param(error, 'limit')} 个字符` };
    case 'minItems':
      return { en: `must have at least ${param(error, 'limit')} item(s)`, zh: `至少需要 ${param(error, 'limit')} 项` };
    case 'anyOf':
      return { en: 'must satisfy one of the alternatives the schema allows', zh: '不满足任何一种允许的写法' };
    case 'pattern':
      return { en: `must match pattern ${param(error, 'pattern')}`, zh: `不符合格式 ${param(error, 'pattern')}` };
    default:
      return { en: error.message ?? `fails ${error.keyword}`, zh: `不符合规则 ${error.keyword}` };
  }
}

/** The pointer a steward needs: a missing or unknown field is reported at the field itself. */
function pathOf(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${escapePointerToken(param(error, 'missingProperty'))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapePointerToken(param(error, 'additionalProperty'))}`;
  return error.instancePath;
}

/**
 * "One of these fields is required" (anyOf of required branches) as one issue at the
 * first alternative, instead of one error per branch plus an opaque anyOf error.
 */
function collapseRequiredAlternatives(errors: readonly ErrorObject[], labels: FieldLabels): { issues: ValidationIssue[]; rest: ErrorObject[] } {
  const issues: ValidationIssue[] = [];
  const consumed = new Set<ErrorObject>();
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const branches = errors.filter((error) => error !== anyOf && error.schemaPath.startsWith(`${anyOf.schemaPath}/`));
    if (branches.length === 0 || !branches.every((error) => error.keyword === 'required')) continue;
    const fields = branches.map((error) => param(error, 'missingProperty'));
    const zhFields = fields.map((field) => labels[field] ?? field);
    issues.push({
      path: `${anyOf.instancePath}/${escapePointerToken(fields[0]!)}`,
      keyword: 'required',
      message: `one of ${fields.join(', ')} is required`,
      messageZh: `${zhFields.join('、')}至少须填写一项`,
    });
    for (const error of [anyOf, ...branches]) consumed.add(error);
  }
  return { issues, rest: errors.filter((error) => !consumed.has(error)) };
}

/**
 * Bilingual issues from ajv errors. `if` errors are dropped: each comes with the error
 * of its `then` branch, which says what is actually wrong.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined, labels: FieldLabels): ValidationIssue[] {
  const { issues, rest } = collapseRequiredAlternatives(errors ?? [], labels);
  return rest
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const path = pathOf(error);
      const field = fieldOf(path);
      const within = withinField(path);
      const label = labels[field];
      const { en, zh } = texts(error);
      const where = within.en === '' ? field : `${field}/${within.en}`;
      return {
        path,
        keyword: error.keyword,
        message: field ? `${where} ${en}` : `record ${en}`,
        messageZh: label ? `${label}${within.zh}${zh}` : field ? `字段 ${where} ${zh}` : `记录${zh}`,
      };
    })
    .concat(issues);
}
