import { describe, expect, it } from 'vitest';
import { anniversary, birthDateOfIdNumber } from '../../../src/disclosure/calendar-date.js';
import { isMinorParty } from '../../../src/disclosure/minor-party.js';
import { idNumber } from './fixtures.js';

const person = (birth: string, decisionDate: string) => ({
  partyType: 'natural-person',
  partyName: '张三',
  partyIdNumber: idNumber('330602', birth, '123'),
  decisionDate,
});

describe('a decision about a minor', () => {
  it('is recognised from the birth date in the party identity number on the decision date', () => {
    expect(isMinorParty(person('20090501', '2025-03-01'))).toBe(true);
    expect(isMinorParty(person('20070228', '2025-03-01'))).toBe(false);
  });

  it('counts the eighteenth birthday itself as of age, and a 29 February birthday as 1 March', () => {
    expect(isMinorParty(person('20070301', '2025-02-28'))).toBe(true);
    expect(isMinorParty(person('20070301', '2025-03-01'))).toBe(false);
    expect(anniversary('2008-02-29', 18)).toBe('2026-03-01');
    expect(isMinorParty(person('20080229', '2026-02-28'))).toBe(true);
    expect(isMinorParty(person('20080229', '2026-03-01'))).toBe(false);
  });

  it('reads a 15-digit legacy number, a credit record subject and an explicit flag', () => {
    expect(birthDateOfIdNumber('330602900307002')).toBe('1990-03-07');
    expect(isMinorParty({ subjectType: 'natural-person', subjectIdNumber: idNumber('330602', '20100101', '001'), decisionDate: '2024-06-01' })).toBe(true);
    expect(isMinorParty({ partyType: 'natural-person', partyIsMinor: true, decisionDate: '2025-03-01' })).toBe(true);
  });

  it('never applies to a legal person, nor without a decision date or a readable birth date', () => {
    expect(isMinorParty({ ...person('20090501', '2025-03-01'), partyType: 'legal-person' })).toBe(false);
    expect(isMinorParty({ partyType: 'natural-person', partyIdNumber: idNumber('330602', '20090501', '123') })).toBe(false);
    expect(isMinorParty({ partyType: 'natural-person', partyIdNumber: '330602209913011234', decisionDate: '2025-03-01' })).toBe(false);
  });
});
