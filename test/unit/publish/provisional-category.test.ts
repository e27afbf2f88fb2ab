import { describe, expect, it } from 'vitest';
import { provisionalCategory } from '../../../src/publish/provisional-category.js';

const dataset = (fields: string[], grades?: Record<string, 'L1' | 'L2' | 'L3' | 'L4'>) => ({
  id: 'penalties',
  recordType: 'enforcement-decision',
  fields,
  ...(grades ? { grades } : {}),
});

describe('a dataset’s category from its fields’ grades (stand-in for the grading slice)', () => {
  it('all L1 is 无条件开放', () => {
    expect(provisionalCategory(dataset(['decisionNumber', 'partyName']))).toBe('open');
  });

  it('one field raised to L2 or L3 makes the dataset 受限开放', () => {
    expect(provisionalCategory(dataset(['decisionNumber', 'partyName'], { partyName: 'L2' }))).toBe('restricted');
    expect(provisionalCategory(dataset(['decisionNumber'], { decisionNumber: 'L3' }))).toBe('restricted');
  });

  it('a raise of a field not published changes nothing; a grade is never lowered', () => {
    expect(provisionalCategory(dataset(['decisionNumber'], { partyName: 'L3' }))).toBe('open');
    expect(() => provisionalCategory(dataset(['partyIdNumber'], { partyIdNumber: 'L1' }))).toThrow('field partyIdNumber is graded L4');
  });

  it('refuses an L4 field or an unknown field, naming dataset and field', () => {
    expect(() => provisionalCategory(dataset(['decisionNumber', 'partyIdNumber']))).toThrow(
      'dataset penalties: field partyIdNumber is graded L4 (禁止开放) and can never be published',
    );
    expect(() => provisionalCategory(dataset(['noSuchField']))).toThrow(
      'dataset penalties: field noSuchField is not a field of record type enforcement-decision',
    );
  });
});
