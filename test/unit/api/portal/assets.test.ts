import { build } from 'esbuild';
import { Hono } from 'hono';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../../src/api/app.js';
import { EMBEDDED_ASSETS_FILE, PORTAL_DIR, embeddedAssetsSource } from '../../../../scripts/embed-portal.js';
import type * as PortalRoutes from '../../../../src/api/routes/portal.js';
import { testApiDeps } from '../../../support/api-deps.js';
import { repoRoot } from '../../../support/cli.js';

const app = createApi(testApiDeps());
const files = readdirSync(PORTAL_DIR).filter((name) => /\.(css|js)$/.test(name));

describe('the portal assets', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tongyuan-portal-bundle-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('the embedded copy is the files in portal/ (run `npx tsx scripts/embed-portal.ts` after editing them)', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(EMBEDDED_ASSETS_FILE, 'utf8')).toBe(await embeddedAssetsSource());
  });

  it('serves each file with its media type, charset, nosniff, an ETag and a short revalidated cache', async () => {
    for (const name of files) {
      const response = await app.request(`/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type')).toBe(name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
      expect(await response.text()).toBe(readFileSync(join(PORTAL_DIR, name), 'utf8'));
      const etag = response.headers.get('etag')!;
      const again = await app.request(`/assets/${name}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
    }
  });

  it('every module the pages and modules import is served, and nothing is fetched from another origin', async () => {
    const pages = [await (await app.request('/')).text()];
    const referenced = new Set(pages.flatMap((page) => [...page.matchAll(/assets\/([\w.-]+)"/g)].map((m) => m[1]!)));
    for (const name of files.filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(PORTAL_DIR, name), 'utf8');
      for (const match of source.matchAll(/from '\.\/([\w.-]+)'/g)) referenced.add(match[1]!);
      expect(source, name).not.toMatch(/https?:\/\//);
    }
    expect(readFileSync(join(PORTAL_DIR, 'portal.css'), 'utf8')).not.toMatch(/url\(|@import|https?:\/\//);
    expect(referenced.size).toBeGreaterThanOrEqual(3);
    for (const name of referenced) expect((await app.request(`/assets/${name}`)).status, name).toBe(200);
  });

  it('an unknown asset is a 404', async () => {
    expect((await app.request('/assets/nope.js')).status).toBe(404);
    expect((await app.request('/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('bundled by esbuild as the Lambda function is, away from the repository, the route still serves every file', async () => {
    const outfile = join(outDir, 'portal-routes.mjs');
    await build({
      entryPoints: [join(repoRoot, 'src/api/routes/portal.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile,
      logLevel: 'silent',
      banner: { js: "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);" },
    });
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof PortalRoutes;
    const lambdaLike = new Hono();
    bundled.registerPortalRoutes(lambdaLike as never, testApiDeps());
    for (const name of files) {
      const response = await lambdaLike.request(`/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(await response.text()).toBe(readFileSync(join(PORTAL_DIR, name), 'utf8'));
    }
    expect((await lambdaLike.request('/')).status).toBe(200);
  }, 60_000);
});
