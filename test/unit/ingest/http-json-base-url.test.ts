import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { ConfigError } from '../../../src/config/catalog-errors.js';
import { httpJsonConnector } from '../../../src/ingest/connectors/http-json.js';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';

type HttpSource = Extract<SourceConfig, { kind: 'http-json' }>;
const source = (baseUrl: string): HttpSource => ({
  id: 'permits-api',
  title: 'API',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl, path: '/items', pagination: { kind: 'page' } },
});

async function firstPageError(baseUrl: string, env: Record<string, string>): Promise<Error> {
  const connector = httpJsonConnector({ env, fetch: async () => new Response('[]') });
  const pages = connector.pages(source(baseUrl), null, { full: false, startedAt: new Date(0) })[Symbol.asyncIterator]();
  return pages.next().then(
    () => {
      throw new Error('expected the first page to fail');
    },
    (error: unknown) => error as Error,
  );
}

describe('an http-json base URL that does not parse at run time', () => {
  it('names the source and field, and says that baseUrl does not resolve ${ssm:…}', async () => {
    const error = await firstPageError('${ssm:/tongyuan/permits/url}', {});
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'source permits-api /connection/baseUrl: "${ssm:/tongyuan/permits/url}" with path "/items" is not a URL (baseUrl resolves only ${env:…} references)',
    );
  });

  it('names the source and field when a set variable holds no URL', async () => {
    const error = await firstPageError('${env:PERMITS_URL}', { PERMITS_URL: 'permits.example' });
    expect(error.message).toBe('source permits-api /connection/baseUrl: "permits.example" with path "/items" is not a URL');
  });
});
