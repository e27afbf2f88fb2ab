import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';
import { SYNONYM_PHRASES } from './synonyms.js';
import { hasHan, isWordlike, normalize } from './text.js';

let jieba: Jieba | undefined;

/**
 * 绍兴's place names without their 区/市/县 suffix: jieba's dictionary lacks them, so search mode
 * never offered 柯桥 from 柯桥区 and a search for 柯桥 missed every 柯桥区 authority.
 */
const PLACE_NAMES = ['绍兴', '越城', '柯桥', '上虞', '诸暨', '嵊州', '新昌', '柯岩', '曹娥', '山下湖'];

/**
 * jieba with its bundled dictionary plus the synonym list's phrases and the place names, so 双公示 or 红头文件
 * stay one word instead of 双 + 公示. Loaded once per process, on first use (the dictionary
 * takes a few hundred milliseconds).
 */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from([...SYNONYM_PHRASES, ...PLACE_NAMES].map((phrase) => `${phrase} 100000 n`).join('\n')));
  }
  return jieba;
}

/** Words for the index, search-engine style: 行政处罚 gives 行政, 处罚 and 行政处罚, so a part finds the whole. */
export const searchWords = (text: string): string[] => segmenter().cutForSearch(normalize(text), true).filter(isWordlike);

/** Words of a query as a person meant them: 行政处罚 stays one word. */
export const queryWords = (text: string): string[] => segmenter().cut(normalize(text), true).filter(isWordlike);

const pinyinCache = new Map<string, readonly string[]>();
const PINYIN_CACHE_LIMIT = 200_000;

/** A Han word's pinyin keys: the full syllables joined (xingzhengchufa) and the initials (xzcf). */
export function pinyinKeys(word: string): readonly string[] {
  let keys = pinyinCache.get(word);
  if (keys) return keys;
  const han = [...word].filter((c) => hasHan(c)).join('');
  if (han.length < 2) keys = [];
  else {
    const full = pinyin(han, { toneType: 'none', type: 'array', v: true }).join('');
    const initials = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    keys = full === initials ? [full] : [full, initials];
  }
  if (pinyinCache.size < PINYIN_CACHE_LIMIT) pinyinCache.set(word, keys);
  return keys;
}

/** Pinyin keys of every word of a text (two Han characters or more: a lone initial finds everything). */
export const pinyinTerms = (text: string): string[] => searchWords(text).flatMap((word) => (hasHan(word) ? pinyinKeys(word) : []));
