import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/infra/resources.js';

/** Packages that ship a .node binary: esbuild cannot bundle them, so a function must install them. */
const NATIVE_PACKAGES = ['@duckdb/node-api', '@node-rs/jieba'];
const out = mkdtempSync(join(tmpdir(), 'tongyuan-native-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The native packages a handler's bundle imports, as esbuild sees its module graph. */
async function nativeImportsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outdir: out,
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*', '@smithy/*', ...NATIVE_PACKAGES.flatMap((p) => [p, `${p}/*`])],
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return NATIVE_PACKAGES.filter((p) => imports.some((i) => i === p || i.startsWith(`${p}/`)));
}

describe('native packages reach every Lambda bundle that imports them', () => {
  for (const fn of resources.functions)
    it(`${fn.id} declares each native package its bundle imports`, async () => {
      const imported = await nativeImportsOf(fn.entry);
      expect([...(fn.nativeModules ?? [])].sort()).toEqual(expect.arrayContaining(imported.sort()));
    });
});
