import { describe, expect, it } from 'vitest';
import { creditRecordIdentity } from '../../../src/records/credit-record.js';
import { enforcementDecisionIdentity } from '../../../src/records/enforcement-decision.js';
import { identityValues, normalizeIdentityValue } from '../../../src/records/identity.js';
import { normativeDocumentIdentity } from '../../../src/records/normative-document.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { example } from '../../support/record-examples.js';

describe('identity fields', () => {
  it('compare values NFKC-folded, without whitespace, in upper case', () => {
    expect(normalizeIdentityValue(' ９１３３０６０２ma2b xxxx1k ')).toBe('91330602MA2BXXXX1K');
  });

  it("read a decision's party code from the credit code, else the ID number", () => {
    const firm = identityValues({ partyName: '某公司', creditCode: '91330602MA2BXXXX1K', partyIdNumber: '330602199001011234' }, enforcementDecisionIdentity);
    expect(firm.partyCode).toBe('91330602MA2BXXXX1K');
    expect(identityValues({ partyName: '张三', partyIdNumber: '33060219900101123x' }, enforcementDecisionIdentity)).toEqual({
      partyName: '张三',
      partyCode: '33060219900101123X',
    });
  });

  it("read a document's lead issuer by its code, else its name, with its title and date signed", () => {
    const doc = example('normative-document');
    expect(identityValues(doc, normativeDocumentIdentity)).toEqual({
      title: '绍兴市人民政府办公室关于进一步优化营商环境的若干意见',
      issuer: '绍兴市人民政府办公室',
      signedDate: '2021-02-04',
    });
    expect(
      identityValues({ ...doc, issuingAuthorities: [{ name: '绍兴市人民政府办公室', code: '11330600MB0000000X' }] }, normativeDocumentIdentity).issuer,
    ).toBe('11330600MB0000000X');
  });

  it('are declared for the types several departments report and for gazette issues (one 期号, one issue), and for no other', () => {
    expect(identityValues(example('credit-record'), creditRecordIdentity)).toHaveProperty('subjectName');
    expect(recordTypeNamed('gazette-issue').identity.map((f) => f.name)).toEqual(['totalIssueNumber', 'publicationDate']);
    expect(recordTypeNamed('major-decision').identity).toEqual([]);
    expect(recordTypeNamed('enforcement-decision').identity.map((f) => f.name)).toEqual(['partyName', 'partyCode', 'decisionDate', 'authority']);
  });
});
