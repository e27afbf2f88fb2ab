import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@aws-sdk/client-sqs';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, demoAsOf, demoRecordCount } from '../../demo/departments.js';
import { generatePenalties } from '../../demo/enforcement/generate.js';
import { chinaDate } from '../../src/calendar/index.js';
import { headHash, headOf } from '../../src/feeds/canonical.js';
import type { FeedEvent } from '../../src/feeds/event.js';
import { verifyEventSignature } from '../../src/feeds/signature.js';
import { startStack, type EmbeddedStack } from '../../src/local/stack.js';
import { startCli } from '../support/cli.js';
import { drainQueue } from '../support/queues.js';
import { onlySources } from '../support/sources-dir.js';

// Every department whose records go out on a feed, small, with the repository's demo subscribers.
const env = {
  ...process.env,
  TONGYUAN_DEMO_RECORDS: '120',
  ...onlySources('demo-enforcement', 'demo-documents', 'demo-gazette', 'demo-credit', 'demo-property-rights', 'demo-service-items'),
};

/** The demo subscriber of the enforcement feed with no filter: the reference subscriber reads its queue below. */
const SUPERVISION = 'zhejiang-enforcement-supervision';

const eventsOf = (messages: readonly Message[]) => messages.map((m) => JSON.parse(m.Body!) as FeedEvent);
const actionOf = (event: FeedEvent) => event.type.split('.').at(-2);

describe('the feeds, end to end on the embedded stack', () => {
  let home: string;
  let stack: EmbeddedStack;
  let jwks: JSONWebKeySet;
  let jwksServer: Server;
  const received = new Map<string, FeedEvent[]>();
  const queueOf = (subscriber: string) => {
    const url = [...stack.provisioned.queueUrls.entries()].find(([id]) => id === `feed-${subscriber}`)?.[1];
    if (!url) throw new Error(`no queue for subscriber ${subscriber}; queues: ${[...stack.provisioned.queueUrls.keys()].join(', ')}`);
    return url;
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tongyuan-feeds-'));
    stack = await startStack(home, env);
    await stack.runCycle();
    jwks = (await (await stack.api.request('http://localhost/.well-known/jwks.json')).json()) as JSONWebKeySet;
    // The supervision platform's queue is left for the reference subscriber, which reads it from the first sequence on.
    for (const s of (await stack.app.catalog()).subscribers.filter((x) => x.id !== SUPERVISION))
      received.set(s.id, eventsOf(await drainQueue(stack.app.clients.sqs, queueOf(s.id))));
    jwksServer = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    jwksServer?.close();
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('every feed reaches its subscribers: signed events, in a gapless hash chain per feed', async () => {
    const subscribers = (await stack.app.catalog()).subscribers.filter((x) => x.id !== SUPERVISION);
    const feedsSeen = new Set<string>();
    for (const s of subscribers) {
      const events = received.get(s.id)!;
      expect(events.length, s.id).toBeGreaterThan(0);
      for (const event of events) {
        expect(await verifyEventSignature(event as unknown as Record<string, unknown>, jwks), event.id).toMatchObject({ valid: true });
        expect(event.data.view).toBe(s.view);
        feedsSeen.add(event.source);
      }
      // An unfiltered subscriber sees every sequence of its feeds: gapless, each linked to the one before.
      if (s.filter) continue;
      for (const source of new Set(events.map((e) => e.source))) {
        const ordered = events.filter((e) => e.source === source).sort((a, b) => Number(a.sequence) - Number(b.sequence));
        expect(ordered.map((e) => Number(e.sequence))).toEqual(ordered.map((_, i) => i + 1));
        for (let i = 1; i < ordered.length; i += 1) expect(ordered[i]!.prevhash).toBe(headHash(headOf(ordered[i - 1]! as unknown as Record<string, unknown>)));
      }
    }
    expect([...feedsSeen].sort()).toEqual(['/shaoxing/tongyuan/enforcement', '/shaoxing/tongyuan/gazette', '/shaoxing/tongyuan/yrd']);
  });

  it('a public-view subscriber never receives a field above its grant', async () => {
    const subscribers = (await stack.app.catalog()).subscribers;
    const restricted = [
      'contactPerson',
      'contactMobile',
      'transfereeName',
      'depositAccount',
      'partyIdNumber',
      'subjectIdNumber',
      'legalRepresentativeIdNumber',
    ];
    for (const s of subscribers.filter((x) => x.view === 'public')) {
      const text = JSON.stringify(received.get(s.id));
      for (const field of restricted) expect(text, `${s.id}: ${field}`).not.toContain(`"${field}"`);
    }
  });

  it('a revoked decision is withdrawn to every subscriber of its feeds within the deadline, and leaves the next release', async () => {
    const asOf = demoAsOf(env);
    const today = chinaDate(new Date());
    const { records } = generatePenalties({ count: demoRecordCount(env), seed: DEMO_SEED, asOf });
    const release = async () => (await stack.api.request('http://localhost/v1/datasets/enforcement-decisions/download?format=jsonl')).text();
    const before = await release();
    const original = records.find((r) => r.cf_zt === '0' && before.includes(r.cf_wsh) && /^\d{4}-\d{2}-\d{2}$/.test(r.cf_gsjzqx) && r.cf_gsjzqx > today)!;
    expect(original).toBeDefined();
    stack.demos.enforcement.upsert({ ...original, cf_zt: '1' });
    await stack.runCycle();
    expect(await release()).not.toContain(original.cf_wsh);
    const subscribers = (await stack.app.catalog()).subscribers.filter(
      (s) => s.id !== SUPERVISION && (s.feeds.includes('enforcement') || s.feeds.includes('yrd')),
    );
    for (const s of subscribers) {
      const events = eventsOf(await drainQueue(stack.app.clients.sqs, queueOf(s.id)));
      const withdrawn = events.filter((e) => actionOf(e) === 'withdrawn');
      // A district-filtered subscriber gets the withdrawal only of a decision in its districts.
      if (s.filter?.districts && !s.filter.districts.includes(original.dq)) continue;
      expect(withdrawn.length, s.id).toBeGreaterThan(0);
      expect(
        withdrawn.every((e) => e.data.record === undefined && e.data.reason === 'revoked'),
        s.id,
      ).toBe(true);
    }
    let leaving = 0;
    for await (const page of stack.app.deliveryLedger().leaving()) {
      for (const delivery of page.filter((d) => d.type.endsWith('.withdrawn.v1'))) {
        leaving += 1;
        expect(chinaDate(new Date(delivery.sentAt)) <= delivery.deadline).toBe(true);
      }
    }
    expect(leaving).toBeGreaterThan(0);
  });

  it('the reference subscriber verifies every event the supervision platform received, finds no gap, and its receipts reach the ledger', async () => {
    const stackEnv = (JSON.parse(readFileSync(join(home, 'endpoints.json'), 'utf8')) as { env: Record<string, string> }).env;
    const out = join(home, 'supervision.jsonl');
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    const run = startCli(
      [
        'subscribe',
        queueOf(SUPERVISION),
        '--jwks',
        jwksUrl,
        '--out',
        out,
        '--state',
        join(home, 'supervision-state.json'),
        '--receipts',
        stack.provisioned.queueUrls.get('feed-receipts')!,
        '--once',
      ],
      { ...stackEnv, TONGYUAN_HOME: home },
    );
    expect(await run.exited, run.stderr() + run.stdout()).toBe(0);
    const events = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as FeedEvent);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.data.view === 'partner-government')).toBe(true);
    // Its receipts go through the receipts queue to the ledger: each withdrawal it was sent is delivered and consumed.
    const ledger = stack.app.deliveryLedger();
    let withdrawals: { type: string; consumedAt?: string; deliveredAt?: string; deadline: string }[] = [];
    for (let attempt = 0; attempt < 60; attempt += 1) {
      withdrawals = [];
      for await (const page of ledger.leaving(SUPERVISION)) withdrawals.push(...page);
      if (withdrawals.length > 0 && withdrawals.every((w) => w.consumedAt)) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(withdrawals.length).toBeGreaterThan(0);
    for (const w of withdrawals) expect(w.consumedAt).toBeDefined();
    // The revocation made in this run is delivered within its three working days (the demo's expiries are old news: their deadline passed before the stack existed).
    const revocations = withdrawals.filter((w) => w.type.endsWith('.withdrawn.v1'));
    expect(revocations.length).toBeGreaterThan(0);
    for (const w of revocations) expect(chinaDate(new Date(w.deliveredAt!)) <= w.deadline).toBe(true);
    expect((await ledger.counts(SUPERVISION)).consumed).toBe(events.length);
  });
});
