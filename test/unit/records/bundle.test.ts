import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type * as EnforcementDecisionModule from '../../../src/records/enforcement-decision.js';

const entry = fileURLToPath(new URL('../../../src/records/enforcement-decision.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Lambda functions are esbuild bundles: the validator must bundle without pulling in ajv's compiler. */
describe('enforcement-decision module in an esbuild bundle', () => {
  let outDir: string | undefined;
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('bundles without ajv and validates in the bundle', async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'tongyuan-bundle-'));
    const outfile = path.join(outDir, 'enforcement-decision.mjs');
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src/generated/enforcement-decision.validate.js'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/ajv\//.test(input))).toEqual([]);

    const bundled = (await import(pathToFileURL(outfile).href)) as typeof EnforcementDecisionModule;
    const validation = bundled.validateEnforcementDecision({ decisionNumber: '绍市监罚〔2025〕1号' });
    expect(validation.valid).toBe(false);
    expect(validation.valid ? [] : validation.errors.map((issue) => issue.path)).toContain('/partyName');
    expect(bundled.fieldGrades().partyIdNumber).toBe('L4');
  }, 60_000);
});

describe('enforcement-decision module under tsx', () => {
  it('resolves the generated validator and its .js → .ts runtime import', async () => {
    const script = [
      "const m = await import('./src/records/enforcement-decision.ts');",
      "const r = m.validateEnforcementDecision({ creditCode: 'X' });",
      'process.stdout.write(JSON.stringify(r.valid ? [] : r.errors.map((e) => e.path)));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot });
    expect(JSON.parse(stdout)).toContain('/creditCode');
  }, 60_000);
});
