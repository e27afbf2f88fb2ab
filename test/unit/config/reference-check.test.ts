import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { describeReferenceProblem, referenceProblems } from '../../../src/config/reference-check.js';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';

type HttpSource = Extract<SourceConfig, { kind: 'http-json' }>;
type SqlSource = Extract<SourceConfig, { kind: 'sql' }>;

const api = (connection: Partial<HttpSource['connection']>): HttpSource => ({
  id: 'permits-api',
  title: 'API',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl: '${env:PERMITS_URL}', path: '/items', pagination: { kind: 'page' }, ...connection },
});

const db = (connection: Partial<SqlSource['connection']>): SqlSource => ({
  id: 'front-db',
  title: 'DB',
  department: 'd',
  kind: 'sql',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { engine: 'postgres', host: '${env:DB_HOST}', database: 'front', user: 'etl', table: 'decisions', cursorColumn: 'updated_at', ...connection },
});

const env = { PERMITS_URL: 'https://permits.example', DB_HOST: 'db.internal', API_TOKEN: 't' };
const lines = (source: SourceConfig, given: Record<string, string | undefined> = env) => referenceProblems(source, given).map(describeReferenceProblem);

describe('sources check: the references in a source', () => {
  it('finds nothing wrong when every ${env:…} is set and secrets sit in credential fields', () => {
    expect(lines(api({ auth: { kind: 'bearer', token: '${ssm:/tongyuan/permits/token}' } }))).toEqual([]);
    expect(lines(api({ auth: { kind: 'header', header: 'X-Api-Key', value: '${secret:tongyuan/permits-api#key}' } }))).toEqual([]);
    expect(lines(db({ password: '${ssm:/tongyuan/credit/db-password}' }))).toEqual([]);
    expect(lines(db({ password: '${env:API_TOKEN}' }))).toEqual([]);
  });

  it('reports an unset ${env:…} with the source, the field and the variable, in Chinese and English', () => {
    expect(referenceProblems(api({}), {})).toEqual([
      { sourceId: 'permits-api', path: '/connection/baseUrl', zh: '环境变量 PERMITS_URL 未设置', en: 'environment variable PERMITS_URL is not set' },
    ]);
    expect(lines(db({}), { DB_HOST: '' })).toEqual(['/connection/host: 环境变量 DB_HOST 未设置 / environment variable DB_HOST is not set']);
  });

  it('refuses ${ssm:…} in baseUrl, which cannot hold a secret and resolves only ${env:…}', () => {
    const [problem, ...rest] = lines(api({ baseUrl: '${ssm:/tongyuan/permits/url}' }));
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^\/connection\/baseUrl: \$\{ssm:\/tongyuan\/permits\/url\}：此字段不是密钥字段.* \/ \$\{ssm:\/tongyuan\/permits\/url\}: this field cannot hold a secret/,
    );
  });

  it('refuses a reference in a field no connector resolves (a table name, a path, a query parameter)', () => {
    expect(lines(db({ table: '${env:DB_HOST}' }))).toEqual([
      '/connection/table: 此字段不解析 ${…} 引用，会被原样使用；引用只能写在地址或凭据字段 / this field does not resolve ${…} references and would use the text as written; references belong in address or credential fields',
    ]);
    expect(lines(api({ path: '/x/${secret:p}' })).map((l) => l.split(':')[0])).toEqual(['/connection/path']);
    expect(lines(api({ query: { api_key: '${ssm:/k}' } })).map((l) => l.split(':')[0])).toEqual(['/connection/query/api_key']);
  });

  it('refuses malformed references: an unknown store, no closing brace, a name of the wrong form', () => {
    expect(lines(api({ auth: { kind: 'bearer', token: '${vault:permits}' } }))).toEqual([
      '/connection/auth/token: ${vault:permits} 不是有效引用，应为 ${env:名称}、${ssm:/参数/路径} 或 ${secret:名称#字段} / ${vault:permits} is not a reference: write ${env:NAME}, ${ssm:/parameter/path} or ${secret:name#field}',
    ]);
    expect(lines(db({ password: '${ssm:/tongyuan/pw' }))[0]).toContain('${ssm:/tongyuan/pw is not a reference');
    expect(lines(db({ password: '${env:1BAD}' }))[0]).toContain('${env:1BAD} has an invalid name: an environment variable name is letters');
    expect(lines(db({ password: '${ssm:/a b}' }))[0]).toContain('${ssm:/a b} has an invalid name: an SSM parameter name');
  });

  it('reports a base URL that its set variables make into something that is not a URL', () => {
    expect(lines(api({}), { PERMITS_URL: 'permits.example' })).toEqual([
      '/connection/baseUrl: 解析后的地址 "permits.example" 不是有效 URL / resolves to "permits.example", which is not a URL',
    ]);
  });
});
