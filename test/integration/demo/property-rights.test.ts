import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/app/composition.js';
import type { Catalog } from '../../../src/config/catalog-context.js';
import { generatePropertyRightsRows } from '../../../demo/property-rights/generate.js';
import { EXCHANGE_DATABASE, EXCHANGE_TABLE } from '../../../demo/property-rights/mysql-department.js';
import { startOtherKindDepartments } from '../../../demo/other-kinds.js';
import { addDays } from '../../../demo/shared/defects.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { normalizeBatch } from '../../../src/normalize/normalize-batch.js';
import { parseNormalizeMessage } from '../../../src/normalize/request.js';
import { kindOf } from '../../../src/quarantine/entry.js';
import { useSharedAws } from '../../support/aws.js';

const SOURCE = 'demo-property-rights';
const START = new Date('2025-01-01T00:00:00+08:00');
const SEED = 515151;
// The department's share of a demo of 800 records is 200 projects, generated with its seed offset.
const { rows, defective, reused } = generatePropertyRightsRows(200, SEED + 5, START);

let app: Composition;
let catalog: Catalog;

const connect = () => mysql.createConnection({ host: '127.0.0.1', user: 'root', database: EXCHANGE_DATABASE, dateStrings: true, timezone: '+08:00' });

/** Forgets the seed, so the next start (this test's, or `tongyuan up`'s) reseeds the table it changed. */
async function forgetSeed(): Promise<void> {
  const db = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  try {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${EXCHANGE_DATABASE} CHARACTER SET utf8mb4`);
    await db.query(`DELETE FROM ${EXCHANGE_DATABASE}.demo_seed WHERE department = 'property-rights'`).catch(() => undefined);
  } finally {
    await db.end();
  }
}

/** Pulls the source (incrementally unless `full`) and normalizes every batch it sent; the rows pulled. */
async function syncThrough(full: boolean): Promise<number> {
  const messages: string[] = [];
  const deps = { ...app.ingestDeps(), normalizeQueue: { send: async (bodies: readonly string[]) => void messages.push(...bodies) } };
  const { pulled } = await syncSource(catalog.source(SOURCE), deps, { full });
  for (const body of messages) {
    const request = parseNormalizeMessage(body);
    if (request.kind !== 'raw-batch') throw new Error(`unexpected ${request.kind} message`);
    await normalizeBatch(request, app.normalizeDeps(catalog));
  }
  return pulled;
}

async function landed(sourceKey: number) {
  const [name] = await app.recordStore().findBySourceKey(SOURCE, String(sourceKey));
  return name && { id: name.recordId, stored: await app.recordStore().read(name.recordType, name.recordId) };
}

describe('the property-rights exchange: its MySQL front table through ingest, normalize and the SSOT', () => {
  beforeAll(async () => {
    const shared = await useSharedAws();
    await forgetSeed();
    const drops = { raw: shared.app.rawBucket(), processed: shared.app.processedFiles() };
    const started = await startOtherKindDepartments({ count: 800, seed: SEED, start: START, kinds: new Set(['property-rights']), drops });
    expect(started.shown.get('property-rights exchange 公共资源交易中心 (MySQL)')).toBe(
      `mysql://root@127.0.0.1:3306/${EXCHANGE_DATABASE} table ${EXCHANGE_TABLE}`,
    );
    expect(started.env).toEqual({ TONGYUAN_DEMO_EXCHANGE_DB_HOST: '127.0.0.1' });
    app = shared.compose(started.env);
    catalog = await app.catalog();
  });
  afterAll(forgetSeed);

  it('stores every valid project, quarantines each planted defect naming its column, and holds back a reused 项目编号', async () => {
    expect(await syncThrough(true)).toBe(200);
    const entries = await app.quarantineStore().list(SOURCE);
    const invalid = entries.filter((e) => kindOf(e) === 'validation');
    expect(new Set(invalid.map((e) => e.sourceKey))).toEqual(new Set([...defective.keys()].map(String)));
    expect(defective.size).toBe(4);
    const landline = [...defective].find(([, d]) => d === 'mobile-in-landline-field');
    if (landline)
      expect(invalid.find((e) => e.sourceKey === String(landline[0]))!.errors).toContainEqual(expect.objectContaining({ path: '/contactTelephone' }));
    // Two projects under one number: one conflict entry naming both rows; the record holds nothing to publish.
    const [later, earlier] = [...reused][0]!;
    const conflicts = entries.filter((e) => kindOf(e) === 'identity-conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.conflict!.fields).toEqual(['assetType', 'transferor']);
    expect(new Set(conflicts[0]!.conflict!.sides.map((s) => s.sourceKey))).toEqual(new Set([String(later), String(earlier)]));
    expect((await landed(later))?.stored?.conflict).toBeDefined();
  });

  it('lands a dealt project with its result and a natural-person transferee as the exchange wrote them', async () => {
    const sold = rows.find((r) => r.srflx === '自然人' && !defective.has(r.id) && !reused.has(r.id))!;
    expect((await landed(sold.id))?.stored?.record).toMatchObject({
      projectNumber: sold.xmbh,
      status: 'dealt',
      listingPriceYuan: Math.round(Number(sold.gpjg) * 10_000),
      dealPriceYuan: Math.round(Number(sold.cjjg) * 10_000),
      dealDate: sold.cjrq,
      transfereeType: 'natural-person',
      transfereeName: sold.srfmc,
      contactPerson: sold.lxr,
      depositAccount: sold.bzjzh,
      exchange: sold.jyjg,
    });
  });

  it('moves a listed project to dealt in place: the next pull reads the one changed row into the same record', async () => {
    const listing = rows.find((r) => r.xmzt === '挂牌中' && !defective.has(r.id) && ![...reused].flat().includes(r.id))!;
    const before = (await landed(listing.id))!;
    expect(before.stored!.record).toMatchObject({ status: 'listed' });
    expect(before.stored!.record).not.toHaveProperty('dealDate');
    const db = await connect();
    try {
      await db.query(
        `UPDATE ${EXCHANGE_TABLE} SET xmzt = '已成交', jyfs = '网络竞价', cjjg = ?, cjrq = ?, srflx = '法人', srfmc = '浙江恒盛投资有限公司', updated_at = NOW(6) WHERE id = ?`,
        [(Number(listing.gpjg) * 1.1).toFixed(4), addDays(listing.gpjzrq, 3), listing.id],
      );
    } finally {
      await db.end();
    }
    expect(await syncThrough(false)).toBe(1);
    const after = (await landed(listing.id))!;
    expect(after.id).toBe(before.id);
    expect(after.stored!.version).toBe(before.stored!.version + 1);
    expect(after.stored!.record).toMatchObject({
      projectNumber: listing.xmbh,
      listingStartDate: listing.gpqsrq,
      status: 'dealt',
      dealDate: addDays(listing.gpjzrq, 3),
      transactionMethod: 'online-bidding',
      transfereeType: 'legal-person',
    });
  });
});
