import { recordTypeNamed } from '../../records/registry.js';
import { FEED_VIEWS, type FeedEntity, type FeedView } from '../feeds.js';

/**
 * The JSON Schemas of the AsyncAPI document's components: the CloudEvents envelope every feed
 * message shares, and per entity its `data` and its `record` as each view shows it.
 */
export type Schema = Readonly<Record<string, unknown>>;

export const schemaRef = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Component names: AsyncAPI allows letters, digits, `.`, `-` and `_`. */
export const dataSchemaName = (e: FeedEntity): string => `${e.feed}.${e.entity}.data`;
export const recordSchemaName = (e: FeedEntity, view: FeedView): string => `${e.feed}.${e.entity}.record.${view}`;

const LEAVING_REASONS = ['revoked', 'suspended', 'expired', 'removed', 'identity-conflict', 'repealed', 'repaired', 'closed'];

/** The CloudEvents 1.0 head, as the feed log keeps it and GET /v1/feeds/{feed}/events answers it. */
export const feedEventHeadSchema: Schema = {
  type: 'object',
  description: 'A CloudEvents 1.0 event without `data` and `signature`: the same for every subscriber whatever its view. The hash chain runs over heads.',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'sequence', 'prevhash'],
  properties: {
    specversion: { type: 'string', const: '1.0' },
    id: {
      type: 'string',
      description:
        'The record version announced, `<recordType>/<recordId>/v<n>`; for an expiry `<recordType>/<recordId>/expired/<last public day>`. Stable across redeliveries and replays: deduplicate on it.',
    },
    source: { type: 'string', description: 'The feed: `/shaoxing/tongyuan/<feed>`.' },
    type: { type: 'string', description: '`cn.gov.shaoxing.tongyuan.<feed>.<entity>.<action>.v1`' },
    subject: { type: 'string', description: 'The record id; also the FIFO message group, so one record’s events arrive in order.' },
    time: { type: 'string', format: 'date-time', description: 'When the version was stored (for an expiry: when it was noticed).' },
    datacontenttype: { type: 'string', const: 'application/json' },
    dataschema: { type: 'string', format: 'uri', description: 'The JSON Schema of `data` (the same as this document’s data schema of the entity).' },
    sequence: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description:
        'Extension: the event’s place in its feed, from 1, gapless across the feed (a filtered subscription skips numbers; GET /v1/feeds/{feed}/events answers the heads skipped).',
    },
    prevhash: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{43}$',
      description:
        'Extension: base64url SHA-256 of the JCS-canonical (RFC 8785) head of the previous event of the feed; for the first event, of the feed’s source (genesis).',
    },
  },
};

/** The whole message body: the head, `data` (or, claim-checked, `dataref`) and the signature. */
export const feedEventSchema: Schema = {
  type: 'object',
  description: 'A signed CloudEvents 1.0 event in structured JSON mode: the head, the data the subscriber’s view allows, and a detached JWS over the rest.',
  allOf: [schemaRef('FeedEventHead')],
  required: ['signature'],
  anyOf: [{ required: ['data'] }, { required: ['dataref'] }],
  properties: {
    data: { type: 'object', description: 'The record’s identity and its content as the subscriber’s view shows it.' },
    dataref: {
      type: 'string',
      pattern: '^s3://',
      description:
        'Extension (CloudEvents dataref), instead of `data` when the body would exceed 240 KiB: `s3://feed-payloads/<feed>/<sha256 of id>/<view>.json` holds the data. Fetch it, put it back as `data`, drop `dataref`, then verify.',
    },
    signature: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$',
      description:
        'Extension: detached compact JWS (`<protected>..<signature>`, protected header `{alg: "EdDSA", kid}`) over the UTF-8 of the JCS-canonical event without `signature`. Keys: /.well-known/jwks.json.',
    },
  },
};

const PLAIN_KEYS = [
  'title',
  'description',
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'items',
  'minItems',
];

/** A record field's schema without the repository's own annotations (grades, codes, labels). */
function plainProperty(property: Schema): Schema {
  return Object.fromEntries(Object.entries(property).filter(([key]) => PLAIN_KEYS.includes(key)));
}

const PARTNER_GRADES = ['L1', 'L2', 'L3'];

/**
 * A record as a view shows it, from the record type's schema: `public` its L1 fields (free text
 * redacted), `partner-government` L1–L3 with personal information masked; never an L4 field.
 * The yrd feed speaks the national exchange profile, so its records are described, not listed.
 */
export function recordSchema(e: FeedEntity, view: FeedView): Schema {
  if (e.feed === 'yrd')
    return {
      type: 'object',
      description: `The ${e.recordType} record in the national exchange profile (field codes, national code lists, amounts in 万元): ${
        view === 'public' ? 'its L1 fields, free text redacted' : 'its L1–L3 fields, personal information masked'
      }; never an L4 field.`,
    };
  const schema = recordTypeNamed(e.recordType).schema as { properties: Record<string, Schema> };
  const grades = view === 'public' ? ['L1'] : PARTNER_GRADES;
  const properties = Object.entries(schema.properties)
    .filter(([, p]) => grades.includes(String(p['x-grade'])))
    .map(([name, p]) => {
      // A masked value keeps its type but not its pattern (some characters are replaced by *).
      const masked = view === 'partner-government' && typeof p['x-pii'] === 'string';
      const plain = plainProperty(p);
      return [
        name,
        masked ? { type: 'string', title: plain.title, description: `${typeof plain.description === 'string' ? plain.description : name} (masked)` } : plain,
      ] as const;
    });
  return {
    type: 'object',
    description:
      view === 'public'
        ? `The ${e.recordType} record as an open release shows it: its L1 fields, free text redacted.`
        : `The ${e.recordType} record as a partner government’s grant shows it: its L1–L3 fields, personal information masked; never an L4 field.`,
    properties: Object.fromEntries(properties),
  };
}

/** An entity's event `data`: identity, version, view, and the record (absent when it leaves public view). */
export function dataSchema(e: FeedEntity): Schema {
  return {
    type: 'object',
    description: `The data of a ${e.entity} event on the ${e.feed} feed.`,
    required: ['recordType', 'recordId', 'version', 'contentHash', 'view'],
    properties: {
      recordType: { type: 'string', const: e.recordType },
      recordId: { type: 'string' },
      version: { type: 'integer', minimum: 1, description: 'The SSOT version announced.' },
      contentHash: { type: 'string', description: 'The hash of the version’s content in the SSOT.' },
      view: { type: 'string', enum: [...FEED_VIEWS], description: 'The view the record was rendered for (the subscriber’s grant).' },
      record: { type: 'object', description: 'The record’s fields as the view shows them; absent when the record leaves public view.' },
      reason: { type: 'string', enum: LEAVING_REASONS, description: 'Why the record left public view.' },
      publicUntil: { type: 'string', format: 'date', description: 'An expired record’s last public day (China date).' },
    },
    // Which fields `record` holds depends on the view it was rendered for.
    if: { properties: { view: { const: 'public' } } },
    then: { properties: { record: schemaRef(recordSchemaName(e, 'public')) } },
    else: { properties: { record: schemaRef(recordSchemaName(e, 'partner-government')) } },
  };
}
