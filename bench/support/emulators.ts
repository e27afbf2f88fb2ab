import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Composition } from '../../src/app/composition.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { countRequests, requestCounter } from '../../src/aws/request-counter.js';
import { loadRuntimeConfig } from '../../src/config/runtime-config.js';
import { resources } from '../../src/infra/resources.js';
import { provision } from '../../src/local/provision.js';
import { emulatorEnvironment } from '../../src/local/stack-environment.js';

export interface BenchEmulators {
  /** The composition root on the emulators, its clients counted by `requestCounter`. */
  readonly app: Composition;
  /** The same with more variables (what `${env:…}` references resolve against). */
  compose(extra: Readonly<Record<string, string>>): Composition;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and fauxqs in a child process, provisions the resource model and composes the adapters on them. */
export async function startBenchEmulators(): Promise<BenchEmulators> {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-'));
  const script = join(dirname(fileURLToPath(import.meta.url)), 'emulator-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const endpoints = await new Promise<{ dynamodb: string; messaging: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { dynamodb: string; messaging: string });
    });
    child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`)));
  });
  const options = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoints: { dynamodb: endpoints.dynamodb, sqs: endpoints.messaging, sns: endpoints.messaging, s3: endpoints.messaging },
  };
  const clients = countRequests(createAwsClients(options), requestCounter);
  const env = { ...process.env, ...emulatorEnvironment(options), ...(await provision(resources, clients)).env };
  const compose = (extra: Readonly<Record<string, string>>) => new Composition(loadRuntimeConfig({ ...env, ...extra }), clients);
  return {
    app: compose({}),
    compose,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
