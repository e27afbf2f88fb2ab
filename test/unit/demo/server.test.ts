import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePenalties, type DemoPenalty } from '../../../demo/enforcement/generate.js';
import { generateLicenses, type DemoLicense } from '../../../demo/enforcement/licenses.js';
import { decodeCursor, encodeCursor, startDemoEnforcementApi, type DemoEnforcementApi } from '../../../demo/enforcement/server.js';

interface PenaltyPage {
  data: DemoPenalty[];
  next_cursor: string | null;
  has_more: boolean;
}

const { records } = generatePenalties({ count: 1000, seed: 20261127 });
const licenses = generateLicenses({ count: 300, seed: 20261127 });

async function getPage(api: DemoEnforcementApi, query: string, path = '/api/v1/penalties'): Promise<PenaltyPage> {
  const response = await fetch(`${api.url}${path}${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PenaltyPage;
}

/** Pages from a cursor to the end, as an incremental pull does. */
async function pullFrom(
  api: DemoEnforcementApi,
  cursor: string | null,
  limit: number,
): Promise<{ items: DemoPenalty[]; cursor: string | null; pages: number }> {
  const items: DemoPenalty[] = [];
  let pages = 0;
  for (;;) {
    const page = await getPage(api, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages += 1;
    items.push(...page.data);
    cursor = page.next_cursor;
    if (!page.has_more) return { items, cursor, pages };
  }
}

describe('demo enforcement API', () => {
  let api: DemoEnforcementApi;
  beforeAll(async () => {
    api = await startDemoEnforcementApi({ port: 0, records, licenses });
  });
  afterAll(async () => {
    await api.close();
  });

  it('listens on a free loopback port and answers health checks', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${api.url}/health`);
    expect(await response.json()).toEqual({ status: 'ok', records: 1000, licenses: 300 });
  });

  it('pages through every record exactly once across tied update times, then picks up only an edited record', async () => {
    const first = await pullFrom(api, null, 37);
    expect(first.pages).toBe(Math.ceil(1000 / 37));
    expect(first.items).toHaveLength(1000);
    expect(new Set(first.items.map((item) => item.id)).size).toBe(1000);
    const keys = first.items.map((item) => [item.update_time, Number(item.id)] as const);
    const ascending = keys.every(([time, id], index) => {
      const previous = keys[index - 1];
      return !previous || previous[0] < time || (previous[0] === time && previous[1] < id);
    });
    expect(ascending).toBe(true);
    expect(first.cursor).not.toBeNull();
    // The seed puts some page boundaries inside a group of records sharing one second.
    const boundariesInTies = keys.filter((key, index) => index > 0 && index % 37 === 0 && keys[index - 1]![0] === key[0]);
    expect(boundariesInTies.length).toBeGreaterThan(0);

    // Nothing changed: the stored cursor yields nothing and is echoed back.
    const idle = await getPage(api, `?limit=37&cursor=${first.cursor!}`);
    expect(idle).toEqual({ data: [], next_cursor: first.cursor, has_more: false });

    const edited = { ...records[500]!, cf_zt: '1' as const };
    const stored = api.upsert(edited);
    expect(stored.update_time > records[records.length - 1]!.update_time).toBe(true);

    const second = await pullFrom(api, first.cursor, 37);
    expect(second.items).toEqual([stored]);
    expect(second.items[0]?.cf_zt).toBe('1');
    expect(api.snapshot()).toHaveLength(1000);
  });

  it('serves the licences at /api/v1/licenses with the same cursor pagination, apart from the penalties', async () => {
    const items: DemoLicense[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = (await getPage(api, `?limit=37${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, '/api/v1/licenses')) as unknown as {
        data: DemoLicense[];
        next_cursor: string | null;
        has_more: boolean;
      };
      pages += 1;
      items.push(...page.data);
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    expect(pages).toBe(Math.ceil(300 / 37));
    expect(items).toEqual(api.licenseSnapshot());
    expect(items.map((item) => item.id)).toEqual(licenses.map((licence) => licence.id));
    expect(items[0]).toHaveProperty('xk_wsh');
    const idle = await getPage(api, `?cursor=${cursor!}`, '/api/v1/licenses');
    expect(idle).toEqual({ data: [], next_cursor: cursor, has_more: false });
    const bad = await fetch(`${api.url}/api/v1/licenses?limit=0`);
    expect(bad.status).toBe(400);
  });

  it('appends a new record through upsert', async () => {
    const before = api.snapshot();
    const lastCursor = encodeCursor({ updateTime: before.at(-1)!.update_time, id: before.at(-1)!.id });
    const added = api.upsert({ ...records[0]!, id: '999999', cf_wsh: '绍市监罚〔2025〕9999号' });
    const page = await getPage(api, `?cursor=${lastCursor}`);
    expect(page.data.map((item) => item.id)).toEqual([added.id]);
    expect(page.has_more).toBe(false);
    expect(decodeCursor(page.next_cursor!)).toEqual({ updateTime: added.update_time, id: '999999' });
  });

  it('defaults limit to 100, caps it at 500 and counts API requests', async () => {
    const before = api.requests;
    expect((await getPage(api, '')).data).toHaveLength(100);
    expect((await getPage(api, '?limit=10000')).data).toHaveLength(500);
    expect(api.requests).toBe(before + 2);
  });

  it('rejects invalid cursors and limits with a JSON 400', async () => {
    for (const query of ['?cursor=not-a-token', `?cursor=${Buffer.from('{"t":1}').toString('base64url')}`, '?limit=0', '?limit=ten']) {
      const response = await fetch(`${api.url}/api/v1/penalties${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^invalid_(cursor|limit)$/);
    }
  });

  it('returns a null cursor for an empty table read from the start', async () => {
    const empty = await startDemoEnforcementApi({ records: [] });
    try {
      expect(await getPage(empty, '')).toEqual({ data: [], next_cursor: null, has_more: false });
    } finally {
      await empty.close();
    }
  });
});
