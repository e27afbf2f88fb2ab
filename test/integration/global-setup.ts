import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedAws, type EmbeddedAws } from '../../src/local/embedded-aws.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoints of the emulators shared by every integration test file. */
    awsEndpoints: { dynamodb: string; messaging: string };
  }
}

let aws: EmbeddedAws | undefined;
let dir: string | undefined;

/** DynamoDB Local and fauxqs, started once on free ports for all integration tests. */
export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'tongyuan-it-'));
  aws = await startEmbeddedAws(dir);
  project.provide('awsEndpoints', { dynamodb: aws.dynamoEndpoint, messaging: aws.messagingEndpoint });
}

export async function teardown(): Promise<void> {
  await aws?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
