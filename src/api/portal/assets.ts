import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { EMBEDDED_PORTAL_ASSETS } from './assets.generated.js';

/** One static file of the portal, ready to serve. */
export interface PortalAsset {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
  /** A strong validator: the body's hash. */
  readonly etag: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** A strong entity tag from the bytes of a representation. */
export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Assets by name, built once: the embedded files with their media types and entity tags. */
export function portalAssets(sources: Readonly<Record<string, string>> = EMBEDDED_PORTAL_ASSETS): ReadonlyMap<string, PortalAsset> {
  const assets = new Map<string, PortalAsset>();
  for (const [name, body] of Object.entries(sources)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) throw new Error(`portal asset ${name}: no media type for its extension`);
    assets.set(name, { name, contentType, body, etag: entityTag(body) });
  }
  return assets;
}
