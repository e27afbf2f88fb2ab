import datasetSchema from '../../../schemas/dataset.schema.json' with { type: 'json' };
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { assembleOpenApi, OpenApiFragmentError } from '../../../src/api/openapi/assemble.js';
import { testApiDeps } from '../../support/api-deps.js';

const run = promisify(execFile);
const REDOCLY = resolve('node_modules/@redocly/cli/bin/cli.js');
const CONFIG = resolve('redocly.yaml');
const dir = mkdtempSync(join(tmpdir(), 'tongyuan-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** Redocly's lint of a document, as a child process, offline (no telemetry, no update check). */
async function lint(document: unknown): Promise<{ totals: { errors: number; warnings: number }; problems: LintProblem[] }> {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const outcome = await run(process.execPath, [REDOCLY, 'lint', file, `--config=${CONFIG}`, '--format=json'], { env, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(outcome.stdout) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
}

const describeProblems = (problems: LintProblem[]) => problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');

describe('/openapi.json', () => {
  const app = createApi(testApiDeps());

  it('is an OpenAPI 3.1 document on the public base URL with every route module’s paths', async () => {
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^W\//);
    const document = (await response.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://data.example', description: expect.any(String) }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/datasets', '/v1/datasets/{id}', '/v1/datasets/{id}/releases', '/openapi.json', '/.well-known/jwks.json']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Dataset', 'DatasetPage', 'ReleasePage', 'RecordPage', 'JsonWebKeySet']),
    );
    // What the catalog repeats of a dataset's definition is described by the repository's own schema, not a copy.
    const dataset = document.components.schemas.Dataset as { properties: Record<string, unknown> };
    expect(dataset.properties.theme).toMatchObject({ enum: datasetSchema.properties.theme.enum });
    expect(dataset.properties.updateFrequency).toMatchObject({ enum: datasetSchema.properties.updateFrequency.enum });
  });

  it('lints clean under Redocly’s recommended rules: no errors, no warnings', async () => {
    const document = await (await app.request('/openapi.json')).json();
    const result = await lint(document);
    expect(result.problems, describeProblems(result.problems)).toEqual([]);
    expect(result.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('the lint does find errors, so a clean result means something', async () => {
    const broken = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: {} } } } };
    expect((await lint(broken)).totals.errors).toBeGreaterThan(0);
  }, 60_000);
});

describe('the assembler refuses a fragment that would not lint clean, naming it', () => {
  const ok = { operationId: 'getX', summary: 'X', responses: { '200': { description: 'ok' } } };
  const info = { version: '1', server: 'https://data.example' };
  it.each([
    ['a hono-style path', { '/v1/x/:id': { get: ok } }, /\{name\}/],
    ['no operationId', { '/x': { get: { ...ok, operationId: undefined } } }, /GET \/x: operationId/],
    ['no summary', { '/x': { get: { ...ok, summary: '' } } }, /GET \/x: summary/],
    ['no success response', { '/x': { get: { ...ok, responses: { '404': { description: 'no' } } } } }, /GET \/x: a success/],
    ['an undeclared path parameter', { '/x/{id}': { get: ok } }, /GET \/x\/\{id\}: path parameter "id"/],
    ['an unknown key', { '/x': { fetch: ok } }, /"fetch" is not a method/],
  ])('%s', (_, fragment, message) => {
    expect(() => assembleOpenApi([fragment], info)).toThrow(OpenApiFragmentError);
    expect(() => assembleOpenApi([fragment], info)).toThrow(message);
  });

  it('the same operation twice, or one operationId twice', () => {
    const info2 = { version: '1', server: 'https://data.example' };
    expect(() => assembleOpenApi([{ '/x': { get: ok } }, { '/x': { get: ok } }], info2)).toThrow(/described by two route modules/);
    expect(() => assembleOpenApi([{ '/x': { get: ok } }, { '/y': { get: ok } }], info2)).toThrow(/operationId "getX" is used twice/);
  });
});
