import allowList from './legacy-credit-codes.json' with { type: 'json' };

/**
 * Credit codes issued before GB 32100-2015's check character was enforced (some early
 * pilot codes carry a check character the standard's formula does not give). Each entry
 * was confirmed against the registration authority; the list only grows by review.
 */
const allowed: ReadonlySet<string> = new Set(allowList.codes.map((entry) => entry.code));

export function isAllowedLegacyCreditCode(code: string): boolean {
  return allowed.has(code);
}

export function legacyCreditCodes(): readonly string[] {
  return [...allowed];
}
