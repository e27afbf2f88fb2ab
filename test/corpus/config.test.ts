import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadSourceFile } from '../../src/config/catalog.js';
import { repoRoot } from '../support/cli.js';
import { loadCases } from './support/load-cases.js';

/**
 * A source file: the demo enforcement source with `patch` merged in (null removes a key), or
 * its text with `replace` pairs applied (YAML's .nan and .inf, which JSON cannot hold), or `text` as the whole file. `expect.problem` is what the refusal must say; absent, the file loads.
 */
interface ConfigCase {
  readonly name: string;
  readonly patch?: Readonly<Record<string, unknown>>;
  readonly text?: string;
  readonly replace?: readonly (readonly [string, string])[];
  readonly expect: { readonly problem?: string };
}

const cases = await loadCases<ConfigCase>('config');

function merged(base: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch) || typeof base !== 'object' || base === null) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merged(out[key], value);
  }
  return out;
}

describe('bad-input corpus: source files refused with a clear message', () => {
  let dir: string;
  let baseText: string;
  let base: unknown;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corpus-config-'));
    baseText = await readFile(join(repoRoot, 'sources', 'demo-enforcement.yaml'), 'utf8');
    base = parse(baseText);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(cases)('$title', async ({ case: c }) => {
    const file = join(dir, 'case-source.yaml');
    const replaced = c.replace?.reduce((text, [from, to]) => {
      expect(text, `the demo source has no "${from}" to replace`).toContain(from);
      return text.replace(from, to);
    }, baseText);
    await writeFile(file, c.text ?? replaced ?? stringify(merged(base, c.patch ?? {})));
    const outcome = await loadSourceFile(file).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (c.expect.problem === undefined) {
      expect(outcome).toBeUndefined();
      return;
    }
    expect(outcome, 'the file was accepted').toBeInstanceOf(ConfigError);
    const message = (outcome as Error).message;
    expect(message).toContain('case-source.yaml');
    expect(message).toMatch(new RegExp(c.expect.problem));
    expect(message, 'a stack frame in the message').not.toMatch(/\bat [^\s]+ \(|node_modules/);
    expect(message.length, 'the message is readable').toBeLessThan(5_000);
  });
});
