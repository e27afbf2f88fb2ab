/** The pipeline benchmarks' floor: every page of the department's API read and each item round-tripped through JSON. */
export async function rawRead(url: string): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  let cursor: string | null = null;
  let items = 0;
  for (;;) {
    const page = (await (await fetch(`${url}?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
      data: unknown[];
      next_cursor: string | null;
      has_more: boolean;
    };
    for (const item of page.data) JSON.parse(JSON.stringify(item));
    items += page.data.length;
    if (!page.has_more) break;
    cursor = page.next_cursor;
  }
  return { ms: performance.now() - started, items };
}
