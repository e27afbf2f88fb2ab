import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Composition } from '../../../src/app/composition.js';
import type { PutObjectOptions } from '../../../src/ports/index.js';
import { failuresSummary, syncSources } from '../../../src/ingest/sync-sources.js';
import { logger } from '../../../src/util/logger.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const BEARER = `bearer-${uniqueSuffix()}-SECRET`;
const QUERY_TOKEN = `query-${uniqueSuffix()}-SECRET`;

/** A careless upstream: every error body repeats the request's Authorization header and its access_token, and a long trace. */
function startEchoingApi(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const echo = `authorization was "${req.headers.authorization ?? ''}", access_token was ${url.searchParams.get('access_token') ?? ''}, url ${req.url ?? ''}`;
    if (url.pathname === '/fails') return void res.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error; ${echo}\n${'at frame\n'.repeat(600)}`);
    if (url.pathname === '/denied') return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'denied', echo }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [{ id: 1, name: '回显' }] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const sourceFile = (id: string, path: string) =>
  [
    `id: ${id}`,
    'title: 回显测试',
    'department: 测试局',
    'kind: http-json',
    'recordType: enforcement-decision',
    'connection:',
    '  baseUrl: ${env:ECHO_API_URL}',
    `  path: ${path}`,
    `  query: { access_token: ${QUERY_TOKEN} }`,
    '  maxAttempts: 2',
    '  auth: { kind: bearer, token: "${env:ECHO_TOKEN}" }',
    '  pagination: { kind: page, itemsField: items }',
    'mapping: { version: 1, fields: { caseName: { from: name } } }',
    '',
  ].join('\n');

describe('an upstream that echoes credentials into its errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-echo-'));
  const suffix = uniqueSuffix();
  let api: Server;
  let app: Composition;

  beforeAll(async () => {
    const shared = await useSharedAws();
    api = await startEchoingApi();
    writeFileSync(join(dir, 'fails.yaml'), sourceFile(`echo-fails-${suffix}`, '/fails'));
    writeFileSync(join(dir, 'denied.yaml'), sourceFile(`echo-denied-${suffix}`, '/denied'));
    writeFileSync(join(dir, 'ok.yaml'), sourceFile(`echo-ok-${suffix}`, '/ok'));
    app = shared.compose({ ECHO_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, ECHO_TOKEN: BEARER, TONGYUAN_SOURCES_DIR: dir });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await new Promise((resolve) => api.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('never repeats the bearer token or the access_token in the log, the errors or what is stored', async () => {
    const written: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    }
    const catalog = await app.catalog();
    const raw = app.rawBucket();
    const stored: string[] = [];
    const recordingRaw = Object.assign(Object.create(raw) as typeof raw, {
      put: async (key: string, body: Uint8Array | string, options?: PutObjectOptions) => {
        stored.push(JSON.stringify({ key, options }));
        await raw.put(key, body, options);
      },
    });
    const deps = { ...app.ingestDeps(), raw: recordingRaw, normalizeQueue: { send: async (bodies: readonly string[]) => void stored.push(...bodies) } };
    // As the ingest function reports: each failure logged, and the summary.
    const outcome = await syncSources(
      catalog.sources,
      deps,
      { maxPages: 5 },
      {
        failed: (source, error) => logger.error('source sync failed', { sourceId: source.id, error }),
      },
    );
    logger.error(failuresSummary(outcome));
    vi.restoreAllMocks();

    expect(outcome.results.map((r) => r.sourceId)).toEqual([`echo-ok-${suffix}`]);
    const errors = outcome.failures.map((f) => f.error);
    expect(errors).toHaveLength(2);
    const log = written.join('');
    // The log and the errors say what happened ...
    expect(log).toContain(`echo-fails-${suffix}`);
    expect(errors.find((e) => e.includes('/fails'))).toMatch(/answered HTTP 500 after 2 attempt\(s\): internal error; authorization was "\*\*\*"/);
    expect(errors.find((e) => e.includes('/fails'))).toContain('[truncated:');
    expect(errors.find((e) => e.includes('/denied'))).toContain('answered HTTP 401');
    expect(errors.join('\n')).toContain('access_token=***');
    expect(stored.length).toBeGreaterThan(0);
    // ... and no secret appears in any of them, whole or in part.
    for (const text of [log, ...errors, ...stored]) {
      for (const secret of [BEARER, QUERY_TOKEN]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(0, -'-SECRET'.length));
      }
    }
  });
});
