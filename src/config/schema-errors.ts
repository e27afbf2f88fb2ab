import type { ErrorObject } from 'ajv';

/**
 * Turns ajv's errors into sentences a person can act on. A failed `oneOf` reports the
 * errors of every branch; when a branch's discriminator (a `const`, e.g. `kind: page`)
 * does not match the data, that branch's errors are noise and are dropped, so what
 * remains speaks only of the variant the author meant.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const all = [...(errors ?? [])];
  const mismatchedBranches = new Map<string, ErrorObject>();
  for (const e of all) {
    const branch = /^(.*\/oneOf\/\d+)\/properties\/[^/]+\/const$/.exec(e.schemaPath)?.[1];
    if (e.keyword === 'const' && branch) mismatchedBranches.set(branch, e);
  }
  const inMismatched = (e: ErrorObject) => [...mismatchedBranches.keys()].some((b) => e.schemaPath.startsWith(`${b}/`));
  const kept = all.filter((e) => !inMismatched(e));
  const lines: string[] = [];
  for (const e of kept) {
    if (e.keyword === 'oneOf') {
      const under = (x: ErrorObject) => x.schemaPath.startsWith(`${e.schemaPath}/`);
      if (kept.some((x) => x !== e && under(x))) continue;
      // Every branch refused on its discriminator: say which values are allowed.
      const refusals = [...mismatchedBranches.entries()].filter(([branch]) => branch.startsWith(`${e.schemaPath}/`)).map(([, x]) => x);
      const first = refusals[0];
      if (first) {
        const allowed = refusals.map((x) => JSON.stringify(x.params.allowedValue)).join(', ');
        lines.push(`${first.instancePath}: must be one of ${allowed}`);
        continue;
      }
    }
    lines.push(`${e.instancePath || '/'}: ${sentence(e)}`);
  }
  return [...new Set(lines)];
}

function sentence(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `missing required property "${String(e.params.missingProperty)}"`;
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'pattern' && e.schemaPath.includes('secretRef')) {
    return 'must be a reference such as ${env:NAME}, ${ssm:/path} or ${secret:name}, never the secret itself';
  }
  return e.message ?? e.keyword;
}
