/** The rel="next" target of an RFC 8288 Link header, resolved against the request URL; null when there is none. */
export function linkNext(header: string | null, requestUrl: URL): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const names = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (names.includes('next')) return new URL(match[1] ?? '', requestUrl).href;
  }
  return null;
}
