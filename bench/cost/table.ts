/** Plain-text tables: the first column left-aligned, the others right-aligned. Pure. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - [...cell].length);
    return i === 0 ? cell + fill : fill + cell;
  };
  const line = (r: readonly string[]) =>
    header
      .map((_, i) => pad(r[i] ?? '', i))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** A number with `digits` decimals, or '-' for zero (so empty cells read as empty). */
export const figure = (n: number, digits = 1): string => (n === 0 ? '-' : n.toFixed(digits));
