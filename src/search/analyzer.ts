import { synonymsOf, SYNONYM_PHRASES } from './synonyms.js';
import { pinyinTerms, queryWords, searchWords } from './tokenizer.js';
import { hanBigrams, hasHan, isLatinWord, normalize } from './text.js';

/** Bigram terms live in their own term space, so the word 行政 and the bigram 行政 are counted apart. */
const BIGRAM = '\u0001';

/** One way to match a clause: the document holds every one of `terms` (in the text fields, or the pinyin field). */
export interface Alternative {
  readonly terms: readonly string[];
  readonly field: 'text' | 'pinyin';
  /** What to mark in a snippet when this alternative matched: Han or Latin text, or a pinyin key. */
  readonly marks: readonly string[];
}

/** A part of the query; a document matches the query when it matches every clause by one of its alternatives. */
export interface Clause {
  readonly text: string;
  readonly alternatives: readonly Alternative[];
}

/** How text becomes terms and a query becomes clauses. */
export interface Analyzer {
  readonly name: string;
  /** Index terms of a text field, repeats kept (term frequency). */
  terms(text: string, field?: 'title' | 'keywords' | 'body'): string[];
  /** Pinyin keys of a title field; none when the analyzer has no pinyin. */
  pinyin(text: string): string[];
  clauses(query: string): Clause[];
  /** The query's terms as the answer lists them (`tokens`). */
  tokens(clauses: readonly Clause[]): string[];
}

export interface AnalyzerOptions {
  /** jieba words (search mode). */
  readonly words: boolean;
  /**
   * Character bigrams of Han runs, so a name jieba segments otherwise in context is still found:
   * in every field, or (with jieba words) only in the title and keywords, where the names are.
   */
  readonly bigrams: false | 'all' | 'names';
  readonly pinyin: boolean;
  readonly synonyms: boolean;
}

const latinRuns = (text: string): string[] => normalize(text).match(/[a-z0-9]+/g) ?? [];
const bigramTerms = (text: string): string[] => hanBigrams(normalize(text)).map((g) => BIGRAM + g);

/** Splits a query around the synonym list's phrases (longest first), keeping the rest as plain text. */
function splitOnSynonyms(query: string): { text: string; synonym: boolean }[] {
  const parts: { text: string; synonym: boolean }[] = [];
  let rest = query;
  while (rest !== '') {
    let at = -1;
    let phrase = '';
    for (const candidate of SYNONYM_PHRASES) {
      const i = rest.indexOf(candidate);
      if (i !== -1 && (at === -1 || i < at)) [at, phrase] = [i, candidate];
    }
    if (at === -1) {
      parts.push({ text: rest, synonym: false });
      break;
    }
    if (at > 0) parts.push({ text: rest.slice(0, at), synonym: false });
    parts.push({ text: phrase, synonym: true });
    rest = rest.slice(at + phrase.length);
  }
  return parts;
}

export function createAnalyzer(name: string, options: AnalyzerOptions): Analyzer {
  /** How one word or phrase can be matched: as the jieba word(s), as its bigrams, as pinyin. */
  const alternativesOf = (phrase: string): Alternative[] => {
    const alternatives: Alternative[] = [];
    if (options.words) {
      const words = queryWords(phrase);
      if (words.length > 0) alternatives.push({ terms: words, field: 'text', marks: [phrase, ...words] });
    }
    // A word of two characters is its own bigram: only longer phrases gain from matching by bigrams.
    if (options.bigrams && hasHan(phrase) && (!options.words || [...phrase].length > 2)) {
      const grams = hanBigrams(normalize(phrase));
      const terms = [...new Set([...grams.map((g) => BIGRAM + g), ...latinRuns(phrase)])];
      alternatives.push({ terms, field: 'text', marks: [phrase, ...grams] });
    } else if (!options.words) alternatives.push({ terms: latinRuns(phrase), field: 'text', marks: [phrase] });
    if (options.pinyin && isLatinWord(phrase)) alternatives.push({ terms: [phrase], field: 'pinyin', marks: [phrase] });
    return alternatives.filter((a) => a.terms.length > 0);
  };

  return {
    name,
    terms: (text, field) => [
      ...(options.words ? searchWords(text) : latinRuns(text)),
      ...(options.bigrams === 'all' || (options.bigrams === 'names' && field !== 'body') ? bigramTerms(text) : []),
    ],
    pinyin: (text) => (options.pinyin ? pinyinTerms(text) : []),
    clauses(query) {
      const clauses: Clause[] = [];
      for (const part of options.synonyms ? splitOnSynonyms(normalize(query)) : [{ text: normalize(query), synonym: false }]) {
        if (part.synonym) {
          const alternatives = [part.text, ...synonymsOf(part.text)].flatMap(alternativesOf);
          clauses.push({ text: part.text, alternatives });
          continue;
        }
        // Words as jieba cuts the query; without jieba, each whitespace-separated chunk is one clause.
        const pieces = options.words ? queryWords(part.text) : part.text.split(/\s+/).filter((p) => p !== '');
        for (const piece of pieces) {
          const alternatives = alternativesOf(piece);
          if (alternatives.length > 0) clauses.push({ text: piece, alternatives });
        }
      }
      return clauses;
    },
    tokens(clauses) {
      const terms = clauses.flatMap((c) => c.alternatives.flatMap((a) => a.terms));
      // Bigrams are listed only when nothing else is: the words say what was searched for.
      const words = terms.filter((t) => !t.startsWith(BIGRAM));
      return [...new Set(words.length > 0 ? words : terms.map((t) => t.slice(1)))];
    },
  };
}

/** What the service indexes with: jieba words, plus bigrams for names jieba cuts otherwise, pinyin and synonyms. */
export const defaultAnalyzer = (): Analyzer => createAnalyzer('hybrid', { words: true, bigrams: 'names', pinyin: true, synonyms: true });
