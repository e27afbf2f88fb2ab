import type { ErrorObject } from 'ajv';
import type { ValidationIssue } from './validation-issue.js';

/** Chinese label of each top-level field, for messages a data steward reads. */
export type FieldLabels = Readonly<Record<string, string>>;

const FORMAT_TEXT: Readonly<Record<string, { en: string; zh: string }>> = {
  uscc: { en: 'is not a valid unified social credit code (GB 32100-2015)', zh: '无效（长度、字符或校验位不符合 GB 32100-2015）' },
  'cn-id-card': { en: 'is not a valid resident identity number (GB 11643-1999)', zh: '无效（格式、出生日期或校验位不符合 GB 11643-1999）' },
  date: { en: 'is not a real calendar date in YYYY-MM-DD form', zh: '不是真实存在的日期（应为 YYYY-MM-DD）' },
  'date-time': { en: 'is not an ISO 8601 date-time with a time zone', zh: '不是带时区的 ISO 8601 日期时间' },
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
 * Bilingual issues from ajv errors. `if` errors are dropped: each comes with the error
 * of its `then` branch, which says what is actually wrong.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined, labels: FieldLabels): ValidationIssue[] {
  return (errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const path = pathOf(error);
      const field = fieldOf(path);
      const label = labels[field];
      const { en, zh } = texts(error);
      return {
        path,
        keyword: error.keyword,
        message: field ? `${field} ${en}` : `record ${en}`,
        messageZh: label ? `${label}${zh}` : field ? `字段 ${field} ${zh}` : `记录${zh}`,
      };
    });
}
