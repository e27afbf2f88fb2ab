import { redactAddresses } from './redact-address.js';
import { redactNames } from './redact-names.js';
import { redactNumbers } from './redact-numbers.js';

/**
 * Masks what identifies a natural person inside one published free-text value: identity
 * numbers, bank cards, mobile and landline numbers, home addresses (cut to the district or
 * county) and the names of persons other than the party. `partyNames` are kept: the party
 * is published anyway. Redacting twice changes nothing: no mask matches a pattern again.
 */
export function redactText(text: string, partyNames: readonly string[] = []): string {
  // Numbers first, so an identity number after a name is masked before the name rule reads it.
  return redactNames(redactAddresses(redactNumbers(text)), partyNames);
}
