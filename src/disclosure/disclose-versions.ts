import type { StoredVersion } from '../ssot/model.js';
import { isMinorParty } from './minor-party.js';
import { redactText } from './redact-text.js';

/** Fields that name the party itself, whose name the published text keeps. */
const PARTY_NAME_FIELDS = ['partyName', 'subjectName'] as const;

/**
 * The disclosure step of a release, over the current versions as the store pages them:
 * a minor's decision is left out, and every free-text field of every other record is
 * redacted (see redact-text.ts). Identity, dates and status are untouched, so any filter
 * that reads them works the same before or after this step.
 */
export async function* disclosedVersions(
  pages: AsyncIterable<readonly StoredVersion[]>,
  freeTextFields: readonly string[],
): AsyncIterable<readonly StoredVersion[]> {
  for await (const page of pages) {
    yield page.flatMap((stored) => discloseVersion(stored, freeTextFields) ?? []);
  }
}

/**
 * One version as it may be disclosed: undefined for a minor's decision and for a record in
 * an identity conflict (two cases under one id; neither side is published until it is
 * resolved), otherwise with every free-text field redacted. Any other publishing path (a
 * feed) takes it from here.
 */
export function discloseVersion(stored: StoredVersion, freeTextFields: readonly string[]): StoredVersion | undefined {
  if (stored.conflict !== undefined || isMinorParty(stored.record)) return undefined;
  const partyNames = PARTY_NAME_FIELDS.map((field) => stored.record[field]).filter((name): name is string => typeof name === 'string');
  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value, partyNames);
    if (Array.isArray(value)) return value.map((item: unknown) => redact(item));
    // An object field (a licence: name and number) is redacted member by member; codes inside survive redaction.
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
    return value;
  };
  const record = { ...stored.record };
  for (const field of freeTextFields) if (field in record) record[field] = redact(record[field]);
  return { ...stored, record };
}
