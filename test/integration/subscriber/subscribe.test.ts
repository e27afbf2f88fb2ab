import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { startCli } from '../../support/cli.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';
import { jwksOf, newKeys, signedFeed } from '../../unit/subscriber/feed-events.js';

async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const receiveAll = async (sqs: SQSClient, queueUrl: string) =>
  (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }))).Messages ?? [];

describe('tongyuan subscribe, on a queue in the emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-subscribe-'));
  const suffix = uniqueSuffix();
  let server: Server;
  let env: Record<string, string>;
  let sqs: SQSClient;
  let queueUrl: string;
  let receiptsUrl: string;
  let jwksUrl: string;
  let events: FeedEvent[];

  beforeAll(async () => {
    const shared = await useSharedAws();
    env = shared.env;
    sqs = shared.clients.sqs;
    const keys = await newKeys();
    const jwks = JSON.stringify(await jwksOf(keys));
    server = createServer((req, res) => {
      res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/.well-known/jwks.json' ? jwks : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    // A short visibility timeout: the rejected message is back in the queue while the run drains.
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `tongyuan-feed-it${suffix}`, Attributes: { VisibilityTimeout: '1' } }))).QueueUrl!;
    receiptsUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `feed-receipts-${suffix}` }))).QueueUrl!;
    events = await signedFeed(6, keys);
    const tampered = { ...events[2]!, data: { ...events[2]!.data, record: { 标题: '被改过的文件' } } };
    // 1, 2, 2 again (a redelivery), 3 tampered, 4 never sent, 5 before 6 out of order.
    for (const body of [events[0]!, events[1]!, events[1]!, tampered, events[5]!, events[4]!])
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each good event once, reports the tampered and the missing, leaves the tampered message queued, and acknowledges', async () => {
    const out = join(dir, 'events.jsonl');
    const state = join(dir, 'state.json');
    const run = await cli(['subscribe', queueUrl, '--jwks', jwksUrl, '--out', out, '--state', state, '--receipts', receiptsUrl, '--once', '--grace', '2'], env);
    expect(run.code, run.stderr).toBe(1);
    const written = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as FeedEvent);
    expect(written.map((e) => e.sequence).sort()).toEqual(['1', '2', '5', '6']);
    expect(written.find((e) => e.sequence === '2')).toEqual(events[1]);
    expect(run.stderr).toMatch(/rejected: normative-document\/doc-3\/v1: bad signature/);
    expect(run.stderr).toContain('gazette: 3–4 missing');
    expect(run.stderr).toContain('6 received: 4 accepted, 1 duplicate(s) dropped, 1 rejected; 1 gap(s), 0 broken chain link(s)');

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the rejected message's visibility timeout
    const left = await receiveAll(sqs, queueUrl);
    expect(left.map((m) => (JSON.parse(m.Body!) as FeedEvent).sequence)).toEqual(['3']);

    const receipts = (await receiveAll(sqs, receiptsUrl)).flatMap((m) =>
      (JSON.parse(m.Body!) as { subscriber: string; receipts: { eventId: string; deliveredAt?: string }[] }).receipts.map((r) => ({
        ...r,
        subscriber: JSON.parse(m.Body!).subscriber as string,
      })),
    );
    expect(receipts.map((r) => r.eventId).sort()).toEqual([events[0]!.id, events[1]!.id, events[4]!.id, events[5]!.id].sort());
    expect(receipts.every((r) => r.subscriber === `it${suffix}` && /^\d{4}-\d\d-\d\dT/.test(r.deliveredAt ?? ''))).toBe(true);

    // A second run over the same state: the tampered message is rejected again, nothing is written twice.
    const again = await cli(['subscribe', queueUrl, '--jwks', jwksUrl, '--out', out, '--state', state, '--once'], env);
    expect(again.code, again.stderr).toBe(1);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
  });
});
