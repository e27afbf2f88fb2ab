import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './workload.js';

/** One `tongyuan up` of the harness, as a user starts it: its own process, its output kept. */
export interface StackProcess {
  readonly child: ChildProcess;
  readonly startedAt: number;
  stdout(): string;
  stderr(): string;
  /** When the run said "cycle done", if it has. */
  readonly cycleDoneAt: () => number | undefined;
  readonly exited: Promise<number | null>;
  exitCode(): number | null | undefined;
}

/** The harness's own runs still alive: ended if the harness fails, so none outlives it. */
const running = new Set<ChildProcess>();

export function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function startUp(args: readonly string[], env: Readonly<Record<string, string>>): StackProcess {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['bin/tongyuan.mjs', 'up', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  let cycleDoneAt: number | undefined;
  let code: number | null | undefined;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (cycleDoneAt === undefined && err.includes('cycle done in')) cycleDoneAt = Date.now();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (exit) => {
      running.delete(child);
      code = exit;
      resolve(exit);
    }),
  );
  return {
    child,
    startedAt,
    stdout: () => out,
    stderr: () => err,
    cycleDoneAt: () => cycleDoneAt,
    exited,
    exitCode: () => code,
  };
}

/** The JSON summary `up --once` prints last, when it got that far. */
export function cycleSummary(
  run: StackProcess,
): { failed: readonly { source?: string; id?: string }[]; deadLettered?: readonly { queue: string; messages: number }[] } | undefined {
  const last = run
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{"sources":'))
    .at(-1);
  return last ? (JSON.parse(last) as { failed: readonly { source?: string }[]; deadLettered?: readonly { queue: string; messages: number }[] }) : undefined;
}

/** Resolves with the exit, or undefined when `ms` passed first. */
export async function exitWithin(run: StackProcess, ms: number): Promise<number | null | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
