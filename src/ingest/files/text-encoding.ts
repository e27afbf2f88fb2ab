import iconv from 'iconv-lite';

export type DeclaredEncoding = 'auto' | 'utf-8' | 'gbk' | 'gb18030';
export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030';

const BOM = [0xef, 0xbb, 0xbf];

export const hasUtf8Bom = (bytes: Uint8Array): boolean => BOM.every((b, i) => bytes[i] === b);

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a departmental text file: as declared, or detected: a BOM or valid
 * UTF-8 means UTF-8; anything else is read as GB18030, which contains GBK, so GBK files
 * and the rare characters only GB18030 has both come out right.
 */
export function detectEncoding(bytes: Uint8Array, declared: DeclaredEncoding = 'auto'): TextEncoding {
  if (declared !== 'auto') return declared;
  return hasUtf8Bom(bytes) || isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decodes without the BOM; undecodable bytes become U+FFFD, which the caller reports with its line. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const body = encoding === 'utf-8' && hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding);
}
