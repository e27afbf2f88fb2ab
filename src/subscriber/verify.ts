import { decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { verifyEventSignature, type SignatureCheck } from '../feeds/signature.js';

/** Where the publisher's public keys come from: `<base>/.well-known/jwks.json`. */
export type JwksSource = () => Promise<JSONWebKeySet>;

/** The publisher's JWKS fetched over HTTP(S); a non-2xx answer or a body without `keys` fails. */
export const httpJwks =
  (url: string, fetchFn: typeof fetch = fetch): JwksSource =>
  async () => {
    const response = await fetchFn(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`JWKS ${url}: HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error(`JWKS ${url}: no "keys" array`);
    return body as JSONWebKeySet;
  };

const kidOf = (signature: unknown): string | undefined => {
  if (typeof signature !== 'string') return undefined;
  try {
    const kid = decodeProtectedHeader(signature).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks event signatures against the publisher's key set, fetched once and kept. A kid the
 * set does not hold makes it fetch the set again, once per kid: a key rotated in since the
 * last fetch is then found, while a forged kid cannot make every message hit the network.
 */
export class EventVerifier {
  private keys: Promise<JSONWebKeySet> | undefined;
  private readonly refetchedFor = new Set<string>();

  constructor(private readonly source: JwksSource) {}

  async verify(event: Readonly<Record<string, unknown>>): Promise<SignatureCheck> {
    const kid = kidOf(event.signature);
    let keys = await this.current();
    if (kid !== undefined && !keys.keys.some((k) => k.kid === kid) && !this.refetchedFor.has(kid)) {
      this.refetchedFor.add(kid);
      this.keys = undefined;
      keys = await this.current();
    }
    return verifyEventSignature(event, keys);
  }

  private current(): Promise<JSONWebKeySet> {
    // A failed fetch is not kept: the next message tries again.
    this.keys ??= this.source().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }
}
