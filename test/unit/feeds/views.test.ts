import { describe, expect, it } from 'vitest';
import { renderRecord, viewFields } from '../../../src/feeds/views.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

const stored = (recordType: string, record: Record<string, unknown>): StoredVersion => ({
  recordType,
  recordId: 'r1',
  version: 1,
  contentHash: 'h1',
  storedAt: '2026-11-27T02:00:00Z',
  record,
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: 'r1', extractedAt: '2026-11-27T00:00:00Z' },
});

const PARTNER_ONLY = ['contactPerson', 'contactMobile', 'transfereeName', 'depositAccount'];
const deal = stored('property-rights-transaction', {
  projectNumber: 'SXCQ2026-001',
  projectName: '某公司股权转让',
  status: 'dealt',
  contactPerson: '王小明',
  contactMobile: '13812348000',
  contactTelephone: '0575-85123456',
  transfereeType: 'natural-person',
  transfereeName: '李大伟',
  depositAccount: '6222020000001234567',
  dealPriceYuan: 1234567.89,
});

describe('feed views', () => {
  it('the public view shows L1 fields only: no partner-government field of a transaction', () => {
    const record = renderRecord('gazette', 'property-rights', deal, 'public');
    for (const field of PARTNER_ONLY) expect(record).not.toHaveProperty(field);
    expect(record).toMatchObject({ projectNumber: 'SXCQ2026-001', contactTelephone: '0575-85123456' });
    expect(JSON.stringify(record)).not.toMatch(/王|13812348000|李大伟|6222020000001234567/);
  });

  it('the partner-government view adds L2/L3 fields with personal information masked, never a bank account', () => {
    const record = renderRecord('gazette', 'property-rights', deal, 'partner-government');
    expect(record).toMatchObject({ contactPerson: '王*', contactMobile: '138****8000', transfereeName: '李*' });
    expect(record).not.toHaveProperty('depositAccount');
  });

  it("a company buyer's name is not personal information and stays whole", () => {
    const company = stored('property-rights-transaction', { ...deal.record, transfereeType: 'legal-person', transfereeName: '绍兴某某有限公司' });
    expect(renderRecord('gazette', 'property-rights', company, 'partner-government')).toMatchObject({ transfereeName: '绍兴某某有限公司' });
  });

  it('never shows an L4 field, whatever the view', () => {
    const decision = stored('enforcement-decision', { decisionNumber: '绍市监罚〔2026〕1号', partyIdNumber: '330602199001011234', partyName: '某公司' });
    for (const view of ['public', 'partner-government'] as const) {
      expect(viewFields('enforcement-decision', view)).not.toContain('partyIdNumber');
      expect(JSON.stringify(renderRecord('enforcement', 'decision', decision, view))).not.toContain('330602199001011234');
    }
  });

  it('on the Yangtze-Delta feed the record speaks field codes, and the view still applies', () => {
    const pub = renderRecord('yrd', 'property-rights', deal, 'public');
    const partner = renderRecord('yrd', 'property-rights', deal, 'partner-government');
    expect(pub).toMatchObject({ CQ_XMBH: 'SXCQ2026-001', CQ_XMZT: '已成交', CQ_CJJG: '123.456789' });
    expect(pub).not.toHaveProperty('CQ_XMLXR');
    expect(pub).not.toHaveProperty('CQ_SRFMC');
    expect(partner).toMatchObject({ CQ_XMLXR: '王*', CQ_LXSJ: '138****8000', CQ_SRFMC: '李*' });
    expect(partner).not.toHaveProperty('CQ_BZJSKZH');
  });
});
