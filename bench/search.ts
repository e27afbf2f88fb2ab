/**
 * Search: jieba words against a character-bigram (n-gram) index, and the two together.
 *
 * 1. 50,000 generated penalty decisions (the demo law-enforcement department's generator,
 *    mapped and projected as the enforcement-decisions release carries them) indexed by each
 *    analyzer: build time, segment size (gzipped release file) and heap per 1,000 records
 *    once loaded; query latency p50/p99 over a fixed query list. Floor, same run: a linear
 *    scan of the same documents with String.includes (every query word in title, keywords or
 *    body).
 * 2. Recall and precision on the labelled corpus (test/fixtures/search/labelled-queries.json:
 *    24 documents, 20 queries with the hits a person expects), every match counted.
 *
 * BENCH_SEARCH_RECORDS sets the corpus size (default 50,000).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Analyzer } from '../src/search/analyzer.js';
import type { SearchDocument } from '../src/search/search-document.js';
import { gzipSync } from 'node:zlib';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const { generatePenalties } = await import('../demo/enforcement/generate.js');
const { loadSourceFile, loadDatasets } = await import('../src/config/catalog.js');
const { mappingOf } = await import('../src/mapping/source-mapping.js');
const { enforcementDecisionType } = await import('../src/records/enforcement-decision.js');
const { projectRow, releaseColumns } = await import('../src/grading/index.js');
const { createAnalyzer } = await import('../src/search/analyzer.js');
const { recordDocumentMaker } = await import('../src/search/search-document.js');
const { encodeSegment, decodeSegment } = await import('../src/search/segment-file.js');
const { Segment, SegmentBuilder } = await import('../src/search/segment.js');
const { matchAcross } = await import('../src/search/search-service.js');

const count = Number(process.env.BENCH_SEARCH_RECORDS ?? 50_000);
const root = new URL('..', import.meta.url).pathname;

// The corpus: penalties as the open dataset publishes them.
const mapping = mappingOf(await loadSourceFile(`${root}sources/demo-enforcement.yaml`));
const dataset = (await loadDatasets(`${root}datasets`)).valid.find((d) => d.id === 'enforcement-decisions')!;
const columns = releaseColumns(dataset);
const project = projectRow(dataset);
const documentOf = recordDocumentMaker(dataset.id, dataset.recordType, columns);
const corpus: SearchDocument[] = [];
for (const raw of generatePenalties({ count, seed: 20261203 }).records) {
  const checked = enforcementDecisionType.validate(mapping.map(raw as unknown as Record<string, unknown>));
  if (checked.valid) corpus.push(documentOf(project(checked.record)));
}

const analyzers: Analyzer[] = [
  createAnalyzer('jieba', { words: true, bigrams: false, pinyin: true, synonyms: true }),
  createAnalyzer('bigram', { words: false, bigrams: 'all', pinyin: false, synonyms: false }),
  createAnalyzer('hybrid, bigrams everywhere', { words: true, bigrams: 'all', pinyin: true, synonyms: true }),
  createAnalyzer('hybrid, bigrams of names', { words: true, bigrams: 'names', pinyin: true, synonyms: true }),
];

/** Queries people type into the box: names, places, violations, numbers, pinyin. */
const QUERIES = [
  '罚款',
  '食品',
  '柯桥 纺织',
  '无证经营',
  '安全生产',
  '诸暨',
  '有限公司 罚款',
  '广告',
  '消防',
  '环境 排放',
  '价格',
  'xzcf',
  '餐饮',
  '药品',
  '超标',
  '营业执照',
  '上虞区',
  '警告',
  '特种设备',
  '2024',
];

const wordsOf = (q: string) =>
  q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
const scan = (docs: readonly SearchDocument[], q: string): number[] => {
  const words = wordsOf(q);
  const hits: number[] = [];
  docs.forEach((d, i) => {
    const text = `${d.title} ${d.keywords} ${d.body}`.toLowerCase();
    if (words.every((w) => text.includes(w))) hits.push(i);
  });
  return hits;
};

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
/** Latency of each query, several rounds, p50 and p99 over all of them, in ms. */
function latency(run: (q: string) => unknown, rounds = 10): { p50: number; p99: number } {
  for (const q of QUERIES) run(q); // warm: jieba's dictionary, caches
  const times: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

// A full collection before each heap reading, so garbage is not counted as the segment.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapNow = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ms = (n: number) => n.toFixed(2);

process.stdout.write(`corpus: ${corpus.length} penalty decisions (${count} generated, invalid ones dropped)\n`);
const raw = gzipSync(Buffer.from(JSON.stringify(corpus)));
const scanLatency = latency((q) => scan(corpus, q));
process.stdout.write(
  `floor: linear scan, String.includes   p50 ${ms(scanLatency.p50)} ms  p99 ${ms(scanLatency.p99)} ms; the documents gzipped ${mb(raw.length)} MiB\n\n`,
);

const accept = () => true;
for (const analyzer of analyzers) {
  analyzer.terms('预热'); // the dictionary loads once, not inside the first build
  const started = performance.now();
  const builder = new SegmentBuilder(analyzer);
  for (const d of corpus) builder.add(d);
  const encoded = await encodeSegment(builder.build());
  const buildMs = performance.now() - started;
  const before = heapNow();
  const segment = await decodeSegment(encoded, analyzer.name);
  const heap = heapNow() - before;
  const { p50, p99 } = latency((q) => matchAcross([segment], analyzer.clauses(q), accept));
  if (process.env.BENCH_SEARCH_SLOW)
    for (const q of QUERIES) {
      const t = performance.now();
      const n = matchAcross([segment], analyzer.clauses(q), accept).length;
      process.stdout.write(`    ${q}: ${ms(performance.now() - t)} ms, ${n} hits\n`);
    }
  process.stdout.write(
    [
      `${analyzer.name}`,
      `  build + encode  ${(buildMs / 1000).toFixed(1)} s (${((corpus.length / buildMs) * 1000).toFixed(0)} docs/s)`,
      `  segment file    ${mb(encoded.length)} MiB gzipped (${(encoded.length / raw.length).toFixed(2)}x the gzipped documents), ${(((encoded.length / corpus.length) * 1000) / 1024).toFixed(0)} KiB per 1,000 records`,
      `  heap loaded     ${mb(heap)} MiB, ${(((heap / corpus.length) * 1000) / 2 ** 20).toFixed(2)} MiB per 1,000 records`,
      `  query           p50 ${ms(p50)} ms (${(scanLatency.p50 / p50).toFixed(1)}x faster than the scan)  p99 ${ms(p99)} ms (${(scanLatency.p99 / p99).toFixed(1)}x)`,
      '',
    ].join('\n'),
  );
  void segment;
}

// Recall and precision on the labelled corpus.
interface Labelled {
  readonly docs: readonly (Omit<SearchDocument, 'kind' | 'datasetId'> & { id: string })[];
  readonly queries: readonly { q: string; expected: readonly string[] }[];
}
const labelled = JSON.parse(readFileSync(`${root}test/fixtures/search/labelled-queries.json`, 'utf8')) as Labelled;
const labelledDocs: SearchDocument[] = labelled.docs.map(({ id: _id, ...d }) => ({
  ...d,
  kind: 'record',
  datasetId: 'labelled',
  // The department is searchable, as a record's authority is among its keywords.
  keywords: `${d.keywords} ${d.department ?? ''}`,
}));
const ids = labelled.docs.map((d) => d.id);
function score(name: string, retrieve: (q: string) => readonly string[]) {
  let found = 0;
  let relevant = 0;
  let returned = 0;
  const misses: string[] = [];
  for (const { q, expected } of labelled.queries) {
    const got = retrieve(q);
    const right = got.filter((id) => expected.includes(id)).length;
    found += right;
    relevant += expected.length;
    returned += got.length;
    if (right < expected.length || got.length > right) misses.push(`${q} (${right}/${expected.length}, +${got.length - right})`);
  }
  process.stdout.write(
    `${name.padEnd(26)} recall ${(found / relevant).toFixed(2)}  precision ${(found / Math.max(1, returned)).toFixed(2)}  off: ${misses.join(', ') || 'none'}\n`,
  );
}
process.stdout.write(`labelled: ${labelled.docs.length} documents, ${labelled.queries.length} queries\n`);
score('floor: String.includes', (q) => scan(labelledDocs, q).map((i) => ids[i]!));
// Synonyms need no jieba: the bigram index with them, to tell segmentation apart from the word lists.
const bigramSynonyms = createAnalyzer('bigram + synonyms', { words: false, bigrams: 'all', pinyin: false, synonyms: true });
for (const analyzer of [...analyzers.slice(0, 2), bigramSynonyms, ...analyzers.slice(2)]) {
  const builder = new SegmentBuilder(analyzer);
  for (const d of labelledDocs) builder.add(d);
  const segment = new Segment(builder.build());
  score(analyzer.name, (q) => matchAcross([segment], analyzer.clauses(q), accept).map(({ m }) => ids[m.doc]!));
}
