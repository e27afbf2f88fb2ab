import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** Files and directories created while the stack runs are the owner's alone: 0600 and 0700. */
export const PRIVATE_UMASK = 0o077;

/**
 * Creates the state directory for its owner alone, and takes group and other access away
 * from whatever an older run left in it: the raw zone holds L4 fields such as ID numbers.
 */
export function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
}

function tighten(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) chmodSync(path, stat.mode & 0o700);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) tighten(join(path, entry));
}

/**
 * Sets this process's umask to PRIVATE_UMASK, so what fauxqs and the runtime write in-process
 * is created private; returns the function that restores the previous one. A worker thread
 * cannot set it: there the 0700 state directory alone keeps others out.
 */
export function privateUmask(): () => void {
  if (!isMainThread) return () => undefined;
  const previous = process.umask(PRIVATE_UMASK);
  return () => {
    process.umask(previous);
  };
}
