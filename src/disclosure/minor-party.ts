import { anniversary, birthDateOfIdNumber } from './calendar-date.js';

/** Age of majority, Civil Code Art. 17. */
const MAJORITY_AGE = 18;

/** Fields that hold the party's identity number, across the record types that name a person. */
const PARTY_ID_FIELDS = ['partyIdNumber', 'subjectIdNumber'] as const;
/** Fields a source may send to say outright that the party is a minor. */
const MINOR_FLAG_FIELDS = ['partyIsMinor', 'subjectIsMinor'] as const;
/** Party types of legal persons and other organisations: they have no age. */
const ORGANISATION_TYPES = new Set(['legal-person', 'unincorporated-organisation']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * True when the decision's natural-person party was under 18 on the decision date: a case
 * about a minor is never published (Law on the Protection of Minors, Art. 103). An explicit
 * flag wins; otherwise the birth date in the party's identity number decides. Without a
 * decision date or a readable birth date the record is not taken for a minor's: that
 * proof is the identity number, which the schema requires of every natural person.
 */
export function isMinorParty(record: Readonly<Record<string, unknown>>): boolean {
  if (MINOR_FLAG_FIELDS.some((field) => record[field] === true)) return true;
  const partyType = text(record.partyType) ?? text(record.subjectType);
  if (partyType !== undefined && ORGANISATION_TYPES.has(partyType)) return false;
  const decisionDate = text(record.decisionDate);
  if (decisionDate === undefined) return false;
  for (const field of PARTY_ID_FIELDS) {
    const id = text(record[field]);
    const birthDate = id === undefined ? undefined : birthDateOfIdNumber(id);
    if (birthDate !== undefined) return decisionDate.slice(0, 10) < anniversary(birthDate, MAJORITY_AGE);
  }
  return false;
}
