import { spawnSync } from 'node:child_process';
import { startUp } from './stack-process.js';
import { repoRoot } from './workload.js';

/** How long a serving `up` may take to say it is up, under a loaded machine. */
const SERVING_WITHIN_MS = 180_000;

/** A pipeline dead-letter queue as `up --once` names it (`normalize-dlq`): the queue it feeds, if it is one `queues redrive` serves. */
export const redrivableQueueOf = (deadLetterQueue: string): string | undefined =>
  deadLetterQueue.endsWith('-dlq') ? deadLetterQueue.slice(0, -'-dlq'.length) : undefined;

/**
 * What an operator does with batches a cycle dead-lettered (a process killed each time it held
 * them): starts the stack serving and runs `tongyuan queues redrive <queue>` against it, then
 * stops it; the next `up --once` carries them through. Returns the command's lines.
 */
export async function redriveAsAnOperator(queues: readonly string[], env: Readonly<Record<string, string>>): Promise<string[]> {
  const serving = startUp([], env);
  const lines: string[] = [];
  try {
    const deadline = Date.now() + SERVING_WITHIN_MS;
    while (!`${serving.stdout()}${serving.stderr()}`.includes('tongyuan is up')) {
      if (Date.now() > deadline || serving.exitCode() !== undefined)
        throw new Error(`the serving stack did not come up for the redrive:\n${serving.stderr().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const queue of queues) {
      const run = spawnSync(process.execPath, ['bin/tongyuan.mjs', 'queues', 'redrive', queue], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`tongyuan queues redrive ${queue} exited ${run.status}: ${run.stderr.slice(-2000)}`);
      lines.push(`${run.stdout}${run.stderr}`.trim());
    }
  } finally {
    serving.child.kill('SIGTERM');
    await serving.exited;
  }
  return lines;
}
