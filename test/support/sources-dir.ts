import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/**
 * A sources folder holding only the named source definitions, for tests that need every
 * count known exactly; also limits the demo departments started to the matching ones.
 */
export function onlySources(...ids: string[]): { readonly TONGYUAN_SOURCES_DIR: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-sources-'));
  for (const id of ids) copyFileSync(join(repoRoot, 'sources', `${id}.yaml`), join(dir, `${id}.yaml`));
  return { TONGYUAN_SOURCES_DIR: dir };
}
