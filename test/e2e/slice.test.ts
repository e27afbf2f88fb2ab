import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePenalties } from '../../demo/enforcement/generate.js';
import { DEMO_SEED, demoAsOf, demoRecordCount } from '../../demo/departments.js';
import { chinaDate } from '../../src/calendar/index.js';
import { startStack, type EmbeddedStack } from '../../src/local/stack.js';
import type { RunSummary } from '../../src/local/summary.js';
import { drainQueue } from '../support/queues.js';
import { countPublicRecords, countSsotItems } from '../support/ssot.js';
import { onlySources } from '../support/sources-dir.js';

/** The demo subscriber of the enforcement feed with no filter (subscribers/zhejiang-enforcement-supervision.yaml). */
const SUPERVISION_QUEUE = 'feed-zhejiang-enforcement-supervision';
/** Feeds carrying a decision (enforcement, yrd) × views their demo subscribers hold (public, partner-government). */
const MESSAGES_PER_DECISION = 4;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The slice of the law-enforcement department alone, so every count is known exactly.
const env = { ...process.env, TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', ...onlySources('demo-enforcement') };

describe('one full cycle of the embedded stack, end to end', () => {
  const expected = generatePenalties({ count: demoRecordCount(env), seed: DEMO_SEED, asOf: demoAsOf(env) });
  const valid = expected.records.length - expected.defective.size;
  let home: string;
  let stack: EmbeddedStack;
  let summary: RunSummary;
  /** The SSOT records public today under the dataset's disclosure rules: what the release holds. */
  let published: number;
  const today = chinaDate(new Date());

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tongyuan-e2e-'));
    stack = await startStack(home, env);
    summary = await stack.runCycle();
    published = await countPublicRecords(stack.app, 'enforcement-decisions', today);
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('pulls every source item once and stores every valid one as one version', async () => {
    // Penalties and licences are two datasets of the record type; the licences one is released empty here.
    // A decision goes out on two feeds (enforcement, yrd), each once per view its subscribers hold (public, partner-government).
    expect(summary).toMatchObject({
      sources: 1,
      pulled: expected.records.length,
      records: valid,
      datasets: 2,
      releases: 2,
      events: MESSAGES_PER_DECISION * valid,
    });
    expect(await countSsotItems(stack.app)).toEqual({ current: valid, versions: valid, maxVersion: 1 });
  });

  it('quarantines exactly the defective items, each with its errors', async () => {
    expect(summary.quarantined).toBe(expected.defective.size);
    const entries = await stack.app.quarantineStore().list('demo-enforcement');
    expect(new Set(entries.map((e) => e.sourceKey))).toEqual(new Set(expected.defective.keys()));
    for (const entry of entries) {
      expect(entry.errors.length).toBeGreaterThan(0);
      expect(entry.errors[0]).toMatchObject({ path: expect.any(String), message: expect.any(String), messageZh: expect.any(String) });
      expect(entry.rawKey).toMatch(/^raw\/demo-enforcement\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{64}\.json\.gz$/);
    }
  });

  it('publishes a release of the SSOT records public today, and serves its exact bytes', async () => {
    const catalog = (await (await stack.api.request('http://localhost/v1/datasets')).json()) as {
      datasets: { id: string; latestRelease: { rowCount: number; files: { format: string; sha256: string; bytes: number }[] } }[];
    };
    const dataset = catalog.datasets.find((d) => d.id === 'enforcement-decisions')!;
    // The demo has revoked and expired decisions: they are in the SSOT, not in the release.
    expect(published).toBeLessThan(valid);
    expect(dataset.latestRelease.rowCount).toBe(published);
    for (const format of ['csv', 'jsonl']) {
      const response = await stack.api.request(`http://localhost/v1/datasets/enforcement-decisions/download?format=${format}`);
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const file = dataset.latestRelease.files.find((f) => f.format === format)!;
      expect({ bytes: bytes.length, sha256: sha256(bytes) }).toEqual({ bytes: file.bytes, sha256: file.sha256 });
      const text = new TextDecoder().decode(bytes);
      const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
      expect(lines.length).toBe(format === 'csv' ? published + 1 : published);
      if (format === 'jsonl') expect(lines.some((line) => (JSON.parse(line) as { status?: string }).status === 'revoked')).toBe(false);
      // UTF-8 with a BOM, so spreadsheet software on Chinese Windows reads it right.
      if (format === 'csv') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it('opens only L1 fields: the ID numbers of natural persons never leave the SSOT', async () => {
    const response = await stack.api.request('http://localhost/v1/datasets/enforcement-decisions/download?format=jsonl');
    const text = await response.text();
    expect(text).not.toContain('partyIdNumber');
    // The legal representative is published (the national standard opens it); their ID number never is.
    expect(text).not.toContain('legalRepresentativeIdNumber');
    const idNumbers = expected.records.map((r) => r.xdr_zjhm).filter((id) => id.length === 18);
    expect(idNumbers.some((id) => text.includes(id))).toBe(false);
  });

  it('delivers one CloudEvent per SSOT version to the unfiltered enforcement subscriber', async () => {
    const messages = await drainQueue(stack.app.clients.sqs, stack.provisioned.queueUrls.get(SUPERVISION_QUEUE)!);
    const events = messages.map((m) => JSON.parse(m.Body!) as Record<string, unknown>);
    expect(new Set(events.map((e) => e.id)).size).toBe(valid);
    // The feed follows the release: what it shows is published, a revoked or expired decision is announced as leaving, without its content.
    const change = (e: Record<string, unknown>) => String(e.type).split('.').at(-2);
    expect(events.filter((e) => change(e) === 'published')).toHaveLength(published);
    for (const event of events) {
      expect(event).toMatchObject({
        specversion: '1.0',
        type: expect.stringMatching(/\.enforcement\.decision\.(published|withdrawn|expired)\.v1$/),
        source: expect.any(String),
        subject: expect.any(String),
        time: expect.any(String),
      });
    }
  });

  it('a second cycle finds nothing new and changes nothing', async () => {
    const again = await stack.runCycle();
    expect(again).toMatchObject({ pulled: 0, records: valid, quarantined: expected.defective.size, releases: 0, events: 0 });
    expect(await countSsotItems(stack.app)).toEqual({ current: valid, versions: valid, maxVersion: 1 });
  });

  it('a record amended at the department becomes version 2, a new release and a changed event', async () => {
    // One in the release (in force, its period running), so the amendment changes the release.
    const original = expected.records.find(
      (r) => !expected.defective.has(r.id) && r.cf_zt === '0' && /^\d{4}-\d{2}-\d{2}$/.test(r.cf_gsjzqx) && r.cf_gsjzqx > today,
    )!;
    stack.demos.enforcement.upsert({ ...original, cf_ajmc: `${original.cf_ajmc}（更正）` });
    const after = await stack.runCycle();
    expect(after).toMatchObject({ pulled: 1, records: valid, releases: 1, events: MESSAGES_PER_DECISION });
    expect(await countSsotItems(stack.app)).toEqual({ current: valid, versions: valid + 1, maxVersion: 2 });
    const [message] = await drainQueue(stack.app.clients.sqs, stack.provisioned.queueUrls.get(SUPERVISION_QUEUE)!);
    const event = JSON.parse(message!.Body!) as { type: string; data: { version: number; record: { caseName: string } } };
    expect(event.type).toMatch(/\.enforcement\.decision\.changed\.v1$/);
    expect(event.data.version).toBe(2);
    expect(event.data.record.caseName).toContain('（更正）');
  });
});
