import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/catalog-errors.js';
import { resolveSecretReferences, type SecretProviders } from '../../../src/config/secret-refs.js';
import { checkSourceDocument } from '../../../src/config/source-validation.js';

const common = {
  id: 'front-db',
  title: '前置库',
  department: '发改委',
  recordType: 'credit-record',
  mapping: { version: 1, fields: { recordNumber: { from: 'xybm' } } },
};
const sql = {
  ...common,
  kind: 'sql',
  connection: {
    engine: 'postgres',
    host: 'db',
    database: 'credit',
    user: 'reader',
    password: '${env:PGPASS}',
    table: 'public.credit',
    cursorColumn: 'updated_at',
  },
};

describe('source configuration: a union by kind, each with its own connection', () => {
  it('accepts one source of each kind', async () => {
    const http = {
      ...common,
      kind: 'http-json',
      connection: { baseUrl: '${env:URL}', path: '/x', pagination: { kind: 'link' }, auth: { kind: 'bearer', token: '${secret:api#token}' } },
    };
    const drop = { ...common, kind: 'file-drop', deletions: { detect: 'snapshot' }, connection: { format: { kind: 'csv', encoding: 'gbk' } } };
    for (const doc of [sql, http, drop]) expect((await checkSourceDocument(doc)).problems).toEqual([]);
  });

  it('names an unknown kind and lists the known ones', async () => {
    expect((await checkSourceDocument({ ...sql, kind: 'ftp' })).problems).toEqual(['/kind: must be one of "http-json", "sql", "file-drop"; got "ftp"']);
  });

  it("speaks only of the chosen kind's connection, not of the other kinds'", async () => {
    const { problems } = await checkSourceDocument({ ...sql, connection: { ...sql.connection, table: undefined, baseUrl: 'http://x' } });
    expect(problems).toEqual(['/connection: missing required property "table"', '/connection: unknown property "baseUrl"']);
  });

  it('refuses a secret written as a value', async () => {
    const { problems } = await checkSourceDocument({ ...sql, connection: { ...sql.connection, password: 'hunter2' } });
    expect(problems).toEqual(['/connection/password: must be a reference such as ${env:NAME}, ${ssm:/path} or ${secret:name}, never the secret itself']);
  });

  it("names the allowed variants of a nested union (pagination) and the chosen variant's own errors", async () => {
    const http = (pagination: unknown) => ({ ...common, kind: 'http-json', connection: { baseUrl: 'http://x', path: '/p', pagination } });
    expect((await checkSourceDocument(http({ kind: 'pages' }))).problems).toEqual([
      '/connection/pagination/kind: must be one of "cursor", "page", "offset", "link"',
    ]);
    expect((await checkSourceDocument(http({ kind: 'page', pageSize: 0 }))).problems).toEqual(['/connection/pagination/pageSize: must be >= 1']);
  });

  it('refuses SQL identifiers that are not plain names, and an impossible window', async () => {
    expect((await checkSourceDocument({ ...sql, primaryKey: 'id; drop table x' })).problems).toEqual([
      "/primaryKey: a SQL source's primary key must be a plain column name",
    ]);
    expect((await checkSourceDocument({ ...sql, extractionWindow: { start: '25:00', end: '06:00' } })).problems).toEqual([
      '/extractionWindow/start: must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"',
    ]);
  });

  it('names the deletion policies when one is misspelt', async () => {
    expect((await checkSourceDocument({ ...sql, deletions: { detect: 'snapshots' } })).problems).toEqual([
      '/deletions/detect: must be one of "none", "snapshot", "flag"',
    ]);
  });
});

describe('secret references', () => {
  const providers: SecretProviders = {
    env: async (name) => ({ PGPASS: 'from-env' })[name],
    ssm: async (path) => ({ '/tongyuan/db': 'from-ssm' })[path],
    secret: async (name) => ({ api: '{"token":"from-secret"}', plain: 'p' })[name],
  };

  it('resolves env, ssm and secret references, and one field of a JSON secret', async () => {
    expect(await resolveSecretReferences('${env:PGPASS}|${ssm:/tongyuan/db}|${secret:api#token}|${secret:plain}', 'source s', providers)).toBe(
      'from-env|from-ssm|from-secret|p',
    );
  });

  it('names the source and the missing reference', async () => {
    await expect(resolveSecretReferences('${ssm:/missing}', 'source s /connection/password', providers)).rejects.toThrow(
      new ConfigError('source s /connection/password: ssm "/missing" is referenced but not set'),
    );
    await expect(resolveSecretReferences('${secret:api#nope}', 'source s', providers)).rejects.toThrow('source s: secret "api" has no text field "nope"');
  });
});

describe("a source's field map and precedence", () => {
  it('checks a field map where the schema cannot: option combinations and patterns, each named by its target field', async () => {
    const withFields = (fields: unknown) => ({ ...sql, mapping: { version: 1, fields } });
    expect((await checkSourceDocument(withFields({ a: { from: 'x', as: 'nonsense' } }))).problems).toContainEqual(
      expect.stringMatching(/^\/mapping\/fields\/a\/as: must be one of "text"/),
    );
    expect((await checkSourceDocument(withFields({ a: { from: 'x', each: 'name' } }))).problems).toEqual([
      '/mapping: a: "each" needs as: list (or raw, for a JSON array)',
    ]);
    expect((await checkSourceDocument(withFields({ a: { from: 'x', match: '(unclosed' } }))).problems).toEqual([
      expect.stringMatching(/^\/mapping: a: "match" is not a regular expression/),
    ]);
    expect((await checkSourceDocument(withFields({ a: { from: 'x', as: 'list', each: { b: { from: 'y', find: '[' } } } }))).problems).toEqual([
      expect.stringMatching(/^\/mapping: a\[\]\.b: "find" is not a regular expression/),
    ]);
    expect((await checkSourceDocument(withFields({ a: { from: 'x', match: '^(.+)$' } }))).problems).toEqual([
      '/mapping: a: "match" needs named groups, (?<name>…), to become an object',
    ]);
    expect((await checkSourceDocument({ ...sql, mapping: 'demo-credit' })).problems).toEqual(['/mapping: must be object']);
  });

  it("takes a rank, and per-field ranks, as the source's precedence", async () => {
    expect((await checkSourceDocument({ ...sql, precedence: { rank: 2, fields: { repairStatus: 1 } } })).problems).toEqual([]);
    expect((await checkSourceDocument({ ...sql, precedence: 2 })).problems).toEqual(['/precedence: must be object']);
  });
});
