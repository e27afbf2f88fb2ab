import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { projectRow, releaseColumns } from '../../../src/grading/index.js';
import { personalNumbersIn } from '../../../src/publish/gate/index.js';
import { datasetFilter } from '../../../src/publish/dataset-filter.js';
import { enforcementDecisionType } from '../../../src/records/enforcement-decision.js';
import { repoRoot } from '../../support/cli.js';
import { creditCode, idNumber } from '../../support/graded-record-type.js';

const PARTY_ID = idNumber('330602', '19850612');
const REPRESENTATIVE_ID = idNumber('330621', '19700101', '456');

/** A valid natural-person decision carrying every personal field the schema has. */
function naturalPersonDecision(kind: 'penalty' | 'license'): Record<string, unknown> {
  const common = {
    decisionNumber: kind === 'penalty' ? '绍越市监罚〔2025〕7号' : '绍越市监许〔2025〕7号',
    decisionKind: kind,
    partyType: 'natural-person',
    partyName: '张三',
    partyIdType: 'resident-id-card',
    partyIdNumber: PARTY_ID,
    legalRepresentativeIdType: 'resident-id-card',
    legalRepresentativeIdNumber: REPRESENTATIVE_ID,
    decisionDate: '2025-05-06',
    authority: '绍兴市越城区市场监督管理局',
    authorityCode: creditCode('11330602MB0000000'),
    sourceUpdatedAt: '2025-05-06T09:00:00+08:00',
  };
  return kind === 'penalty'
    ? { ...common, facts: '未按规定明码标价', legalBasis: '《价格法》第四十二条', penaltyTypes: ['警告'], status: 'in-force' }
    : {
        ...common,
        licenseDocumentName: '食品经营许可决定书',
        licenseContent: '食品销售',
        licenseCategory: '普通',
        validFrom: '2025-05-06',
        licenseStatus: 'valid',
      };
}

describe("natural-person enforcement decisions in the repository's datasets", async () => {
  const { valid } = await loadDatasets(join(repoRoot, 'datasets'));
  const decisions = valid.filter((d) => d.recordType === 'enforcement-decision');
  const pii = enforcementDecisionType.pii();

  it('there are such datasets (penalties and licences)', () => {
    expect(decisions.map((d) => d.id).sort()).toEqual(['administrative-licenses', 'enforcement-decisions']);
  });

  for (const kind of ['penalty', 'license'] as const) {
    it(`a ${kind} of a natural person is published without ID number, address or contact`, () => {
      const record = naturalPersonDecision(kind);
      expect(enforcementDecisionType.validate(record)).toEqual({ valid: true, record });
      const dataset = decisions.find((d) => datasetFilter(d)(record))!;
      expect(dataset).toBeDefined();
      const row = projectRow(dataset)(record);
      expect(row.partyName).toBe('张三');
      const personalColumns = releaseColumns(dataset).filter((c) => ['idCard', 'address', 'mobile', 'bankAccount'].includes(pii[c.field] ?? ''));
      expect(personalColumns).toEqual([]);
      expect(Object.keys(row)).not.toContain('partyIdNumber');
      expect(Object.keys(row)).not.toContain('legalRepresentativeIdNumber');
      const text = JSON.stringify(row);
      expect(text).not.toContain(PARTY_ID);
      expect(text).not.toContain(REPRESENTATIVE_ID);
      expect(personalNumbersIn(text)).toEqual([]);
    });
  }
});
