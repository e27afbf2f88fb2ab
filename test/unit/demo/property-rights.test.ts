import { describe, expect, it } from 'vitest';
import { generatePropertyRightsRows, PROPERTY_RIGHTS_DEFECTS } from '../../../demo/property-rights/generate.js';
import { isUscc } from '../../../src/records/formats.js';
import { identityValues } from '../../../src/records/identity.js';
import { propertyRightsIdentity, type PropertyRightsTransaction } from '../../../src/records/property-rights-transaction.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { demoMapping } from '../../support/mappings.js';

const START = new Date('2025-01-01T00:00:00+08:00');
const { rows, defective, reused } = generatePropertyRightsRows(1500, 31, START);
const mapping = await demoMapping('demo-property-rights');
const type = recordTypeNamed('property-rights-transaction');
const mapped = new Map(rows.map((row) => [row.id, type.validate(mapping.map(row as unknown as Record<string, unknown>))]));
const records = new Map([...mapped].flatMap(([id, result]) => (result.valid ? [[id, result.record as PropertyRightsTransaction] as const] : [])));

describe('demo property-rights exchange: projects a trading centre would list', () => {
  it('is the same for the same seed', () => {
    expect(generatePropertyRightsRows(1500, 31, START).rows).toEqual(rows);
  });

  it('quarantines exactly its planted defects, each kind at least once', () => {
    const rejected = [...mapped].filter(([, result]) => !result.valid).map(([id]) => id);
    expect(new Set(rejected)).toEqual(new Set(defective.keys()));
    expect(new Set(defective.values())).toEqual(new Set(PROPERTY_RIGHTS_DEFECTS));
    expect(defective.size).toBe(30); // 2%
    const errorsOf = (defect: string) =>
      [...defective]
        .filter(([, d]) => d === defect)
        .flatMap(([id]) => {
          const result = mapped.get(id)!;
          return result.valid ? [] : result.errors.map((e) => e.path);
        });
    expect(new Set(errorsOf('dealt-without-deal-date'))).toEqual(new Set(['/dealDate']));
    expect(new Set(errorsOf('negative-price'))).toEqual(new Set(['/listingPriceYuan']));
    expect(new Set(errorsOf('unknown-asset-type'))).toEqual(new Set(['/assetType']));
    expect(new Set(errorsOf('mobile-in-landline-field'))).toEqual(new Set(['/contactTelephone']));
    expect(new Set(errorsOf('deal-before-listing-ends'))).toEqual(new Set(['/dealDate']));
  });

  it('hands a number out twice only where planted, to projects whose identity differs (an identity conflict)', () => {
    const byNumber = new Map<string, number[]>();
    for (const row of rows) byNumber.set(row.xmbh, [...(byNumber.get(row.xmbh) ?? []), row.id]);
    const twice = [...byNumber.values()].filter((ids) => ids.length > 1);
    expect(twice.map((ids) => ids.join()).sort()).toEqual([...reused].map(([later, earlier]) => `${earlier},${later}`).sort());
    expect(reused.size).toBe(10);
    for (const [later, earlier] of reused) {
      const [a, b] = [records.get(later)!, records.get(earlier)!];
      expect(type.idOf(a)).toBe(type.idOf(b));
      const [ia, ib] = [identityValues(a, propertyRightsIdentity), identityValues(b, propertyRightsIdentity)];
      expect(ia.transferor).not.toBe(ib.transferor);
      expect(ia.assetType).not.toBe(ib.assetType);
    }
  });

  it('numbers projects per branch, kind and year from 1 in listing order, and gives valid codes', () => {
    const serials = new Map<string, { listed: string; id: number; serial: number }[]>();
    for (const row of rows) {
      expect(row.xmbh).toMatch(/^(SX|YC|KQ|SY|XC|ZJ|SZ)CQ\d{4}-(GQ|ZZ|ZC|GG)-\d{4}$/);
      expect(isUscc(row.zrfdm), row.zrfdm).toBe(true);
      expect(row.zrfdm.slice(2, 6)).toBe('3306');
      if (reused.has(row.id)) continue;
      expect(row.xmbh.slice(4, 8)).toBe(row.gpqsrq.slice(0, 4));
      const prefix = row.xmbh.slice(0, -4);
      serials.set(prefix, [...(serials.get(prefix) ?? []), { listed: row.gpqsrq, id: row.id, serial: Number(row.xmbh.slice(-4)) }]);
    }
    for (const list of serials.values()) {
      const ordered = list.sort((a, b) => (a.listed < b.listed ? -1 : a.listed > b.listed ? 1 : a.id - b.id)).map((p) => p.serial);
      // The numbers the reusing rows gave up leave gaps; the rest rise in listing order.
      expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
      expect(new Set(ordered).size).toBe(ordered.length);
    }
  });

  it('moves each project from its announcement to its result: a dealt one has every result field, others none', () => {
    const valid = [...records.values()];
    expect(new Set(valid.map((r) => r.status))).toEqual(new Set(['listed', 'suspended', 'terminated', 'dealt']));
    expect(new Set(valid.map((r) => r.projectType))).toEqual(new Set(['equity-transfer', 'capital-increase', 'asset-transfer', 'public-resource']));
    for (const r of valid) {
      const updated = r.sourceUpdatedAt!.slice(0, 10);
      expect(r.listingStartDate <= updated).toBe(true);
      if (r.status !== 'dealt')
        expect([r.dealDate, r.dealPriceYuan, r.transfereeName, r.transactionMethod]).toEqual([undefined, undefined, undefined, undefined]);
      if (r.status !== 'dealt') continue;
      expect(r.dealDate! > r.listingEndDate!).toBe(true);
      expect(r.dealDate).toBe(updated);
      // A sole bidder signs at the listing price; bidding only raises it.
      if (r.transactionMethod === 'agreement') expect(r.dealPriceYuan).toBe(r.listingPriceYuan);
      else expect(r.dealPriceYuan!).toBeGreaterThan(r.listingPriceYuan);
    }
    const persons = valid.filter((r) => r.transfereeType === 'natural-person');
    expect(persons.length).toBeGreaterThan(50);
    for (const r of persons) expect(r.transfereeName).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(new Set(persons.map((r) => r.assetType))).toEqual(new Set(['vehicle', 'real-estate', 'equipment']));
  });

  it("names the exchange's officer with an office line, and a mobile where the row has one", () => {
    for (const r of records.values()) {
      expect(r.contactTelephone).toMatch(/^0575-8\d{7}$/);
      if (r.contactMobile !== undefined) expect(r.contactMobile).toMatch(/^1[3-9]\d{9}$/);
      expect(r.depositAccount).toMatch(/^\d{12,20}$/);
    }
    expect([...records.values()].filter((r) => r.contactMobile !== undefined).length / records.size).toBeGreaterThan(0.6);
  });
});
