import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPackage } from '../../../../src/publish/files/index.js';
import { columns, dataset, query, writeRelease } from './fixtures.js';

type Field = { name: string; type: string; constraints?: { enum?: string[] }; 'x-field': string; 'x-labels'?: Record<string, string>; categories?: unknown };
type Resource = {
  name: string;
  path: string;
  format: string;
  mediatype: string;
  encoding?: string;
  bytes: number;
  hash: string;
  schema?: { fields: Field[]; primaryKey: string[] };
};

async function packaged() {
  const { dir, files } = await writeRelease();
  const descriptor = dataPackage({
    dataset,
    columns,
    primaryKey: ['decisionNumber'],
    files: files.map((f) => ({ name: f.name, format: f.format, mediaType: f.mediaType, bytes: f.file.bytes, sha256: f.file.sha256 })),
    release: { id: '20250306T020000Z', createdAt: '2025-03-06T02:00:00Z' },
  });
  // What a consumer reads: the descriptor as JSON.
  return { dir, descriptor: JSON.parse(JSON.stringify(descriptor)) as Record<string, unknown> & { resources: Resource[] } };
}

/** The header each file really has, read from the file itself. */
async function headerOf(dir: string, resource: Resource): Promise<string[]> {
  const path = join(dir, resource.path);
  if (resource.format === 'csv') return readFileSync(path, 'utf8').slice(1).split('\r\n')[0]!.split(',');
  if (resource.format === 'jsonl')
    return [
      ...new Set(
        readFileSync(path, 'utf8')
          .trim()
          .split('\n')
          .flatMap((line) => Object.keys(JSON.parse(line))),
      ),
    ];
  if (resource.format === 'parquet') return (await query(`DESCRIBE SELECT * FROM '${path}'`)).map((d) => d.column_name as string);
  return columns.map((c) => c.title); // the XLSX header is checked in xlsx.test.ts
}

describe('datapackage.json', { timeout: 60_000 }, () => {
  it('is a Data Package v2 with the dataset metadata', async () => {
    const { descriptor } = await packaged();
    expect(descriptor).toMatchObject({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'test-decisions',
      title: dataset.title.zh,
      description: dataset.description.zh,
      version: '20250306T020000Z',
      created: '2025-03-06T02:00:00Z',
      keywords: ['行政处罚', '双公示'],
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
      contributors: [
        { title: dataset.publisher, roles: ['publisher'] },
        { title: dataset.contactPoint.name, email: dataset.contactPoint.email, roles: ['contact'] },
      ],
    });
    expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/);
  });

  it('lists every file with its real size and sha256 hash, encoding utf-8-sig for the BOM CSVs', async () => {
    const { dir, descriptor } = await packaged();
    expect(descriptor.resources.map((r) => r.path)).toEqual([
      'test-decisions.csv',
      'test-decisions.en.csv',
      'test-decisions.jsonl',
      'test-decisions.parquet',
      'test-decisions.xlsx',
    ]);
    for (const resource of descriptor.resources) {
      const bytes = readFileSync(join(dir, resource.path));
      expect(resource.bytes).toBe(bytes.length);
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(resource.name).toMatch(/^[a-z0-9._-]+$/);
      expect(resource.mediatype).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    }
    expect(descriptor.resources.map((r) => [r.format, r.encoding])).toEqual([
      ['csv', 'utf-8-sig'],
      ['csv', 'utf-8-sig'],
      ['jsonl', 'utf-8'],
      ['parquet', undefined],
      ['xlsx', undefined],
    ]);
  });

  it("names each field as that file's header and maps every one back to its field id", async () => {
    const { dir, descriptor } = await packaged();
    for (const resource of descriptor.resources) {
      const fields = resource.schema!.fields;
      expect(fields.map((f) => f.name)).toEqual(await headerOf(dir, resource));
      expect(fields.map((f) => f['x-field'])).toEqual(columns.map((c) => c.field));
      const chinese = resource.path.endsWith('.xlsx') || resource.path === 'test-decisions.csv';
      expect(resource.schema!.primaryKey).toEqual([chinese ? '决定书文号' : 'decisionNumber']);
      const partyType = fields.find((f) => f['x-field'] === 'partyType')!;
      expect(partyType['x-labels']).toEqual(columns[1]!.labels);
      expect(partyType.constraints!.enum).toEqual(chinese ? ['法人及非法人组织', '自然人'] : ['legal-person', 'natural-person']);
    }
  });

  it('types the fields per Table Schema, lists in the CSVs and arrays where JSON carries them', async () => {
    const { descriptor } = await packaged();
    const typesOf = (format: string) => descriptor.resources.find((r) => r.format === format)!.schema!.fields.map((f) => f.type);
    expect(typesOf('jsonl')).toEqual(['string', 'string', 'string', 'integer', 'number', 'number', 'boolean', 'date', 'datetime', 'array', 'object']);
    expect(typesOf('csv')).toEqual(['string', 'string', 'string', 'integer', 'number', 'number', 'boolean', 'date', 'datetime', 'list', 'object']);
    const csvBoolean = descriptor.resources[0]!.schema!.fields.find((f) => f['x-field'] === 'serious');
    expect(csvBoolean).toMatchObject({ trueValues: ['是'], falseValues: ['否'] });
    const csvList = descriptor.resources[0]!.schema!.fields.find((f) => f['x-field'] === 'penaltyTypes');
    expect(csvList).toMatchObject({ delimiter: '；', itemType: 'string' });
  });

  it('refuses a primary key that is not a published column', () => {
    expect(() => dataPackage({ dataset, columns, primaryKey: ['recordId'], files: [] })).toThrow(
      'dataset test-decisions: primary key field(s) recordId are not published columns',
    );
  });
});
