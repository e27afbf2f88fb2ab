import type { SourceConfig } from '../../../src/config/catalog.js';
import type { SourcePage } from '../../../src/ingest/connectors/connector.js';
import { httpJsonConnector } from '../../../src/ingest/connectors/http-json.js';
import { RateLimiter } from '../../../src/ingest/http/rate-limiter.js';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';

type HttpSource = Extract<SourceConfig, { kind: 'http-json' }>;

/** One answer of the fake department: a JSON value, or text as given, or a body that breaks off. */
export interface FakeResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  /** Bytes as hex (invalid UTF-8, BOMs). */
  readonly hex?: string;
  /** The body's first bytes arrive, then the connection breaks. */
  readonly breaksAfter?: string;
  /** The connection fails before any answer. */
  readonly refused?: boolean;
}

export interface ConnectorExpectation {
  /** The pull fails with a SourceError naming the source, matching this. */
  readonly error?: string;
  /** The pull ends with this many items read. */
  readonly items?: number;
}

export interface ConnectorCase {
  readonly name: string;
  readonly pagination?: HttpSource['connection']['pagination'];
  /** Answers in order; the last repeats. */
  readonly responses?: readonly FakeResponse[];
  /** Answers by the request's cursor parameter ("" for the first request). */
  readonly byCursor?: Readonly<Record<string, FakeResponse>>;
  readonly expect: ConnectorExpectation;
}

export const SOURCE_ID = 'corpus-department';
/** More pages than any case sends: a pull still going then does not stop by itself. */
export const PAGE_GUARD = 200;

const sourceOf = (c: ConnectorCase): HttpSource => ({
  id: SOURCE_ID,
  title: 'corpus',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: {
    baseUrl: 'http://dept.test',
    path: '/items',
    maxAttempts: 2,
    timeoutMs: 2_000,
    pagination: c.pagination ?? { kind: 'cursor', itemsField: 'data', nextCursorField: 'next' },
  },
});

function responseOf(answer: FakeResponse): Response {
  if (answer.refused) throw new TypeError('fetch failed: connect ECONNREFUSED');
  const init = { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } };
  if (answer.breaksAfter !== undefined) {
    const head = new TextEncoder().encode(answer.breaksAfter);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (head.byteLength > 0 && controller.desiredSize !== null) {
          controller.enqueue(head.slice());
          head.fill(0);
        }
        controller.error(new TypeError('terminated: other side closed'));
      },
    });
    return new Response(body, init);
  }
  if (init.status === 204 || init.status === 304) return new Response(null, init);
  if (answer.hex !== undefined) return new Response(Buffer.from(answer.hex, 'hex'), init);
  return new Response(answer.text ?? JSON.stringify(answer.json), init);
}

/** Pulls the case's source from its fake department; what it read, or the error it ended with. */
export async function pullCase(c: ConnectorCase): Promise<{ pages: SourcePage[]; error?: unknown; requests: number }> {
  let requests = 0;
  const fetchFn = (async (input: URL | string) => {
    const url = new URL(String(input));
    requests += 1;
    if (c.byCursor) {
      const answer = c.byCursor[url.searchParams.get('cursor') ?? ''];
      return responseOf(answer ?? { status: 404, text: 'no such cursor' });
    }
    const answers = c.responses ?? [];
    return responseOf(answers[Math.min(requests - 1, answers.length - 1)]!);
  }) as typeof fetch;
  const connector = httpJsonConnector({
    fetch: fetchFn,
    sleep: async () => undefined,
    limiter: new RateLimiter(
      () => 0,
      async () => undefined,
    ),
  });
  const pages: SourcePage[] = [];
  try {
    for await (const page of connector.pages(sourceOf(c), null, { full: false, startedAt: new Date(0) })) {
      pages.push(page);
      if (pages.length > PAGE_GUARD) break;
    }
  } catch (error) {
    return { pages, error, requests };
  }
  return { pages, requests };
}
