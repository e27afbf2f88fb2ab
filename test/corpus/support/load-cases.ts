import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A case as a runner gets it: its name (file, then case) and the case itself. */
export interface LoadedCase<C> {
  readonly title: string;
  readonly case: C;
}

const CORPUS = join(import.meta.dirname, '..');

/**
 * Every case of a group: each `.json` file holds `{ "about": …, "cases": [...] }`, each `.ts`
 * module exports `cases` (cases made by code: megabyte records, 10,000-level JSON). A case is
 * titled by its file and its own name, so a failure says where to look.
 */
export async function loadCases<C extends { readonly name: string }>(group: string): Promise<LoadedCase<C>[]> {
  const dir = join(CORPUS, group);
  const loaded: LoadedCase<C>[] = [];
  for (const file of readdirSync(dir).sort()) {
    let cases: readonly C[];
    if (file.endsWith('.json')) cases = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: C[] }).cases;
    else if (file.endsWith('.cases.ts')) cases = ((await import(join(dir, file))) as { cases: readonly C[] }).cases;
    else continue;
    const names = new Set<string>();
    for (const c of cases) {
      if (names.has(c.name)) throw new Error(`${group}/${file}: two cases are named "${c.name}"`);
      names.add(c.name);
      loaded.push({ title: `${group}/${file} › ${c.name}`, case: c });
    }
  }
  return loaded;
}
