import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Row } from '../../../../src/publish/release-columns.js';
import { catalogueWriters, readCatalogue, type CatalogueEntry } from '../../../../src/publish/same-source/index.js';
import { DATASET_DEFAULTS } from '../../../support/dataset-config.js';
import { BUREAU, CITY, documentRow, documents, gazette, gazetteRow } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function publish(dataset: typeof documents, rows: readonly Row[], previous?: readonly CatalogueEntry[]) {
  const writers = catalogueWriters(dir, dataset, { previous });
  for (const row of rows) for (const writer of writers) await writer.write(row);
  const files = await Promise.all(writers.map((writer) => writer.close()));
  const json = await readFile(join(dir, 'catalogue.json'), 'utf8');
  const csvBytes = await readFile(join(dir, 'catalogue.csv'));
  return { writers, files, entries: readCatalogue(json, 'catalogue.json'), json, csvBytes };
}

describe('catalogueWriters', () => {
  it('writes nothing for a dataset of another record type or without a sameSource rule', () => {
    expect(catalogueWriters(dir, { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber'] })).toEqual([]);
    expect(catalogueWriters(dir, { ...documents, sameSource: undefined })).toEqual([]);
  });

  it('refuses a rule on a record type without a catalogue, and a dataset missing a field an entry needs', () => {
    const penalties = {
      ...DATASET_DEFAULTS,
      id: 'penalties',
      recordType: 'enforcement-decision',
      fields: ['decisionNumber'],
      sameSource: documents.sameSource,
    };
    expect(() => catalogueWriters(dir, penalties)).toThrow(/penalties: sameSource is set but enforcement-decision has no 同源发布 catalogue/);
    expect(() => catalogueWriters(dir, { ...documents, fields: ['documentNumber', 'title'] })).toThrow(
      /normative-documents: the 同源发布 catalogue needs the published fields issuingAuthorities, signedDate, validity, disclosure/,
    );
  });

  it('builds each column of a normative document entry from its row', async () => {
    const { entries, writers } = await publish(documents, [
      documentRow(),
      documentRow({
        documentNumber: '绍市监规〔2026〕2号',
        issuingAuthorities: [BUREAU, CITY],
        indexNumber: 'MB1873446/2026-00042',
        validity: 'repealed',
        subjectCategories: [],
        publishedDate: undefined,
        fullTextUrl: undefined,
      }),
      documentRow({ documentNumber: '绍政发〔2025〕9号', signedDate: '2025-12-30', validity: 'amended' }),
      documentRow({ documentNumber: '绍政发〔2026〕3号', validity: 'expired' }),
    ]);
    expect(writers.map((w) => [w.name, w.format, w.mediaType])).toEqual([
      ['catalogue.json', 'catalogue-json', 'application/json'],
      ['catalogue.csv', 'catalogue-csv', 'text/csv; charset=utf-8'],
    ]);
    expect(entries[0]).toEqual({
      recordKey: '绍政发〔2026〕1号',
      indexNumber: '002565221/2026-00001',
      indexNumberSource: 'rule',
      title: '绍兴市人民政府关于印发某某办法的通知',
      documentNumber: '绍政发〔2026〕1号',
      subjectCategory: '综合政务、市场监管',
      publisher: '绍兴市人民政府',
      signedDate: '2026-03-02',
      publishedDate: '2026-03-05',
      disclosure: '主动公开',
      validity: '有效',
      url: 'https://www.sx.gov.cn/doc/1.html',
    });
    // A carried 索引号 is kept; joint issuers are all named, the lead first; no category falls back to the dataset's.
    expect(entries[1]).toMatchObject({
      indexNumber: 'MB1873446/2026-00042',
      indexNumberSource: 'record',
      publisher: '绍兴市市场监督管理局、绍兴市人民政府',
      subjectCategory: '综合政务',
      validity: '废止',
      publishedDate: null,
      url: null,
    });
    // Serials per issuer and year of 成文日期.
    expect(entries.slice(2).map((e) => [e.indexNumber, e.validity])).toEqual([
      ['002565221/2025-00001', '已修改'],
      ['002565221/2026-00002', '失效'],
    ]);
  });

  it('gives a gazette issue its entry from the configured issuer code', async () => {
    const { entries } = await publish(gazette, [
      gazetteRow(),
      gazetteRow({ issueNumber: 4, totalIssueNumber: undefined, publicationDate: '2026-03-01', pdfUrl: undefined }),
    ]);
    expect(entries).toEqual([
      {
        recordKey: '2026-3',
        indexNumber: '002565301/2026-00001',
        indexNumberSource: 'rule',
        title: '绍兴市人民政府公报 2026年第3期（总第412期）',
        documentNumber: null,
        subjectCategory: '政府公报',
        publisher: '绍兴市人民政府办公室',
        signedDate: '2026-02-15',
        publishedDate: '2026-02-15',
        disclosure: '主动公开',
        validity: null,
        url: 'https://www.sx.gov.cn/gazette/2026-3.pdf',
      },
      expect.objectContaining({ recordKey: '2026-4', indexNumber: '002565301/2026-00002', title: '绍兴市人民政府公报 2026年第4期', url: null }),
    ]);
  });

  it('names the issuer when no code is configured or carried', async () => {
    const writers = catalogueWriters(dir, { ...gazette, sameSource: { indexNumber: { pattern: '{issuerCode}-{serial}' } } });
    await expect(writers[0]!.write(gazetteRow())).rejects.toThrow(/gazette-issues, record 2026-3: no code for issuer 绍兴市人民政府办公室/);
    await Promise.all(writers.map((w) => w.close()));
  });

  it('keeps index numbers across releases when seeded with the previous catalogue', async () => {
    const first = await publish(documents, [documentRow(), documentRow({ documentNumber: '绍政发〔2026〕2号' })]);
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'catalogue-'));
    // The next release: a new document signed earlier sorts first, the known ones keep their numbers.
    const next = await publish(
      documents,
      [documentRow({ documentNumber: '绍政发〔2026〕0号', signedDate: '2026-01-05' }), documentRow(), documentRow({ documentNumber: '绍政发〔2026〕2号' })],
      first.entries,
    );
    expect(next.entries.map((e) => [e.recordKey, e.indexNumber])).toEqual([
      ['绍政发〔2026〕0号', '002565221/2026-00003'],
      ['绍政发〔2026〕1号', '002565221/2026-00001'],
      ['绍政发〔2026〕2号', '002565221/2026-00002'],
    ]);
  });

  it('writes one JSON array and a BOM CSV with Chinese headers carrying the same entries, with size and SHA-256', async () => {
    const rows = [
      documentRow(),
      documentRow({ documentNumber: '绍政发〔2026〕2号', title: '关于"放管服"改革, 的通知', subjectCategories: ['=HYPERLINK("x")'] }),
    ];
    const { entries, json, csvBytes, files } = await publish(documents, rows);
    expect(JSON.parse(json)).toHaveLength(2);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse<Record<string, string>>(csvBytes.subarray(3).toString('utf8'), { columns: true });
    expect(Object.keys(records[0]!)).toEqual([
      '索引号',
      '名称',
      '文号',
      '主题分类',
      '发布机构',
      '成文日期',
      '发布日期',
      '公开方式',
      '有效性',
      '链接',
      '记录标识',
      '索引号来源',
    ]);
    expect(records.map((r) => [r.索引号, r.名称, r.有效性, r.公开方式])).toEqual(entries.map((e) => [e.indexNumber, e.title, e.validity, e.disclosure]));
    // A cell a spreadsheet would evaluate is neutralised.
    expect(records[1]!.主题分类).toBe(`'=HYPERLINK("x")`);
    for (const file of files) {
      const bytes = await readFile(file.path);
      expect(file).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });

  it('writes an empty catalogue as [] and a header-only CSV', async () => {
    const { json, csvBytes } = await publish(documents, []);
    expect(JSON.parse(json)).toEqual([]);
    expect(csvBytes.toString('utf8')).toBe('\uFEFF索引号,名称,文号,主题分类,发布机构,成文日期,发布日期,公开方式,有效性,链接,记录标识,索引号来源\r\n');
  });

  it('refuses a previous catalogue that is not one', () => {
    expect(() => readCatalogue('{"a":1}', 'prev/catalogue.json')).toThrow(/prev\/catalogue.json: not a catalogue/);
    expect(() => readCatalogue('[{"title":"x"}]', 'prev/catalogue.json')).toThrow(/entry 0 has no recordKey/);
  });
});
