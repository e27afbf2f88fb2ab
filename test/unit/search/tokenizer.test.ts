import { describe, expect, it } from 'vitest';
import { createAnalyzer, defaultAnalyzer } from '../../../src/search/analyzer.js';
import { SYNONYMS, synonymsOf } from '../../../src/search/synonyms.js';
import { pinyinKeys, pinyinTerms, queryWords, searchWords } from '../../../src/search/tokenizer.js';
import { hanBigrams } from '../../../src/search/text.js';

describe('the tokenizer', () => {
  it('segments Chinese with jieba, search mode giving the parts of a long word too', () => {
    expect(queryWords('行政处罚决定公示')).toEqual(['行政处罚', '决定', '公示']);
    expect(searchWords('行政处罚决定公示')).toEqual(expect.arrayContaining(['行政', '处罚', '行政处罚', '决定', '公示']));
  });

  it('keeps the synonym list’s phrases whole and drops punctuation', () => {
    expect(queryWords('双公示，红头文件')).toEqual(['双公示', '红头文件']);
  });

  it('normalizes full-width letters and case', () => {
    expect(queryWords('ＸＺＣＦ')).toEqual(['xzcf']);
  });

  it('spells a word in full pinyin and in initials', () => {
    expect(pinyinKeys('行政处罚')).toEqual(['xingzhengchufa', 'xzcf']);
    expect(pinyinTerms('行政处罚决定')).toEqual(expect.arrayContaining(['xingzhengchufa', 'xzcf', 'chufa', 'cf', 'jueding', 'jd']));
    expect(pinyinKeys('罚')).toEqual([]);
  });

  it('cuts Han runs into bigrams, a lone character standing for itself', () => {
    expect(hanBigrams('恒达纺织 a 案')).toEqual(['恒达', '达纺', '纺织', '案']);
  });
});

describe('synonyms', () => {
  it('gives every entry a reason', () => {
    expect(SYNONYMS.length).toBeGreaterThanOrEqual(12);
    for (const entry of SYNONYMS) expect(entry.why.length, entry.term).toBeGreaterThan(5);
  });

  it('expands both ways, but a narrower entry only downwards and equivalents not into each other', () => {
    expect(synonymsOf('双公示')).toEqual(['行政处罚', '行政许可']);
    expect(synonymsOf('行政处罚')).toContain('双公示');
    expect(synonymsOf('行政处罚')).not.toContain('行政许可');
    expect(synonymsOf('处罚')).toContain('罚款');
    expect(synonymsOf('罚款')).not.toContain('处罚');
  });
});

describe('the analyzer', () => {
  const analyzer = defaultAnalyzer();

  it('makes one clause per query word, matched as the word, as its bigrams, or as pinyin', () => {
    const clauses = analyzer.clauses('恒达纺织 xzcf');
    expect(clauses.map((c) => c.text)).toEqual(['恒达', '纺织', 'xzcf']);
    expect(clauses[2]!.alternatives.map((a) => a.field)).toContain('pinyin');
    expect(analyzer.tokens(clauses)).toEqual(['恒达', '纺织', 'xzcf']);
  });

  it('turns a synonym phrase into one clause with an alternative per equivalent', () => {
    const [clause] = analyzer.clauses('双公示');
    expect(clause!.alternatives.flatMap((a) => a.marks)).toEqual(expect.arrayContaining(['双公示', '行政处罚', '行政许可']));
  });

  it('without jieba, a chunk of the query is one clause of its bigrams', () => {
    const bigrams = createAnalyzer('bigram', { words: false, bigrams: 'all', pinyin: false, synonyms: false });
    const clauses = bigrams.clauses('行政处罚');
    expect(clauses).toHaveLength(1);
    expect(bigrams.tokens(clauses)).toEqual(['行政', '政处', '处罚']);
  });
});
