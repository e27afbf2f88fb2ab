import { maskCardNumber, maskIdNumber, maskMobile } from '../../disclosure/redact-numbers.js';
import { isBankCardNumber, isMainlandMobile, isResidentIdNumber } from '../../records/personal-numbers.js';

export type NumberKind = 'id-number' | 'mobile' | 'bank-card';

export interface NumberFinding {
  readonly kind: NumberKind;
  /** The number masked, so a report that is logged or mailed leaks nothing itself. */
  readonly masked: string;
}

export interface TextScanOptions {
  /** Skip the bank card check: the column holds registration codes (uscc, document-number). */
  readonly noCards?: boolean;
  /** Skip the mobile check: the column publishes legal persons' numbers unmasked (x-pii-party). */
  readonly noMobiles?: boolean;
}

/**
 * Runs of digits anywhere in a text, bounded by anything that is not a digit, so a number
 * inside a sentence (身份证号330602…) is found and a number is never cut from a longer run.
 * An 18-character run may end in X. Cards may be printed in groups of four.
 */
const ID_RUN = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const CARD_RUN = /(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?!\d)/g;
const MOBILE_RUN = /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

/**
 * The identity, mobile and bank card numbers in one cell's text. A run that is a valid
 * identity number is reported as that alone, never again as a card. Masked numbers
 * (138****8000) hold no run the patterns match.
 */
export function personalNumbersIn(text: string, options: TextScanOptions = {}): NumberFinding[] {
  const findings: NumberFinding[] = [];
  const ids = new Set<string>();
  for (const [match] of text.matchAll(ID_RUN)) {
    const id = match.toUpperCase();
    if (isResidentIdNumber(id)) {
      ids.add(id);
      findings.push({ kind: 'id-number', masked: maskIdNumber(id) });
    }
  }
  if (!options.noCards) {
    for (const [match] of text.matchAll(CARD_RUN)) {
      const digits = match.replace(/[ -]/g, '');
      if (!ids.has(digits) && isBankCardNumber(digits)) findings.push({ kind: 'bank-card', masked: maskCardNumber(digits) });
    }
  }
  if (!options.noMobiles) {
    for (const [match] of text.matchAll(MOBILE_RUN)) {
      const digits = match.replace(/[ +-]/g, '');
      if (isMainlandMobile(digits)) findings.push({ kind: 'mobile', masked: maskMobile(digits.slice(-11)) });
    }
  }
  return findings;
}
