import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { ENDPOINTS_FILE, startStack, type EmbeddedStack } from '../../src/local/stack.js';
import { onlySources } from '../support/sources-dir.js';

/** What endpoints.json names while `stack` runs: its queue URLs, and whether a client that follows them (the SDK's default) reaches each. */
async function queuesNamed(stack: EmbeddedStack) {
  const { env } = JSON.parse(readFileSync(join(stack.home, ENDPOINTS_FILE), 'utf8')) as { env: Record<string, string> };
  const urls = Object.entries(env)
    .filter(([name]) => name.endsWith('_QUEUE_URL'))
    .map(([, url]) => url);
  const client = new SQSClient({ ...stack.aws.clientOptions, endpoint: stack.aws.messagingEndpoint });
  const reached = await Promise.all(
    urls.map((QueueUrl) =>
      client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] })).then(
        () => true,
        () => false,
      ),
    ),
  );
  client.destroy();
  return { urls, reached, sqsEndpoint: env.AWS_ENDPOINT_URL_SQS };
}

describe('a stack restarted on the same state directory', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-restart-'));
  const env = { ...process.env, TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_DEMO_RECORDS: '20', ...onlySources('demo-enforcement') };
  let stack: EmbeddedStack | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("writes endpoints.json with the queue URLs of the emulator now running, not the first run's", async () => {
    stack = await startStack(home, env);
    const firstEndpoint = stack.aws.messagingEndpoint;
    await stack.stop();
    stack = await startStack(home, env);
    expect(stack.aws.messagingEndpoint).not.toBe(firstEndpoint);
    const named = await queuesNamed(stack);
    expect(named.sqsEndpoint).toBe(stack.aws.messagingEndpoint);
    expect(named.urls.length).toBeGreaterThan(0);
    for (const url of named.urls) expect(url.startsWith(`${stack.aws.messagingEndpoint}/`), url).toBe(true);
    expect(named.reached.every(Boolean)).toBe(true);
  });
});
