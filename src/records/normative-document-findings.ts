import type { NormativeDocument } from '../generated/normative-document.types.js';

/**
 * A rule a stored record breaks that does not make it invalid: kept, published as it is, and
 * shown to the steward (`tongyuan quality`) so the issuing body corrects it at the source.
 */
export interface QualityFinding {
  readonly code: string;
  /** The field it is about (a JSON pointer). */
  readonly field: string;
  /** For the steward, in Chinese. */
  readonly message: string;
  /** The rule, in words, and the instrument that sets it. */
  readonly rule: string;
  readonly source: string;
}

const ZHEJIANG_RULES = '《浙江省行政规范性文件管理办法》（浙江省人民政府令第372号）';

/** 30 days between publication and taking effect, unless the document states why it may not wait. */
export const MIN_DAYS_BEFORE_EFFECT = 30;
/** Longest validity in years: 5, or 2 for a document named 暂行 or 试行. */
export const MAX_VALIDITY_YEARS = 5;
export const MAX_PROVISIONAL_VALIDITY_YEARS = 2;

/**
 * 统一登记编号 as Zhejiang writes it: ZJ, two letters of the registering area, two digits of
 * the body, the year and a four-digit serial (ZJDC01-2025-0001). A departure is a finding, not a
 * rejection: the steward checks it against the registration system.
 */
export const REGISTRATION_NUMBER = /^ZJ[A-Z]{2}\d{2}-\d{4}-\d{4}$/;

/** A 暂行 or 试行 document, by its title (its validity is at most two years). */
export const isProvisional = (title: string): boolean => /暂行|试行/.test(title);

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The last day a validity of `years` from `effective` may run: the day before its anniversary
 * (2025-03-01 for 5 years ends 2030-02-28; an anniversary of 29 February in a common year is 1 March).
 */
export function lastValidDay(effective: string, years: number): string {
  const [y, m, d] = effective.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d) - DAY_MS).toISOString().slice(0, 10);
}

const finding = (code: string, field: string, message: string, rule: string, source = ZHEJIANG_RULES): QualityFinding => ({
  code,
  field,
  message,
  rule,
  source,
});

function effectFindings(doc: NormativeDocument): QualityFinding[] {
  const published = doc.publishedDate ?? doc.signedDate;
  if (!doc.effectiveDate) return [finding('effective-date-missing', '/effectiveDate', '未载明施行日期', '行政规范性文件应当载明施行日期')];
  const earliest = addDays(published, MIN_DAYS_BEFORE_EFFECT);
  if (doc.effectiveDate >= earliest || doc.immediateEffectReason) return [];
  return [
    finding(
      'effective-too-early',
      '/effectiveDate',
      `施行日期（${doc.effectiveDate}）早于公布之日（${published}）起30日（${earliest}），且文件未载明提前施行的理由`,
      '行政规范性文件应当自公布之日起30日后施行；因保障国家安全、重大公共利益的需要，或者公布后不立即施行将有碍施行的，可以自公布之日起施行',
    ),
  ];
}

function validityFindings(doc: NormativeDocument): QualityFinding[] {
  if (!doc.expiryDate) return [finding('expiry-missing', '/expiryDate', '未规定有效期', '行政规范性文件应当规定有效期')];
  const provisional = isProvisional(doc.title);
  const years = provisional ? MAX_PROVISIONAL_VALIDITY_YEARS : MAX_VALIDITY_YEARS;
  const from = doc.effectiveDate ?? doc.publishedDate ?? doc.signedDate;
  const last = lastValidDay(from, years);
  if (doc.expiryDate <= last) return [];
  return [
    finding(
      'validity-too-long',
      '/expiryDate',
      `有效期至${doc.expiryDate}，超过${provisional ? '暂行、试行文件' : ''}最长${years}年（自${from}起至${last}）`,
      '行政规范性文件有效期最长不超过5年；名称冠以“暂行”“试行”的，有效期最长不超过2年',
    ),
  ];
}

function registrationFindings(doc: NormativeDocument): QualityFinding[] {
  const rule = '行政规范性文件实行统一登记、统一编号、统一公布';
  if (!doc.registrationNumber) return [finding('registration-number-missing', '/registrationNumber', '缺少统一登记编号', rule)];
  if (REGISTRATION_NUMBER.test(doc.registrationNumber)) return [];
  return [finding('registration-number-malformed', '/registrationNumber', `统一登记编号（${doc.registrationNumber}）不符合 ZJ××00-年份-序号 格式`, rule)];
}

function filingFindings(doc: NormativeDocument): QualityFinding[] {
  const rule = '行政规范性文件应当自公布之日起报送备案，备案信息载明备案机关、备案日期和备案号';
  if (!doc.filing) return [finding('filing-missing', '/filing', '缺少备案信息（备案机关、备案日期、备案号）', rule)];
  const missing = (['body', 'date', 'number'] as const).filter((key) => !doc.filing![key]);
  const names = { body: '备案机关', date: '备案日期', number: '备案号' };
  return missing.length === 0 ? [] : [finding('filing-incomplete', '/filing', `备案信息缺少${missing.map((key) => names[key]).join('、')}`, rule)];
}

/** What the steward should see about one stored normative document; empty when it keeps every rule. */
export function normativeDocumentFindings(doc: NormativeDocument): QualityFinding[] {
  return [...registrationFindings(doc), ...filingFindings(doc), ...effectFindings(doc), ...validityFindings(doc)];
}
