import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../../../src/api/http/conditional.js';

describe('If-None-Match by RFC 9110', () => {
  it('matches the exact tag, its weak form, a list containing it, and *', () => {
    expect(ifNoneMatchMatches('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"x", W/"abc" , "y"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"abc"')).toBe(true);
  });

  it('does not match other tags, an absent header or an empty one', () => {
    expect(ifNoneMatchMatches('"abcd"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('"x", "y"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches(undefined, '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('', '"abc"')).toBe(false);
  });
});
