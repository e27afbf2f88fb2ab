import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resetAwsClients } from '../../src/aws/clients.js';
import { resources } from '../../src/infra/resources.js';
import { provision } from '../../src/local/provision.js';

export interface BenchEmulators {
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and fauxqs in a child process, points this process's SDK at them and provisions the resource model. */
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
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.messaging,
    AWS_ENDPOINT_URL_SNS: endpoints.messaging,
    AWS_ENDPOINT_URL_S3: endpoints.messaging,
  });
  resetAwsClients();
  Object.assign(process.env, (await provision(resources)).env);
  return {
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
