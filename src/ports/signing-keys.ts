/**
 * The Ed25519 keys feed signatures are made with. The API publishes only their public halves
 * at /.well-known/jwks.json; a private member (`d`) never leaves the adapter.
 */
export interface PublicSigningJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  /** The public key, base64url. */
  readonly x: string;
  /** The key's RFC 7638 thumbprint: what a signature's `kid` header names. */
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'EdDSA';
}

export interface SigningKeys {
  /** The public JWK set, newest key first. */
  publicJwks(): Promise<{ readonly keys: readonly PublicSigningJwk[] }>;
}

/** Signs feed events with the newest private key; the private half never leaves the adapter. */
export interface FeedSigner {
  /** A detached compact JWS (`<protected>..<signature>`, alg EdDSA, kid of the key) over `payload`. */
  signDetached(payload: Uint8Array): Promise<string>;
}
