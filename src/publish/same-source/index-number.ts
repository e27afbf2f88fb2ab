/**
 * 索引号 (the index number of a 政府信息公开 catalogue entry), built by the dataset's rule.
 *
 * Zhejiang's government information disclosure platform (浙江省政府门户网站 and the city and
 * county sites built on it, e.g. 绍兴 sx.gov.cn) shows 索引号 as 机构代码/年份-流水号:
 * the publishing body's 9-character organisation code (characters 9–17 of its 统一社会信用代码,
 * e.g. 11330000002482410X → 002482410), the year, and a serial per body and year
 * (`{issuerCode}/{year}-{serial:5}` → 002482410/2026-00001). Other provinces and older sites
 * use other forms (宁波's was 地区编号-部门编号-类别号-分组号-日期-顺序号), hence a configured
 * pattern rather than a fixed one.
 */
import type { IndexNumberRule } from '../../generated/dataset.types.js';

const PLACEHOLDER = /\{(issuerCode|year|serial)(?::([1-9]))?\}/g;

export interface IndexNumberParts {
  readonly issuerCode: string;
  readonly year: number;
}

/** The 9-character organisation code inside a unified social credit code (positions 9–17). */
export function organisationCodeOf(uscc: string): string | undefined {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(uscc) ? uscc.slice(8, 17) : undefined;
}

/** A pattern checked once: every placeholder known, exactly one serial. */
export class IndexNumberPattern {
  private readonly serialWidth: number;
  private readonly parser: RegExp;

  constructor(
    readonly pattern: string,
    owner: string,
  ) {
    const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[0]).filter((p) => !/^\{(issuerCode|year|serial(:[1-9])?)\}$/.test(p));
    const serials = [...pattern.matchAll(/\{serial(?::[1-9])?\}/g)];
    if (unknown.length > 0) throw new Error(`${owner}: index number pattern "${pattern}" has unknown placeholders ${unknown.join(', ')}`);
    if (serials.length !== 1) throw new Error(`${owner}: index number pattern "${pattern}" needs exactly one {serial} or {serial:N}`);
    this.serialWidth = Number(/\{serial:([1-9])\}/.exec(pattern)?.[1] ?? 1);
    // The same pattern read backwards, so index numbers a record already carries reserve their serial.
    const escaped = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    this.parser = new RegExp(
      `^${escaped.replace(/\\?\{(issuerCode|year|serial)(?::[1-9])?\\?\}/g, (_m, name: string) => (name === 'issuerCode' ? '(?<issuerCode>.+?)' : name === 'year' ? '(?<year>\\d{4})' : '(?<serial>\\d+)'))}$`,
    );
  }

  format(parts: IndexNumberParts, serial: number): string {
    return this.pattern.replace(PLACEHOLDER, (_m, name: string) =>
      name === 'issuerCode' ? parts.issuerCode : name === 'year' ? String(parts.year) : String(serial).padStart(this.serialWidth, '0'),
    );
  }

  /** The parts of an index number in this form, or undefined for one in another form. */
  parse(indexNumber: string): (IndexNumberParts & { readonly serial: number }) | undefined {
    const groups = this.parser.exec(indexNumber)?.groups;
    if (!groups?.serial) return undefined;
    return { issuerCode: groups.issuerCode ?? '', year: Number(groups.year ?? 0), serial: Number(groups.serial) };
  }
}

/** An index number already given to a record (by the previous release, or carried by the record). */
export interface AssignedIndexNumber {
  readonly recordKey: string;
  readonly indexNumber: string;
}

/**
 * Hands out index numbers: serials count up per issuer and year, the same record always gets
 * the same number, and numbers of earlier releases are kept (seed with the previous catalogue),
 * so a record's 索引号 never changes between releases. Two records never share one.
 */
export class IndexNumberAllocator {
  private readonly pattern: IndexNumberPattern;
  private readonly byRecord = new Map<string, string>();
  private readonly byNumber = new Map<string, string>();
  private readonly lastSerial = new Map<string, number>();

  constructor(rule: IndexNumberRule, owner: string, previous: Iterable<AssignedIndexNumber> = []) {
    this.pattern = new IndexNumberPattern(rule.pattern, `${owner}: sameSource.indexNumber`);
    for (const assigned of previous) this.claim(assigned.recordKey, assigned.indexNumber);
  }

  /** A number the record carries (or had): kept, and its serial reserved; refused when another record has it. */
  claim(recordKey: string, indexNumber: string): string {
    const holder = this.byNumber.get(indexNumber);
    if (holder !== undefined && holder !== recordKey) throw new Error(`index number ${indexNumber} of ${recordKey} is already that of ${holder}`);
    this.byRecord.set(recordKey, indexNumber);
    this.byNumber.set(indexNumber, recordKey);
    const parsed = this.pattern.parse(indexNumber);
    if (parsed) {
      const scope = `${parsed.issuerCode}|${parsed.year}`;
      this.lastSerial.set(scope, Math.max(this.lastSerial.get(scope) ?? 0, parsed.serial));
    }
    return indexNumber;
  }

  /** The record's number: the one it already has, or the next serial of its issuer and year. */
  assign(recordKey: string, parts: IndexNumberParts): string {
    const known = this.byRecord.get(recordKey);
    if (known !== undefined) return known;
    const scope = `${parts.issuerCode}|${parts.year}`;
    let serial = this.lastSerial.get(scope) ?? 0;
    let candidate: string;
    do candidate = this.pattern.format(parts, ++serial);
    while (this.byNumber.has(candidate));
    this.lastSerial.set(scope, serial);
    return this.claim(recordKey, candidate);
  }
}
