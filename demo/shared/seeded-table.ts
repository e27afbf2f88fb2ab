/** What a demo front database needs from its driver: run a statement, with parameters. */
export type Execute = (sql: string, params?: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/** Bumped when a generator changes what it makes, so tables seeded by the old one are reseeded. */
const GENERATOR_VERSION = 2;

/** The marker a seeded demo table keeps, so a restart with the same seed and size reseeds nothing. */
export const seedMarker = (seed: number, count: number): string => `generator ${GENERATOR_VERSION}, seed ${seed}, ${count} rows`;

/** Inserts rows in multi-row statements of `chunk` rows; `placeholder(i)` is the i-th (1-based) parameter. */
export async function insertRows<T extends object>(
  execute: Execute,
  table: string,
  rows: readonly T[],
  placeholder: (i: number) => string,
  chunk = 200,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    let n = 0;
    const values = slice.map(() => `(${columns.map(() => placeholder(++n)).join(', ')})`).join(', ');
    await execute(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`,
      slice.flatMap((row) => columns.map((c) => (row as Record<string, unknown>)[c])),
    );
  }
}
