import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../../../src/search/analyzer.js';
import { snippet } from '../../../src/search/highlight.js';
import type { SearchDocument } from '../../../src/search/search-document.js';
import { decodeSegment, encodeSegment } from '../../../src/search/segment-file.js';
import { Segment, SegmentBuilder, type StoredDocument } from '../../../src/search/segment.js';

const analyzer = defaultAnalyzer();
const doc = (title: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  kind: 'record',
  datasetId: 'd',
  title,
  keywords: '',
  body: '',
  recordType: 'enforcement-decision',
  ...extra,
});

const corpus: SearchDocument[] = [
  doc('食品经营许可（新办）', { keywords: '行政许可', body: '申请材料：营业执照', department: '绍兴市市场监督管理局', date: '2025-01-10' }),
  doc('某公司违法排污案', {
    keywords: '行政处罚 罚款',
    body: '当事人超标排放',
    department: '绍兴市生态环境局柯桥分局',
    district: '柯桥区',
    date: '2025-03-05',
  }),
  doc('绍兴柯桥恒达纺织有限公司未按规定标注纤维含量案', {
    body: '行政处罚：警告',
    department: '绍兴市柯桥区市场监督管理局',
    district: '柯桥区',
    date: '2025-06-01',
  }),
  doc('行政处罚决定书送达公告', { body: '依法送达', department: '绍兴市上虞区综合行政执法局', district: '上虞区', date: '2024-12-31' }),
];

const segment = (() => {
  const builder = new SegmentBuilder(analyzer);
  for (const d of corpus) builder.add(d);
  return new Segment(builder.build());
})();
const all = () => true;
const titles = (q: string, accept: (d: StoredDocument) => boolean = all) =>
  segment
    .match(analyzer.clauses(q), { requireAll: true, accept })
    .sort((a, b) => b.score - a.score)
    .map((m) => segment.docs[m.doc]!.title);

describe('a search segment', () => {
  it('ranks a title match above a keyword match above a body match', () => {
    expect(titles('行政处罚')).toEqual(['行政处罚决定书送达公告', '某公司违法排污案', '绍兴柯桥恒达纺织有限公司未按规定标注纤维含量案']);
  });

  it('needs every query word: 柯桥 纺织 finds only the textile company', () => {
    expect(titles('柯桥 纺织')).toEqual(['绍兴柯桥恒达纺织有限公司未按规定标注纤维含量案']);
    expect(titles('纺织 排污')).toEqual([]);
  });

  it('finds a name jieba cuts otherwise in context through its bigrams', () => {
    expect(titles('恒达纺织')).toEqual(['绍兴柯桥恒达纺织有限公司未按规定标注纤维含量案']);
  });

  it('finds 行政处罚 by its initials and by its full pinyin', () => {
    expect(titles('xzcf')).toContain('行政处罚决定书送达公告');
    expect(titles('xingzhengchufa')).toContain('行政处罚决定书送达公告');
  });

  it('finds records by a synonym: 双公示 finds penalties and licences', () => {
    expect(titles('双公示')).toHaveLength(4);
    expect(titles('行政许可')).toEqual(['食品经营许可（新办）']);
    expect(titles('红头文件')).toEqual([]);
  });

  it('filters before it ranks: district, department and date range', () => {
    expect(titles('行政处罚', (d) => d.district === '柯桥区')).toEqual(['某公司违法排污案', '绍兴柯桥恒达纺织有限公司未按规定标注纤维含量案']);
    expect(titles('行政处罚', (d) => (d.department ?? '').includes('上虞区'))).toEqual(['行政处罚决定书送达公告']);
    expect(titles('行政处罚', (d) => d.date !== undefined && d.date >= '2025-01-01' && d.date <= '2025-05-31')).toEqual(['某公司违法排污案']);
  });

  it('survives its release file: encoded, decoded, the same answers', async () => {
    const again = await decodeSegment(await encodeSegment(segment.data), 'test');
    expect(again.match(analyzer.clauses('恒达'), { requireAll: true, accept: all }).map((m) => m.doc)).toEqual([2]);
    await expect(decodeSegment(await encodeSegment({ ...segment.data, format: 'other' as 'search-index' }), 'x.gz')).rejects.toThrow(/x\.gz/);
  });
});

describe('a snippet', () => {
  it('escapes the text and marks the matches', () => {
    const html = snippet('标题', '<i a="1">当事</i>不合格纺织品 & 面料', ['纺织']);
    expect(html).toBe('&lt;i a=&quot;1&quot;&gt;当事&lt;/i&gt;不合格<mark>纺织</mark>品 &amp; 面料');
  });

  it('marks the Han word a pinyin query spelled, and falls back to the title', () => {
    expect(snippet('行政处罚决定书送达公告', '依法送达', ['xzcf'])).toBe('<mark>行政处罚</mark>决定书送达公告\u3000依法送达');
  });

  it('shows the stretch around a match deep in a long text', () => {
    const html = snippet('t', `${'甲'.repeat(300)}纺织${'乙'.repeat(300)}`, ['纺织']);
    expect(html.startsWith('…')).toBe(true);
    expect(html).toContain('<mark>纺织</mark>');
    expect(html.endsWith('…')).toBe(true);
  });
});
