import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAwsClients, destroyAwsClients } from '../../../src/aws/clients.js';
import { resources, type ResourceModel } from '../../../src/infra/resources.js';
import { startEmbeddedAws } from '../../../src/local/embedded-aws.js';
import { endpointsFileText, onRunningEmulator } from '../../../src/local/endpoints-file.js';
import { provision } from '../../../src/local/provision.js';

/** The queues alone: what endpoints.json gets wrong after a restart. */
const queuesOnly: ResourceModel = { ...resources, tables: [], buckets: [], topics: [], subscriptions: [], functions: [] };

/** Starts the emulators on `home`, provisions the queues, and answers what endpoints.json would say and where fauxqs listens. */
async function startOnce(home: string) {
  const aws = await startEmbeddedAws(home);
  const clients = createAwsClients(aws.clientOptions);
  try {
    const provisioned = await provision(queuesOnly, clients);
    const written = JSON.parse(endpointsFileText(process.pid, onRunningEmulator(provisioned.env, provisioned.queueUrls.values(), aws.messagingEndpoint))) as {
      env: Record<string, string>;
    };
    const queueUrls = Object.entries(written.env).filter(([name]) => name.endsWith('_QUEUE_URL'));
    // A client as another program builds it: the SDK's default sends to the queue URL's own host and port.
    const outside = new SQSClient({ ...aws.clientOptions, endpoint: aws.messagingEndpoint });
    const reachable = await Promise.all(
      queueUrls.map(([, url]) =>
        outside.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })).then(
          () => true,
          () => false,
        ),
      ),
    );
    outside.destroy();
    return { messaging: aws.messagingEndpoint, raw: [...provisioned.queueUrls.values()], queueUrls, reachable };
  } finally {
    destroyAwsClients(clients);
    await aws.stop();
  }
}

describe('endpoints.json after a restart on the same state directory', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-restart-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('names the queue URLs on the messaging emulator that is running now', async () => {
    const first = await startOnce(home);
    const second = await startOnce(home);
    expect(second.messaging).not.toBe(first.messaging);
    // The cause: the restarted emulator hands back each queue's URL as first created, on the first run's port.
    const firstPort = new URL(first.messaging).port;
    expect(second.raw.every((url) => new URL(url).port === firstPort)).toBe(true);
    expect(second.queueUrls.length).toBe(resources.queues.length);
    for (const [, url] of second.queueUrls) expect(url.startsWith(`${second.messaging}/`), url).toBe(true);
    expect(second.reachable.every(Boolean)).toBe(true);
  });
});
