import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/ingest/source-error.js';
import { PAGE_GUARD, pullCase, SOURCE_ID, type ConnectorCase } from './support/connector-target.js';
import { loadCases } from './support/load-cases.js';

const cases = await loadCases<ConnectorCase>('connectors');

describe('bad-input corpus: a department HTTP/JSON API answering badly', () => {
  it.each(cases)('$title', async ({ case: c }) => {
    const { pages, error, requests } = await pullCase(c);
    expect(pages.length, `the pull did not stop after ${requests} requests`).toBeLessThanOrEqual(PAGE_GUARD);
    const read = pages.reduce((n, p) => n + p.items.length, 0);
    if (c.expect.error !== undefined) {
      expect(error, `the pull ended without an error after reading ${read} items`).toBeInstanceOf(SourceError);
      expect((error as Error).message).toContain(`source ${SOURCE_ID}`);
      expect((error as Error).message).toMatch(new RegExp(c.expect.error));
      // An error message is logged and shown: a page of HTML or a huge body must not be pasted into it whole.
      expect((error as Error).message.length).toBeLessThan(4_000);
    } else {
      expect(error, String(error)).toBeUndefined();
    }
    if (c.expect.items !== undefined) expect(read).toBe(c.expect.items);
  });
});
