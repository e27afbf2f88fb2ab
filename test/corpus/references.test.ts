import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSourceFile, type SourceConfig } from '../../src/config/catalog.js';
import { referenceProblems } from '../../src/config/reference-check.js';
import { repoRoot } from '../support/cli.js';
import { loadCases } from './support/load-cases.js';

/**
 * A demo source (`base`: http, the enforcement API; sql, the credit centre's PostgreSQL) with
 * `connection` fields replaced, checked against `env` as `sources check` checks it. `expect.problems`
 * lists the JSON pointers that must be reported (each once, each with both languages); [] means clean.
 */
interface ReferenceCase {
  readonly name: string;
  readonly base: 'http' | 'sql';
  readonly connection: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly expect: { readonly problems: readonly string[]; readonly words?: readonly string[] };
}

const cases = await loadCases<ReferenceCase>('references');
const BASE_FILES = { http: 'demo-enforcement.yaml', sql: 'demo-credit.yaml' } as const;
const BASE_ENV = { TONGYUAN_DEMO_ENFORCEMENT_URL: 'http://127.0.0.1:9', TONGYUAN_DEMO_CREDIT_DB_HOST: '127.0.0.1' };

function withConnection(base: SourceConfig, patch: Readonly<Record<string, unknown>>): SourceConfig {
  const connection: Record<string, unknown> = { ...(base.connection as unknown as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete connection[key];
    else connection[key] = value;
  }
  return { ...base, connection } as SourceConfig;
}

describe('bad-input corpus: references in source files, checked before they run', () => {
  const bases: Partial<Record<ReferenceCase['base'], SourceConfig>> = {};
  beforeAll(async () => {
    for (const [kind, file] of Object.entries(BASE_FILES)) bases[kind as ReferenceCase['base']] = await loadSourceFile(join(repoRoot, 'sources', file));
  });

  it.each(cases)('$title', ({ case: c }) => {
    const source = withConnection(bases[c.base]!, c.connection);
    const problems = referenceProblems(source, { ...BASE_ENV, ...c.env });
    expect(problems.map((p) => p.path).sort()).toEqual([...c.expect.problems].sort());
    for (const problem of problems) {
      expect(problem.sourceId).toBe(source.id);
      expect(problem.en.length).toBeGreaterThan(0);
      expect(problem.zh.length).toBeGreaterThan(0);
      expect(problem.en.length, 'a readable message').toBeLessThan(1_000);
    }
    for (const word of c.expect.words ?? []) expect(problems.map((p) => `${p.en} ${p.zh}`).join(' ')).toContain(word);
  });
});
