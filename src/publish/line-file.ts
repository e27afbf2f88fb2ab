import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The release's own text files (changes, clock delta, state) are written as the data files are. */
export { TextSink as LineFile } from './files/text-sink.js';

/** The lines of a local file, one at a time. */
export async function* linesOf(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield line;
}
