/**
 * What generated validators import at run time, in place of ajv's own runtime modules:
 * they must load without ajv so a bundled function starts without compiling anything.
 */
export { recordFormats } from './formats.js';

/** Length in Unicode code points, as JSON Schema counts minLength and maxLength. */
export function ucs2length(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}
