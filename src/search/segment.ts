import type { Analyzer, Clause } from './analyzer.js';
import type { SearchDocument } from './search-document.js';

/** The indexed fields and their BM25F weights: a title match outranks a keyword match, which outranks body text. */
export const FIELD_WEIGHTS = { title: 3, keywords: 2, body: 1, pinyin: 1.5 } as const;
export type FieldName = keyof typeof FIELD_WEIGHTS;
const TEXT_FIELDS = ['title', 'keywords', 'body'] as const;
const K1 = 1.2;
const B = 0.75;
/** A snippet is cut from this much of a document's text; the rest is indexed but not kept. */
const STORED_TEXT_CHARS = 600;

/** A document as a segment keeps it for the answer: everything but the full text. */
export type StoredDocument = Omit<SearchDocument, 'keywords' | 'body'> & { readonly text: string };

export interface FieldPostings {
  /** Terms per document, by document number. */
  readonly lengths: readonly number[];
  /** term → [doc, tf, doc, tf, …], documents ascending. */
  readonly postings: Readonly<Record<string, readonly number[]>>;
}

/** The serialized segment: the file a release carries (`search-index.json.gz`). */
export interface SegmentData {
  readonly format: 'search-index';
  readonly version: 1;
  readonly analyzer: string;
  readonly docs: readonly StoredDocument[];
  readonly fields: Readonly<Record<FieldName, FieldPostings>>;
}

/** Collects documents one at a time into postings; memory holds the postings, not the documents' full text. */
export class SegmentBuilder {
  private readonly docs: StoredDocument[] = [];
  private readonly fields = Object.fromEntries(
    Object.keys(FIELD_WEIGHTS).map((f) => [f, { lengths: [] as number[], postings: new Map<string, number[]>() }]),
  ) as Record<FieldName, { lengths: number[]; postings: Map<string, number[]> }>;

  constructor(private readonly analyzer: Analyzer) {}

  get size(): number {
    return this.docs.length;
  }

  add(document: SearchDocument): void {
    const { keywords, body, ...kept } = document;
    const doc = this.docs.length;
    this.docs.push({
      ...kept,
      text: [keywords, body]
        .filter((t) => t !== '')
        .join(' ')
        .slice(0, STORED_TEXT_CHARS),
    });
    this.addField('title', doc, this.analyzer.terms(document.title, 'title'));
    this.addField('keywords', doc, this.analyzer.terms(keywords, 'keywords'));
    this.addField('body', doc, this.analyzer.terms(body, 'body'));
    this.addField('pinyin', doc, this.analyzer.pinyin(`${document.title} ${keywords}`));
  }

  private addField(field: FieldName, doc: number, terms: readonly string[]): void {
    const target = this.fields[field];
    target.lengths.push(terms.length);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const list = target.postings.get(term);
      if (list) list.push(doc, tf);
      else target.postings.set(term, [doc, tf]);
    }
  }

  build(): SegmentData {
    const serialize = (f: { lengths: number[]; postings: Map<string, number[]> }): FieldPostings => ({
      lengths: f.lengths,
      postings: Object.fromEntries(f.postings),
    });
    const fields: Record<FieldName, FieldPostings> = {
      title: serialize(this.fields.title),
      keywords: serialize(this.fields.keywords),
      body: serialize(this.fields.body),
      pinyin: serialize(this.fields.pinyin),
    };
    return { format: 'search-index', version: 1, analyzer: this.analyzer.name, docs: this.docs, fields };
  }
}

/** One document that matched, with its score and the text to mark in its snippet. */
export interface SegmentMatch {
  readonly doc: number;
  readonly score: number;
  readonly marks: readonly string[];
  /** Clauses it matched; below the clause count only when the query was relaxed. */
  readonly clauses: number;
}

export interface MatchOptions {
  /** Every clause must match (else any one does, ranked by how many did). */
  readonly requireAll: boolean;
  /** Filters, judged before scoring. */
  readonly accept: (doc: StoredDocument) => boolean;
}

interface LoadedField {
  readonly lengths: readonly number[];
  readonly average: number;
  readonly postings: ReadonlyMap<string, readonly number[]>;
  readonly weight: number;
}

/** A segment loaded for querying: BM25F over the fields, clauses ANDed, alternatives ORed. */
export class Segment {
  private readonly fields: readonly (LoadedField & { name: FieldName })[];

  constructor(readonly data: SegmentData) {
    this.fields = (Object.keys(FIELD_WEIGHTS) as FieldName[]).map((name) => {
      const { lengths, postings } = data.fields[name];
      // The average over documents that have the field: a field most documents leave empty must not make every filled one look long.
      const filled = lengths.filter((l) => l > 0);
      const average = filled.reduce((a, b) => a + b, 0) / Math.max(1, filled.length) || 1;
      return { name, lengths, average, postings: new Map(Object.entries(postings)), weight: FIELD_WEIGHTS[name] };
    });
  }

  get docs(): readonly StoredDocument[] {
    return this.data.docs;
  }

  /** BM25F contribution of one term to every document holding it, in the text fields or the pinyin field. */
  private termScores(term: string, group: 'text' | 'pinyin', accepted: (doc: number) => boolean): Map<number, number> {
    const fields = this.fields.filter((f) => (group === 'pinyin' ? f.name === 'pinyin' : (TEXT_FIELDS as readonly string[]).includes(f.name)));
    const partial = new Map<number, number>();
    for (const field of fields) {
      const list = field.postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        if (!accepted(doc)) continue;
        const tf = list[i + 1]!;
        const norm = tf + K1 * (1 - B + (B * field.lengths[doc]!) / field.average);
        partial.set(doc, (partial.get(doc) ?? 0) + (field.weight * tf * (K1 + 1)) / norm);
      }
    }
    const n = this.data.docs.length;
    const idf = Math.log(1 + (n - partial.size + 0.5) / (partial.size + 0.5));
    for (const [doc, s] of partial) partial.set(doc, s * idf);
    return partial;
  }

  match(clauses: readonly Clause[], options: MatchOptions): SegmentMatch[] {
    const acceptedCache = new Map<number, boolean>();
    const accepted = (doc: number) => {
      let ok = acceptedCache.get(doc);
      if (ok === undefined) acceptedCache.set(doc, (ok = options.accept(this.data.docs[doc]!)));
      return ok;
    };
    const termCache = new Map<string, Map<number, number>>();
    const scoresOf = (term: string, group: 'text' | 'pinyin') => {
      const id = `${group}:${term}`;
      let scores = termCache.get(id);
      if (!scores) termCache.set(id, (scores = this.termScores(term, group, accepted)));
      return scores;
    };

    const results = new Map<number, { score: number; marks: string[]; clauses: number }>();
    clauses.forEach((clause, index) => {
      // Best alternative per document: a document holding the word and its bigrams is not counted twice.
      const best = new Map<number, { score: number; marks: readonly string[] }>();
      for (const alternative of clause.alternatives) {
        const lists = alternative.terms.map((t) => scoresOf(t, alternative.field)).sort((a, b) => a.size - b.size);
        for (const [doc, s] of lists[0] ?? []) {
          let score = s;
          if (!lists.slice(1).every((l) => l.has(doc) && (score += l.get(doc)!) > 0)) continue;
          const previous = best.get(doc);
          if (!previous || previous.score < score) best.set(doc, { score, marks: alternative.marks });
        }
      }
      for (const [doc, hit] of best) {
        const current = results.get(doc);
        if (current) {
          if (current.clauses !== index && options.requireAll) continue;
          current.score += hit.score;
          current.marks.push(...hit.marks);
          current.clauses += 1;
        } else if (index === 0 || !options.requireAll) results.set(doc, { score: hit.score, marks: [...hit.marks], clauses: 1 });
      }
    });
    const matches: SegmentMatch[] = [];
    for (const [doc, r] of results) if (!options.requireAll || r.clauses === clauses.length) matches.push({ doc, ...r });
    return matches;
  }
}
