import { FEED_IDS, FEED_VIEWS } from '../../feeds/feeds.js';
import { feedEventHeadSchema } from '../../feeds/asyncapi/schemas.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { problemResponses } from './components.js';
import { schemaRef, type JsonSchema } from './schemas.js';

/** Page size of GET /v1/feeds/{feed}/events. */
export const FEED_EVENTS_PAGE = { fallback: 100, max: 1000 } as const;

const cached = { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } };
const json = (description: string, schema: JsonSchema): JsonSchema => ({ description, headers: cached, content: { 'application/json': { schema } } });
const absoluteUrl: JsonSchema = { type: 'string', format: 'uri' };

const feedSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'title', 'source', 'topic', 'entities', 'eventTypes', 'events'],
  properties: {
    id: { type: 'string', enum: [...FEED_IDS] },
    title: schemaRef('LocalizedText'),
    source: { type: 'string', description: 'The CloudEvents `source` of the feed’s events' },
    topic: { type: 'string', description: 'The FIFO topic the feed is published on (the AsyncAPI channel’s address)' },
    entities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['entity', 'recordType', 'actions', 'leavingActions'],
        properties: {
          entity: { type: 'string' },
          recordType: { type: 'string' },
          actions: { type: 'array', items: { type: 'string' } },
          leavingActions: { type: 'array', items: { type: 'string' }, description: 'Actions every subscriber of the entity receives whatever its filter' },
        },
      },
    },
    eventTypes: { type: 'array', items: { type: 'string' }, description: 'Every CloudEvents type the feed carries' },
    lastSequence: {
      type: 'integer',
      minimum: 0,
      description: 'The sequence of the feed’s latest event (0: none yet); absent where the deployment does not serve the log',
    },
    events: { ...absoluteUrl, description: 'The feed’s event heads' },
  },
};

const headsPageSchema: JsonSchema = {
  type: 'object',
  required: ['feed', 'after', 'events'],
  properties: {
    feed: { type: 'string', enum: [...FEED_IDS] },
    after: { type: 'integer', minimum: 0 },
    events: { type: 'array', items: feedEventHeadSchema, description: 'Heads in sequence order: no `data`, no `signature`' },
    next: { ...absoluteUrl, description: 'The next page; absent at the tip of the feed' },
  },
};

export const feedOpenApiPaths: OpenApiPaths = {
  '/v1/feeds': {
    get: {
      operationId: 'listFeeds',
      summary: 'Feeds / 订阅源',
      description: `The pushed feeds, what each carries (entities, actions, event types; views: ${FEED_VIEWS.join(', ')}) and its latest sequence. /asyncapi.json describes the messages.`,
      tags: ['feeds'],
      security: [{}],
      responses: {
        '200': json('The feeds', {
          type: 'object',
          required: ['feeds', 'asyncapi'],
          properties: { feeds: { type: 'array', items: feedSchema }, asyncapi: { ...absoluteUrl, description: 'The AsyncAPI description' } },
        }),
        ...problemResponses(400, 429, 500),
      },
    },
  },
  '/v1/feeds/{feed}/events': {
    get: {
      operationId: 'listFeedEventHeads',
      summary: 'Event heads of a feed / 订阅源事件头',
      description:
        'The heads of a feed’s events after a sequence, in order: each event without `data` and `signature`. A subscriber whose filter skipped sequences reads the heads it skipped and checks that each `prevhash` is the hash of the head before it, so the chain is unbroken.',
      tags: ['feeds'],
      security: [{}],
      parameters: [
        { name: 'feed', in: 'path', required: true, description: 'Feed id', schema: { type: 'string', enum: [...FEED_IDS] } },
        { name: 'after', in: 'query', description: 'Heads with a sequence above this one', schema: { type: 'integer', minimum: 0, default: 0 } },
        {
          name: 'limit',
          in: 'query',
          description: 'Page size',
          schema: { type: 'integer', minimum: 1, maximum: FEED_EVENTS_PAGE.max, default: FEED_EVENTS_PAGE.fallback },
        },
      ],
      responses: { '200': json('A page of heads', headsPageSchema), ...problemResponses(400, 404, 429, 500, 503) },
    },
  },
};
