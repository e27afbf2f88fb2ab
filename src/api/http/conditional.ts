/**
 * Conditional requests and caching (RFC 9110 §13, RFC 9111), shared by the middleware that
 * handles metadata answers and by the routes that stream release files and check first.
 */

/** Release files never change once published. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Catalog answers change when a release lands: short, and revalidated with the ETag. */
export const CACHE_METADATA = 'public, max-age=60, must-revalidate';
/** Answers under a grant are the grant holder's alone. */
export const CACHE_PRIVATE = 'private, no-store';

/** `W/"x"` and `"x"` name the same representation under the weak comparison If-None-Match uses. */
const opaqueTag = (tag: string): string => tag.trim().replace(/^W\//, '');

/**
 * Whether If-None-Match matches `etag` (RFC 9110 §13.1.2): `*` matches any current
 * representation; otherwise any listed tag that is weakly equal to it.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined || header.trim() === '') return false;
  if (header.trim() === '*') return true;
  const wanted = opaqueTag(etag);
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => opaqueTag(tag) === wanted);
}
