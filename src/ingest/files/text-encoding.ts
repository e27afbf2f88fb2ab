import iconv from 'iconv-lite';
import type { FileReason } from './file-reason.js';
import { UnreadableFileError } from './unreadable-file.js';

export type DeclaredEncoding = 'auto' | 'utf-8' | 'gbk' | 'gb18030';
export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean => prefix.every((b, i) => bytes[i] === b);

export const hasUtf8Bom = (bytes: Uint8Array): boolean => startsWith(bytes, UTF8_BOM);

/** Formats departments drop by mistake, by their first bytes. */
const SIGNATURES: readonly { readonly magic: readonly number[]; readonly zh: string; readonly en: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: '二进制文件（PNG 图片）', en: 'binary file (PNG image)' },
  { magic: [0xff, 0xd8, 0xff], zh: '二进制文件（JPEG 图片）', en: 'binary file (JPEG image)' },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: '二进制文件（GIF 图片）', en: 'binary file (GIF image)' },
  { magic: [0x25, 0x50, 0x44, 0x46], zh: '二进制文件（PDF 文档）', en: 'binary file (PDF document)' },
  { magic: [0x50, 0x4b, 0x03, 0x04], zh: '二进制文件（ZIP 压缩包，可能是 XLSX 工作簿）', en: 'binary file (ZIP archive, perhaps an XLSX workbook)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], zh: '二进制文件（旧版 Office 文档，如 .xls）', en: 'binary file (legacy Office document, such as .xls)' },
  { magic: [0x1f, 0x8b], zh: '二进制文件（gzip 压缩）', en: 'binary file (gzip compressed)' },
  { magic: [0xff, 0xfe, 0x00, 0x00], zh: 'UTF-32 文本（不支持）', en: 'UTF-32 text (not supported)' },
  { magic: [0x00, 0x00, 0xfe, 0xff], zh: 'UTF-32 文本（不支持）', en: 'UTF-32 text (not supported)' },
];

/** What the first bytes say: a text encoding that needs transcoding, or what the file is instead of text. */
export type Sniffed =
  | { readonly kind: 'ascii-compatible' }
  | { readonly kind: 'utf-16'; readonly encoding: 'utf-16le' | 'utf-16be' }
  | { readonly kind: 'not-text'; readonly what: FileReason };

const SNIFF_BYTES = 4096;

/**
 * UTF-16 without a BOM, from where its NUL bytes fall: text with Latin letters, digits or
 * punctuation (a CSV's delimiters) has NUL high bytes on one side only. NULs on both sides
 * or too few to tell are refused rather than guessed.
 */
function nulPattern(sample: Uint8Array): Sniffed | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (even + odd === 0) return undefined;
  const pairs = Math.floor(sample.length / 2);
  if (even === 0 && odd >= pairs / 4) return { kind: 'utf-16', encoding: 'utf-16le' };
  if (odd === 0 && even >= pairs / 4) return { kind: 'utf-16', encoding: 'utf-16be' };
  return {
    kind: 'not-text',
    what: {
      zh: '不是文本（含 NUL 字节，可能是二进制文件或无 BOM 的 UTF-16/UTF-32）',
      en: 'not text (contains NUL bytes: binary, or UTF-16/UTF-32 without a BOM)',
    },
  };
}

export function sniffText(bytes: Uint8Array): Sniffed {
  for (const s of SIGNATURES) if (startsWith(bytes, s.magic)) return { kind: 'not-text', what: { zh: s.zh, en: s.en } };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'utf-16', encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'utf-16', encoding: 'utf-16be' };
  if (hasUtf8Bom(bytes)) return { kind: 'ascii-compatible' };
  return nulPattern(bytes.subarray(0, SNIFF_BYTES)) ?? { kind: 'ascii-compatible' };
}

/**
 * Bytes that the byte-level CSV reader can cut into records: UTF-8, GBK and GB18030 as they
 * are; UTF-16 transcoded to UTF-8 with a BOM (so every page read back says UTF-8); anything
 * else refused, naming what it is.
 */
export function readableTextBytes(bytes: Uint8Array): Uint8Array {
  const sniffed = sniffText(bytes);
  if (sniffed.kind === 'ascii-compatible') return bytes;
  if (sniffed.kind === 'not-text')
    throw new UnreadableFileError({ zh: `无法作为 CSV 读取：${sniffed.what.zh}`, en: `cannot be read as CSV: ${sniffed.what.en}` }, 0);
  // iconv-lite drops the BOM; a lone surrogate becomes U+FFFD, which the reader reports with its line.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sniffed.encoding);
  return new Uint8Array(Buffer.concat([Buffer.from(UTF8_BOM), Buffer.from(text, 'utf8')]));
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a departmental text file: a UTF-8 BOM says UTF-8 whatever was declared;
 * else as declared, or detected: valid UTF-8 means UTF-8; anything else is read as
 * GB18030, which contains GBK, so GBK files and the rare characters only GB18030 has both
 * come out right.
 */
export function detectEncoding(bytes: Uint8Array, declared: DeclaredEncoding = 'auto'): TextEncoding {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  if (declared !== 'auto') return declared;
  return isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decodes without the BOM; undecodable bytes become U+FFFD, which the caller reports with its line. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const body = encoding === 'utf-8' && hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding);
}

const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = { 'utf-8': 'UTF-8', gbk: 'GBK', gb18030: 'GB18030' };
export const encodingName = (encoding: TextEncoding): string => ENCODING_NAMES[encoding];
