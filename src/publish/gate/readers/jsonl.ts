import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TableEvent } from './table.js';

/** A JSONL file line by line; a line that is not a JSON object is read as one cell of text. */
export async function* readJsonl(path: string): AsyncGenerator<TableEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const cells =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed as Record<string, unknown>) : [['(line)', line] as const];
    yield { kind: 'row', cells };
  }
}
