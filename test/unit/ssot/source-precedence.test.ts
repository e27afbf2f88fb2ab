import { describe, expect, it } from 'vitest';
import { precedenceFrom } from '../../../src/ssot/source-precedence.js';

describe('source precedence, from the rank each source declares', () => {
  const sources = [
    { id: 'sgs-csv', recordType: 'enforcement-decision', precedence: { rank: 2 } },
    { id: 'case-system', recordType: 'enforcement-decision', precedence: { rank: 1 } },
    { id: 'unranked', recordType: 'enforcement-decision' },
    { id: 'issuer', recordType: 'normative-document', precedence: { rank: 1 } },
    { id: 'legal-office', recordType: 'normative-document', precedence: { rank: 2, fields: { validity: 1 } } },
    { id: 'credit', recordType: 'credit-record' },
  ];
  const precedenceFor = precedenceFrom(sources);

  it('orders the ranked sources of a record type, lowest rank first; unranked ones are left to freshness', () => {
    expect(precedenceFor('enforcement-decision')).toEqual({ default: ['case-system', 'sgs-csv'] });
  });

  it('lets a source rank differently for some fields; ties go by id so the order is stable', () => {
    expect(precedenceFor('normative-document')).toEqual({ default: ['issuer', 'legal-office'], fields: { validity: ['issuer', 'legal-office'] } });
    expect(
      precedenceFrom([...sources, { id: 'aaa', recordType: 'normative-document', precedence: { rank: 3, fields: { validity: 1 } } }])('normative-document')
        .fields,
    ).toEqual({
      validity: ['aaa', 'issuer', 'legal-office'],
    });
  });

  it('declares nothing for a record type no source ranks, nor for an unknown one', () => {
    expect(precedenceFor('credit-record')).toEqual({});
    expect(precedenceFor('gazette-issue')).toEqual({});
  });
});
