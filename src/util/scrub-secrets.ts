/**
 * Keeps credentials out of what is logged, stored or thrown about an upstream system:
 * error bodies, driver messages, URLs. Pure: the caller says which values it sent as
 * secrets (header values, resolved passwords); well-known shapes (bearer and basic
 * tokens, `user:pass@` in URLs, key- and token-named parameters) are masked whatever
 * their value.
 */

export const MASK = '***';
/** How much of an upstream error body is kept: enough to read the error, not a dump of the page. */
export const BODY_BOUND_BYTES = 2048;

/** Shorter values are not masked by value: masking "1" or "id" would shred the message and hide nothing. */
const MIN_KNOWN_LENGTH = 4;
/** Names of parameters and headers that carry credentials: broad, since masking a harmless value costs little. */
// Quantifiers are bounded: an unbounded `[\\w.-]*` backtracks quadratically over one long word (a 20 MiB body).
const SECRET_NAME = '(?:[\\w.-]{0,64}(?:key|token|secret|signature|password|passwd|pwd|auth|credential|session|cookie)[\\w.-]{0,64}|sig)';
/** Names that, followed by `:` or `=` in free text (JSON, headers, connection strings), introduce a credential. */
const SECRET_FIELD =
  '(?:[\\w-]{0,64}(?:api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|token|secret|password|passwd|pwd|signature)|authorization|cookie|set-cookie|credentials?|session[_-]?id)';

const PATTERNS: readonly [RegExp, string][] = [
  // An authorization scheme and its credentials (a token has a digit or symbol, so "Basic information" stays).
  [/\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]{0,512}[0-9._~+/=-])[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
  // Userinfo in a URL or connection string: scheme://user:password@host.
  [/([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/@:]{0,256}):[^\s/@]{0,1024}@/gi, `$1:${MASK}@`],
  // Query or form parameters named like a secret: ?access_token=…, &X-Amz-Signature=…
  [new RegExp(`([?&;]${SECRET_NAME}=)[^&\\s#"'<>]*`, 'gi'), `$1${MASK}`],
  // key: value and key=value pairs named like a secret; an already masked value is left.
  [new RegExp(`(["']?\\b${SECRET_FIELD}["']?\\s*[:=]\\s*["']?)(?!\\*\\*\\*)(?:(?:Bearer|Basic)\\s+)?[^"'\\s,;&}<>]+`, 'gi'), `$1${MASK}`],
];

/** Header names whose values are credentials whatever the source says. */
const CREDENTIAL_HEADER = new RegExp(`^(?:cookie|set-cookie|proxy-authorization|${SECRET_NAME})$`, 'i');

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** The secrets inside one credential value: itself, the token after an auth scheme, and a basic credential's decoded user:password and password. */
export function secretPartsOf(value: string): string[] {
  const parts = [value];
  const scheme = /^(\w+)\s+(\S+)$/.exec(value.trim());
  if (scheme) {
    parts.push(scheme[2]!);
    if (scheme[1]!.toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2]!, 'base64').toString('utf8');
      if (decoded.includes(':')) parts.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
    }
  }
  return parts;
}

/** The secret values among request headers: every credential-like header, plus any named in `alsoSecret` (headers filled from secret references). */
export function headerSecrets(headers: Readonly<Record<string, string>>, alsoSecret: (name: string) => boolean = () => false): string[] {
  return Object.entries(headers)
    .filter(([name]) => isCredentialHeader(name) || alsoSecret(name))
    .flatMap(([, value]) => secretPartsOf(value));
}

/** The secret values a URL carries: its password, and parameters named like keys, tokens, signatures or passwords. */
export function urlSecrets(url: URL): string[] {
  const found: string[] = [];
  if (url.password) found.push(url.password, decodeURIComponent(url.password));
  const named = new RegExp(`^${SECRET_NAME}$`, 'i');
  for (const [name, value] of url.searchParams) if (named.test(name)) found.push(value);
  return found;
}

/** `text` with every known secret (as sent and URL-encoded) and every well-known credential shape replaced by ***. */
export function scrubSecrets(text: string, known: readonly string[] = []): string {
  const values = [...new Set(known.flatMap((v) => [v, encodeURIComponent(v)]))].filter((v) => v.length >= MIN_KNOWN_LENGTH).sort((a, b) => b.length - a.length);
  let scrubbed = text;
  for (const value of values) scrubbed = scrubbed.split(value).join(MASK);
  for (const [pattern, replacement] of PATTERNS) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

/**
 * An upstream body fit for a log line or an error: scrubbed whole first (a secret across
 * the cut is not half kept), then cut to the bound, saying so.
 */
export function scrubbedExcerpt(body: Uint8Array | string, known: readonly string[] = [], boundBytes: number = BODY_BOUND_BYTES): string {
  const whole = typeof body === 'string' ? body : new TextDecoder().decode(body);
  // Only a head of the body is kept, so only a head is scrubbed: four times the bound leaves room for masks that shorten it.
  const text = whole.length > boundBytes * 4 ? whole.slice(0, boundBytes * 4) : whole;
  const scrubbed = scrubSecrets(text, known);
  const bytes = new TextEncoder().encode(scrubbed);
  const total = text === whole ? bytes.length : new TextEncoder().encode(whole).length;
  if (bytes.length <= boundBytes && text === whole) return scrubbed;
  // A cut inside a character decodes to U+FFFD, which is dropped.
  const kept = new TextDecoder().decode(bytes.slice(0, boundBytes)).replace(/\uFFFD+$/, '');
  return `${kept}… [truncated: ${total} bytes in all, first ${Math.min(boundBytes, bytes.length)} shown]`;
}
