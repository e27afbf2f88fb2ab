import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { asyncApiDocument } from '../../../src/feeds/asyncapi.js';
import { chainHeads, emptyTip } from '../../../src/feeds/chain.js';
import type { FeedEventData } from '../../../src/feeds/event.js';
import { generateFeedKeySet } from '../../../src/feeds/feed-keys.js';
import { FEED_ENTITIES, FEED_IDS, dataSchemaUri, eventSource, eventType } from '../../../src/feeds/feeds.js';
import { JwkFeedSigner } from '../../../src/feeds/signature.js';
import { jcs } from '../../../src/feeds/canonical.js';

const parse = (document: unknown) => new Parser().parse(document as never);
const errorsOf = (diagnostics: Awaited<ReturnType<typeof parse>>['diagnostics']) =>
  diagnostics.filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error)).map((d) => `${d.code} at ${d.path.join('/')}: ${d.message}`);

/** A signed event as the fan-out builds it: a chained head, the data, a detached JWS over the JCS of the rest. */
async function signedEvent(entity: (typeof FEED_ENTITIES)[number], action: string, data: FeedEventData) {
  const { heads } = chainHeads(emptyTip(entity.feed), [
    {
      specversion: '1.0',
      id: `${entity.recordType}/${data.recordId}/v${data.version}`,
      source: eventSource(entity.feed),
      type: eventType(entity.feed, entity.entity, action),
      subject: data.recordId,
      time: '2026-11-27T01:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: dataSchemaUri(entity.feed, entity.entity),
    },
  ]);
  const keys = await generateFeedKeySet();
  const unsigned = { ...heads[0]!, data };
  const signature = await new JwkFeedSigner(async () => keys).signDetached(new TextEncoder().encode(jcs(unsigned)));
  return { ...unsigned, signature };
}

describe('the AsyncAPI document of the feeds', () => {
  let parsed: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    const { document, diagnostics } = await parse(asyncApiDocument('https://data.example'));
    expect(errorsOf(diagnostics)).toEqual([]);
    parsed = document!;
  }, 120_000);

  it('is valid AsyncAPI 3.0.0, with a channel and a receive operation per feed on its FIFO topic', () => {
    expect(parsed.version()).toBe('3.0.0');
    expect(
      parsed
        .channels()
        .all()
        .map((c) => [c.id(), c.address()]),
    ).toEqual(FEED_IDS.map((feed) => [feed, `tongyuan-${feed}.fifo`]));
    expect(
      parsed
        .operations()
        .all()
        .map((o) => [o.action(), o.channels().all()[0]?.id()]),
    ).toEqual(FEED_IDS.map((feed) => ['receive', feed]));
    expect(
      parsed
        .servers()
        .all()
        .map((s) => s.protocol()),
    ).toEqual(['sqs']);
  });

  it('has one message per entity and action of each feed, named by its event type', () => {
    const expected = FEED_ENTITIES.flatMap((e) => e.actions.map((a) => eventType(e.feed, e.entity, a)));
    expect(
      parsed
        .components()
        .messages()
        .all()
        .map((m) => m.name())
        .sort(),
    ).toEqual([...expected].sort());
    for (const feed of FEED_IDS) {
      const channel = parsed.channels().get(feed)!;
      const onFeed = FEED_ENTITIES.filter((e) => e.feed === feed).flatMap((e) => e.actions.map((a) => eventType(feed, e.entity, a)));
      expect(
        channel
          .messages()
          .all()
          .map((m) => m.name())
          .sort(),
      ).toEqual([...onFeed].sort());
      expect(parsed.operations().get(`receive-${feed}`)!.messages().all()).toHaveLength(onFeed.length);
    }
  });

  it('describes signing, the hash chain, the claim check and receipts, linking the keys on the public base URL', () => {
    const text = parsed.info().description() ?? '';
    for (const words of ['JCS', 'EdDSA', 'https://data.example/.well-known/jwks.json', 'prevhash', 'sequence', 'dataref', 'feed-receipts', 'own SQS queue URL'])
      expect(text).toContain(words);
  });

  it('a signed event validates against its message’s payload and attributes; another type’s, a tampered or unsigned one does not', async () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const entity = FEED_ENTITIES.find((e) => e.feed === 'enforcement')!;
    const message = parsed.components().messages().get('enforcement.decision.published')!;
    const payload = ajv.compile(message.payload()!.json());
    const headers = ajv.compile(message.headers()!.json());

    const event = await signedEvent(entity, 'published', {
      recordType: entity.recordType,
      recordId: 'sx-2026-001',
      version: 2,
      contentHash: 'abc',
      view: 'public',
      record: { decisionNumber: '绍市监罚〔2026〕1号', fineYuan: 500 },
    });
    expect(payload(event), JSON.stringify(payload.errors)).toBe(true);
    expect(headers({ type: event.type, entity: 'decision', action: 'published', district: '越城区', view: 'public' })).toBe(true);

    expect(payload({ ...event, type: eventType('enforcement', 'decision', 'withdrawn') })).toBe(false);
    expect(payload({ ...event, signature: undefined })).toBe(false);
    expect(payload({ ...event, sequence: 1 })).toBe(false);
    // A public record is typed by the record type's L1 fields.
    expect(payload({ ...event, data: { ...event.data, record: { fineYuan: 'five hundred' } } })).toBe(false);
    expect(headers({ type: event.type, entity: 'decision', action: 'withdrawn', district: '越城区', view: 'public' })).toBe(false);

    // Claim-checked: `dataref` stands in for `data`.
    const { data, ...rest } = event;
    void data;
    expect(payload({ ...rest, dataref: 's3://feed-payloads/enforcement/x/public.json' })).toBe(true);
  });

  it('each view of a record is typed by the record type’s fields of its grades, never L4; the yrd profile is described', () => {
    const schemas = parsed.components().schemas();
    const publicRecord = schemas.get('yrd.property-rights.record.public')!.json<{ description: string }>();
    expect(publicRecord.description).toContain('national exchange profile');
    const partner = schemas.get('gazette.normative-document.record.partner-government')!.json<{ properties: Record<string, unknown> }>();
    const open = schemas.get('gazette.normative-document.record.public')!.json<{ properties: Record<string, unknown> }>();
    expect(Object.keys(partner.properties).length).toBeGreaterThan(0);
    expect(Object.keys(open.properties)).toEqual(Object.keys(partner.properties));
    const decision = schemas.get('enforcement.decision.record.public')!.json<{ properties: Record<string, unknown> }>();
    // L4 fields never go out, in either view.
    expect(decision.properties).not.toHaveProperty('partyIdNumber');
    expect(schemas.get('enforcement.decision.record.partner-government')!.json()).not.toHaveProperty('properties.partyIdNumber');
  });

  it('the parser does report a broken document, so a clean result means something', async () => {
    const document = asyncApiDocument('https://data.example') as { operations: Record<string, { channel: unknown }> };
    document.operations['receive-gazette']!.channel = { $ref: '#/channels/nowhere' };
    const { diagnostics } = await parse(document);
    expect(errorsOf(diagnostics).length).toBeGreaterThan(0);
  }, 120_000);
});
