import { chinaDate } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import { datasetCategory, type DatasetCategory } from '../grading/index.js';
import type { ObjectStreamReader } from '../ports/index.js';
import type { ReleasePointer } from '../publish/release.js';
import { defaultAnalyzer, type Analyzer, type Clause } from './analyzer.js';
import { snippet } from './highlight.js';
import { districtIn, type SearchDocument } from './search-document.js';
import { decodeSegment, SEARCH_INDEX_FORMAT } from './segment-file.js';
import { Segment, SegmentBuilder, type SegmentMatch, type StoredDocument } from './segment.js';

export interface SearchQuery {
  readonly q: string;
  readonly type?: string;
  /** Part of the issuing authority's or publisher's name (柯桥区 finds 绍兴市柯桥区市场监督管理局). */
  readonly department?: string;
  readonly district?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface SearchHit {
  readonly kind: 'dataset' | 'record';
  readonly datasetId: string;
  /** A record's identifying fields and values (the records route's equality filters). */
  readonly key?: readonly (readonly [string, string])[];
  readonly title: string;
  readonly snippet: string;
  readonly score: number;
  readonly recordType: string;
  readonly department?: string;
  readonly district?: string;
  readonly date?: string;
}

export interface SearchAnswer {
  readonly q: string;
  readonly total: number;
  readonly tokens: readonly string[];
  readonly hits: readonly SearchHit[];
}

/** One search over every published dataset's metadata and every open release's records. */
export interface SearchService {
  search(query: SearchQuery): Promise<SearchAnswer>;
}

/** What the service reads: the API's own catalog, release pointers and release files. */
export interface SearchSources {
  readonly datasets: () => Promise<readonly DatasetConfig[]>;
  readonly latestRelease: (datasetId: string) => Promise<ReleasePointer | undefined>;
  readonly open: ObjectStreamReader;
  readonly category?: (dataset: DatasetConfig) => DatasetCategory;
  readonly analyzer?: Analyzer;
}

async function readAll(open: ObjectStreamReader, key: string): Promise<Uint8Array | undefined> {
  const object = await open.getStream(key);
  if (!object) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of object.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A dataset's metadata as a document: titles, keywords, descriptions, its publisher, its latest release's day. */
function datasetDocument(dataset: DatasetConfig, release: ReleasePointer): SearchDocument {
  const district = districtIn(dataset.publisher);
  return {
    kind: 'dataset',
    datasetId: dataset.id,
    title: dataset.title.zh,
    keywords: [...(dataset.keywords ?? []), dataset.subjectCategory ?? '', dataset.title.en].join(' '),
    body: `${dataset.description.zh} ${dataset.description.en}`,
    recordType: dataset.recordType,
    department: dataset.publisher,
    ...(district ? { district } : {}),
    date: chinaDate(new Date(release.createdAt)),
  };
}

const accepts =
  (query: SearchQuery) =>
  (doc: StoredDocument): boolean =>
    (query.type === undefined || doc.recordType === query.type) &&
    (query.department === undefined || (doc.department ?? '').includes(query.department)) &&
    (query.district === undefined || doc.district === query.district) &&
    (query.from === undefined || (doc.date !== undefined && doc.date >= query.from)) &&
    (query.to === undefined || (doc.date !== undefined && doc.date <= query.to));

/**
 * Every segment's matches, best first: documents holding every clause; when none does, those
 * holding most of them (a long query with one unknown word still answers).
 */
export function matchAcross(
  segments: readonly Segment[],
  clauses: readonly Clause[],
  accept: (doc: StoredDocument) => boolean,
): { segment: Segment; m: SegmentMatch }[] {
  if (clauses.length === 0) return [];
  const run = (requireAll: boolean) => segments.flatMap((segment) => segment.match(clauses, { requireAll, accept }).map((m) => ({ segment, m })));
  let matches = run(true);
  if (matches.length === 0 && clauses.length > 1) matches = run(false);
  return matches.sort((a, b) => b.m.clauses - a.m.clauses || b.m.score - a.m.score);
}

/**
 * Loads each open dataset's latest release segment once per release id (a new release
 * replaces its dataset's segment), indexes the catalog's metadata of every released dataset,
 * and merges the matches. Only a release's own segment is read: what no release carries,
 * or a restricted release carries, is never found.
 */
export function createSearchService(sources: SearchSources): SearchService {
  const analyzer = sources.analyzer ?? defaultAnalyzer();
  const categoryOf = sources.category ?? datasetCategory;
  const segments = new Map<string, { releaseId: string; segment: Promise<Segment | undefined> }>();
  let catalog: { signature: string; segment: Segment } | undefined;

  const recordSegment = (release: ReleasePointer): Promise<Segment | undefined> => {
    const cached = segments.get(release.datasetId);
    if (cached?.releaseId === release.releaseId) return cached.segment;
    const file = release.files.find((f) => f.format === SEARCH_INDEX_FORMAT);
    const segment = file ? readAll(sources.open, file.key).then((bytes) => (bytes ? decodeSegment(bytes, file.key) : undefined)) : Promise.resolve(undefined);
    // A failed read is not cached: the next search tries again.
    segment.catch(() => segments.delete(release.datasetId));
    segments.set(release.datasetId, { releaseId: release.releaseId, segment });
    return segment;
  };

  const catalogSegment = (released: readonly { dataset: DatasetConfig; release: ReleasePointer }[]): Segment => {
    const signature = released.map(({ dataset, release }) => `${dataset.id}@${release.releaseId}:${JSON.stringify(dataset)}`).join('\n');
    if (catalog?.signature !== signature) {
      const builder = new SegmentBuilder(analyzer);
      for (const { dataset, release } of released) builder.add(datasetDocument(dataset, release));
      catalog = { signature, segment: new Segment(builder.build()) };
    }
    return catalog.segment;
  };

  return {
    async search(query) {
      const datasets = await sources.datasets();
      const pointers = await Promise.all(datasets.map((d) => sources.latestRelease(d.id)));
      const released = datasets.flatMap((dataset, i) => (pointers[i] ? [{ dataset, release: pointers[i] }] : []));
      // 就高从严: rows are searched only when the dataset is open now and its release was built open.
      const open = released.filter(({ dataset, release }) => categoryOf(dataset) === 'open' && (release.category ?? 'open') === 'open');
      const loaded = await Promise.all(open.map(({ release }) => recordSegment(release)));
      const all = [catalogSegment(released), ...loaded.filter((s): s is Segment => s !== undefined)];

      const clauses = analyzer.clauses(query.q);
      const matches = matchAcross(all, clauses, accepts(query));
      const hits = matches.slice(query.offset, query.offset + query.limit).map(({ segment, m }): SearchHit => {
        const doc = segment.docs[m.doc]!;
        return {
          kind: doc.kind,
          datasetId: doc.datasetId,
          ...(doc.key ? { key: doc.key } : {}),
          title: doc.title,
          snippet: snippet(doc.title, doc.text, m.marks),
          score: Math.round(m.score * 1000) / 1000,
          recordType: doc.recordType,
          ...(doc.department ? { department: doc.department } : {}),
          ...(doc.district ? { district: doc.district } : {}),
          ...(doc.date ? { date: doc.date } : {}),
        };
      });
      return { q: query.q, total: matches.length, tokens: analyzer.tokens(clauses), hits };
    },
  };
}
