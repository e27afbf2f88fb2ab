import { describe, expect, it } from 'vitest';
import { freeTextFields } from '../../../src/disclosure/free-text-fields.js';
import { recordTypeNamed } from '../../../src/records/registry.js';

describe('the free-text fields of a schema', () => {
  it('are the unconstrained strings of the enforcement-decision schema: no code, date, enum or list of codes', () => {
    const fields = freeTextFields(recordTypeNamed('enforcement-decision').schema);
    expect(fields).toEqual(expect.arrayContaining(['caseName', 'facts', 'partyName', 'legalBasis', 'licenseContent']));
    for (const constrained of ['creditCode', 'partyIdNumber', 'decisionDate', 'status', 'partyType', 'penaltyTypes', 'fineYuan', 'district']) {
      expect(fields).not.toContain(constrained);
    }
  });

  it('follow an explicit x-free-text annotation over the inference, and take lists of free strings', () => {
    const schema = {
      properties: {
        note: { type: 'string', pattern: '^.*$', 'x-free-text': true },
        code: { type: 'string', 'x-free-text': false },
        remarks: { type: 'array', items: { type: 'string' } },
        kinds: { type: 'array', items: { type: 'string', enum: ['a'] } },
      },
    };
    expect(freeTextFields(schema)).toEqual(['note', 'remarks']);
  });

  it('take an object field holding a free string, such as a suspended licence with its name and number', () => {
    const schema = {
      properties: {
        suspendedLicense: { type: 'object', properties: { name: { type: 'string' }, number: { type: 'string', pattern: '^[A-Z0-9]+$' } } },
        licences: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        amounts: { type: 'object', properties: { yuan: { type: 'number' } } },
      },
    };
    expect(freeTextFields(schema)).toEqual(['suspendedLicense', 'licences']);
  });
});
