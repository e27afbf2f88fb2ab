/** Text primitives the analyzers and the highlighter share. */

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Letters and digits of any script: what a search term is made of (punctuation and spaces are not). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Full-width forms to half-width, Latin to lower case: 'ＸＺＣＦ' and 'xzcf' are one term. */
export const normalize = (text: string): string => text.normalize('NFKC').toLowerCase();

export const hasHan = (text: string): boolean => HAN.test(text);
export const isWordlike = (token: string): boolean => WORDLIKE.test(token);
/** A query that is only Latin letters may be pinyin (`xzcf`, `xingzhengchufa`). */
export const isLatinWord = (token: string): boolean => /^[a-z]+$/.test(token);

/** The character bigrams of every Han run (a lone character stands for itself), in order, repeats kept. */
export function hanBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) grams.push(run);
    for (let i = 0; i + 1 < chars.length; i += 1) grams.push(chars[i]! + chars[i + 1]!);
  }
  return grams;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
