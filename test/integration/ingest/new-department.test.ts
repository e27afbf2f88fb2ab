import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/config/catalog-context.js';
import type { Composition } from '../../../src/app/composition.js';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { inboxPrefix } from '../../../src/ingest/files/inbox.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { normalizeBatch } from '../../../src/normalize/normalize-batch.js';
import { parseNormalizeMessage } from '../../../src/normalize/request.js';
import { useSharedAws } from '../../support/aws.js';
import { repoRoot, startCli } from '../../support/cli.js';

/**
 * Two departments that exist only as files: test/fixtures/new-department/sources holds
 * their source files (connection, schedule, precedence, field map) and nothing of
 * them is in the code. They sync through the emulators: ingest → normalize → SSOT.
 */
const fixture = join(repoRoot, 'test/fixtures/new-department');
const penalties = readFileSync(join(fixture, 'api/penalties.json'), 'utf8');

/** The composition on the shared emulators, configured with the fixture's sources folder and the bureau API's address. */
let app: Composition;

/** The bureau's API: pages by ?p=&n= under its own field names, as the fixture's source file says. */
function startBureauApi(): Promise<Server> {
  const items = JSON.parse(penalties) as unknown[];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/open/penalties') return void res.writeHead(404).end();
    const page = Number(url.searchParams.get('p') ?? 1);
    const size = Number(url.searchParams.get('n') ?? 10);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: items.slice((page - 1) * size, page * size), total: items.length }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Ingests one source, then normalizes every batch it sent, as the normalize function would. */
async function syncThrough(sources: Catalog, sourceId: string): Promise<void> {
  const messages: string[] = [];
  const deps = { ...app.ingestDeps(), normalizeQueue: { send: async (bodies: readonly string[]) => void messages.push(...bodies) } };
  await syncSource(sources.source(sourceId), deps);
  expect(messages.length).toBeGreaterThan(0);
  for (const body of messages) {
    const request = parseNormalizeMessage(body);
    if (request.kind !== 'raw-batch') throw new Error(`unexpected ${request.kind} message`);
    await normalizeBatch(request, app.normalizeDeps(sources));
  }
}

/** The SSOT record a source row landed in, if it did. */
async function landed(sourceId: string, sourceKey: string): Promise<Readonly<Record<string, unknown>> | undefined> {
  const [name] = await app.recordStore().findBySourceKey(sourceId, sourceKey);
  return name && (await app.recordStore().read(name.recordType, name.recordId))?.record;
}

describe('a new department, added as files under sources/ only', () => {
  let api: Server;
  let sources: Catalog;

  beforeAll(async () => {
    const shared = await useSharedAws();
    api = await startBureauApi();
    app = shared.compose({ NEWDEPT_ECO_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, TONGYUAN_SOURCES_DIR: join(fixture, 'sources') });
    sources = await app.catalog();
  });
  afterAll(async () => {
    await new Promise((resolve) => api.close(resolve));
  });

  it('loads both sources, with their field maps, from the folder', () => {
    expect(sources.sources.map((s) => [s.id, s.kind, s.recordType])).toEqual([
      ['eco-penalties', 'http-json', 'enforcement-decision'],
      ['hrss-honours', 'file-drop', 'credit-record'],
    ]);
  });

  it('passes `tongyuan sources check`, which refuses a target field the record type does not have', async () => {
    const files = ['eco-penalties.yaml', 'hrss-honours.yaml'].map((name) => join(fixture, 'sources', name));
    // Its base URL is a variable: `sources check` resolves it, so it must be set, as where the source runs.
    const run = startCli(['sources', 'check', ...files], { NEWDEPT_ECO_API_URL: 'http://127.0.0.1:9' });
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout()).toContain('eco-penalties\thttp-json → enforcement-decision');
    expect(run.stdout()).toContain('hrss-honours\tfile-drop → credit-record');
    const misspelt = join(mkdtempSync(join(tmpdir(), 'tongyuan-dept-')), 'misspelt.yaml');
    writeFileSync(misspelt, readFileSync(files[1]!, 'utf8').replace('    subjectName: {', '    subjectNmae: {'));
    const refused = startCli(['sources', 'check', misspelt], {});
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain('/mapping/fields/subjectNmae: credit-record has no field "subjectNmae"');
  });

  it('syncs the http-json API under its own field names into the SSOT; a defective row is quarantined naming its source field', async () => {
    await syncThrough(sources, 'eco-penalties');
    const first = await landed('eco-penalties', 'EB-2025-0007');
    expect(first).toMatchObject({
      decisionNumber: '绍环罚〔2025〕7号',
      partyType: 'legal-person',
      partyName: '绍兴柯桥恒盛纺织有限公司',
      creditCode: '91330100799655058B',
      penaltyTypes: ['罚款', '责令停产停业'],
      fineYuan: 52_000,
      decisionDate: '2025-04-02',
      authority: '绍兴市生态环境局',
      district: '绍兴市本级',
      status: 'in-force',
      sourceUpdatedAt: '2025-04-03T09:30:00+08:00',
    });
    expect(await landed('eco-penalties', 'EB-2025-0013')).toMatchObject({ status: 'changed', fineYuan: 20_000 });
    expect(await landed('eco-penalties', 'EB-2025-0011')).toBeUndefined();
    const [defect] = await app.quarantineStore().list('eco-penalties');
    expect(defect).toMatchObject({ sourceKey: 'EB-2025-0011', mapping: 'eco-penalties@1' });
    expect(defect!.errors).toContainEqual(expect.objectContaining({ path: '/creditCode', sourceField: 'party.uscc' }));
  });

  it('syncs the GBK CSV drop under its own headers into the SSOT; a defective row is quarantined naming its header', async () => {
    const raw = new S3ObjectStore(app.clients.s3, app.config.resources.bucket('raw'));
    await raw.put(`${inboxPrefix('hrss-honours')}honours-2025.csv`, readFileSync(join(fixture, 'inbox/honours-2025.csv')));
    await syncThrough(sources, 'hrss-honours');
    expect(await landed('hrss-honours', 'RS-2025-001')).toMatchObject({ subjectCode: '91330100799655058B', publicityStartDate: '2025-03-01' });
    expect(await landed('hrss-honours', 'RS-2025-003')).toBeUndefined();
    expect(await landed('hrss-honours', 'RS-2025-002')).toMatchObject({
      recordNumber: 'RS-2025-002',
      subjectType: 'legal-person',
      subjectName: '绍兴越城宏达建材有限公司',
      category: 'commendation',
      publicityStartDate: '2025-03-15',
      repairStatus: 'not-applicable',
    });
    const [defect] = await app.quarantineStore().list('hrss-honours');
    expect(defect).toMatchObject({ sourceKey: 'RS-2025-003', mapping: 'hrss-honours@1' });
    expect(defect!.errors).toContainEqual(expect.objectContaining({ path: '/publicityStartDate', sourceField: '公示日期' }));
  });
});
