/**
 * One byte range of a `Range: bytes=…` header (RFC 9110 §14.1.2), resolved against a file's
 * size. Only a single range is served: a multi-range request is answered with the whole file,
 * which RFC 9110 allows (a server may ignore Range).
 */

/** An inclusive byte range of a file, both ends within it. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** `none`: serve the whole file; `unsatisfiable`: 416; `range`: 206 with these bytes. */
export type RangeDecision = { readonly kind: 'none' } | { readonly kind: 'unsatisfiable' } | { readonly kind: 'range'; readonly range: ByteRange };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/** What to serve for `header` on a file of `size` bytes. */
export function resolveRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'none' };
  const match = SINGLE.exec(header.trim().replace(/\s+/g, ''));
  // Another unit, several ranges or a malformed header: ignored, the whole file is served.
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    // bytes=-n: the last n bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return { kind: 'none' };
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}

/** The `Content-Range` of a served range, or of a 416 (an asterisk, then the size). */
export const contentRange = (range: ByteRange | undefined, size: number): string => (range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`);
