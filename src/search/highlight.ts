import { pinyinKeys, queryWords } from './tokenizer.js';
import { escapeHtml, hasHan, isLatinWord } from './text.js';

/** Characters of context a snippet shows around its first match, and at most in all. */
const BEFORE = 24;
const LENGTH = 120;

/** Where each mark occurs, longest mark first, no two ranges overlapping. */
function rangesOf(text: string, marks: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const haystack = lower.length === text.length ? lower : text;
  const ranges: [number, number][] = [];
  for (const mark of [...new Set(marks)].filter((m) => m !== '').sort((a, b) => b.length - a.length))
    for (let at = haystack.indexOf(mark); at !== -1; at = haystack.indexOf(mark, at + mark.length)) {
      const end = at + mark.length;
      if (!ranges.some(([s, e]) => at < e && end > s)) ranges.push([at, end]);
    }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** A pinyin mark (xzcf) stands for the Han words of the text whose pinyin it is. */
function hanMarks(text: string, marks: readonly string[]): string[] {
  const pinyin = marks.filter(isLatinWord);
  if (pinyin.length === 0) return [...marks];
  const words = queryWords(text).filter(hasHan);
  const spelled = words.filter((w) => pinyinKeys(w).some((k) => pinyin.includes(k)));
  return [...marks, ...spelled];
}

/**
 * A snippet: the stretch of the text around its first match, HTML-escaped, each match in
 * <mark>…</mark>. Escaping is of the text between and inside the marks, so a `<` in a record
 * never becomes markup.
 */
export function snippet(title: string, text: string, marks: readonly string[]): string {
  const inText = hanMarks(text, marks);
  let source = text;
  let ranges = rangesOf(text, inText);
  if (ranges.length === 0) {
    source = text === '' ? title : `${title}\u3000${text}`;
    ranges = rangesOf(source, hanMarks(source, marks));
  }
  const start = Math.max(0, (ranges[0]?.[0] ?? 0) - BEFORE);
  const end = Math.min(source.length, start + LENGTH);
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of ranges) {
    if (s < at || e > end) continue;
    html += `${escapeHtml(source.slice(at, s))}<mark>${escapeHtml(source.slice(s, e))}</mark>`;
    at = e;
  }
  html += escapeHtml(source.slice(at, end));
  return end < source.length ? `${html}…` : html;
}
