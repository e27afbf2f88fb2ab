import { describe, expect, it } from 'vitest';
import { generateDocumentRows } from '../../../demo/documents/generate.js';
import { generateGazetteIssues, issueDate, sectionOf, totalIssueNumber } from '../../../demo/gazette/generate.js';
import { documentsDepartmentSize } from '../../../demo/other-kinds.js';
import { identityValues } from '../../../src/records/identity.js';
import type { GazetteIssue } from '../../../src/records/gazette-issue.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { demoMapping } from '../../support/mappings.js';

const START = new Date('2025-01-01T00:00:00+08:00');
const AS_OF = '2026-11-20';
const size = documentsDepartmentSize(1000, 20261127);
const documents = generateDocumentRows(size.count, size.seed, START);
const gazette = generateGazetteIssues({ seed: 99, asOf: AS_OF, documents: documents.rows, documentDefects: documents.defective });
const mapping = await demoMapping('demo-gazette');
const type = recordTypeNamed('gazette-issue');
const mapped = gazette.issues.map((issue) => ({ issue, result: type.validate(mapping.map(issue as unknown as Record<string, unknown>)) }));

describe('demo gazette: 《绍兴市人民政府公报》 as its editorial office keeps it', () => {
  it('is the same for the same seed and as-of date', () => {
    expect(generateGazetteIssues({ seed: 99, asOf: AS_OF, documents: documents.rows, documentDefects: documents.defective })).toEqual(gazette);
  });

  it('comes out twice a month, numbered within the year and since the first issue, up to the as-of date', () => {
    expect(issueDate(2025, 1)).toBe('2025-01-15');
    expect(issueDate(2024, 4)).toBe('2024-02-29');
    expect(totalIssueNumber(1997, 1)).toBe(1);
    const regular = gazette.issues.filter((i) => !gazette.conflicting.has(i.id));
    for (const issue of regular) {
      expect(issue.zqh).toBe(totalIssueNumber(issue.gbnf, issue.gbqh));
      if (issue.cbrq) expect(issue.cbrq <= AS_OF && issue.cbrq === issueDate(issue.gbnf, issue.gbqh)).toBe(true);
    }
    expect(regular.at(-1)!.cbrq).toBe('2026-11-15');
    expect(new Set(regular.map((i) => `${i.gbnf}-${i.gbqh}`)).size).toBe(regular.length);
  });

  it('prints every public, valid normative document once, by its real 文号, in its section', () => {
    const printed = gazette.issues.flatMap((i) => i.mulu).filter((e) => e.lanmu !== '人事任免' && e.wenhao !== null);
    const byNumber = new Map(documents.rows.map((d) => [d.wh, d]));
    const expected = documents.rows.filter((d) => !documents.defective.has(d.id) && d.gkfs === '主动公开' && d.fbrq <= '2026-11-12');
    const linked = printed.filter((e) => byNumber.has(e.wenhao!));
    expect(linked.length).toBeGreaterThanOrEqual(expected.length - 1); // one 文号 is planted malformed
    expect(new Set(linked.map((e) => e.wenhao)).size).toBe(linked.length);
    for (const entry of linked) {
      const document = byNumber.get(entry.wenhao!)!;
      expect(entry.biaoti).toBe(document.bt);
      expect(entry.lanmu).toBe(sectionOf(document.wh));
    }
    expect(new Set(printed.map((e) => e.lanmu))).toEqual(new Set(['市政府文件', '市政府办公室文件', '部门文件']));
    // Nothing the document system holds back is printed.
    const withheld = new Set(documents.rows.filter((d) => documents.defective.has(d.id)).map((d) => d.wh));
    expect(printed.filter((e) => withheld.has(e.wenhao!))).toEqual([]);
  });

  it('maps every issue but the planted defects to a valid gazette issue, entries and pages in order', () => {
    for (const { issue, result } of mapped) {
      expect(result.valid, `${issue.id}: ${JSON.stringify(result)}`).toBe(!gazette.defective.has(issue.id));
      if (!result.valid) continue;
      const pages = (result.record as GazetteIssue).entries.map((e) => e.page!);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
    }
  });

  it('quarantines a malformed 文号 in the 目录 and an issue without its publication date, naming the field', () => {
    expect([...gazette.defective.values()].sort()).toEqual(['malformed-entry-number', 'missing-publication-date']);
    const paths = (defect: string) =>
      mapped.filter(({ issue }) => gazette.defective.get(issue.id) === defect).flatMap(({ result }) => (result.valid ? [] : result.errors.map((e) => e.path)));
    expect(paths('missing-publication-date')).toEqual(['/publicationDate']);
    expect(paths('malformed-entry-number')).toEqual([expect.stringMatching(/^\/entries\/\d+\/documentNumber$/)]);
  });

  it('prints one 期号 twice with another 总期号: same record id, conflicting identity', () => {
    expect(gazette.conflicting.size).toBe(1);
    const [copyId, originalId] = [...gazette.conflicting][0]!;
    const record = (id: number) => {
      const result = mapped.find(({ issue }) => issue.id === id)!.result;
      if (!result.valid) throw new Error(`issue ${id} is not valid`);
      return result.record;
    };
    expect(type.idOf(record(copyId))).toBe(type.idOf(record(originalId)));
    const identity = (id: number) => identityValues(record(id) as Record<string, unknown>, type.identity);
    expect(identity(copyId).totalIssueNumber).not.toBe(identity(originalId).totalIssueNumber);
  });
});
