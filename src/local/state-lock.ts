import { processAlive } from '../util/process-alive.js';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One embedded stack per state directory: a second one would fight over the databases. */
export function claimStateDir(home: string): () => void {
  const lock = join(home, 'up.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid !== process.pid && processAlive(pid)) throw new Error(`another tongyuan (pid ${pid}) is running on ${home}; stop it first or set TONGYUAN_HOME`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}
