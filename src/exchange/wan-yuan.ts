/**
 * 万元 with six decimals from an amount in 元, exactly: the yuan are read as whole fen
 * (1 万元 = 1,000,000 分) and the decimal point placed by integer arithmetic, so no binary
 * fraction leaks in (12345.67 元 → "1.234567", 0.1 + 0.2 元 never becomes 0.000030000001).
 * An amount that is not a non-negative number of whole fen is refused: the schema holds
 * amounts to the fen, so such a value means the record was not validated.
 */
export function yuanToWanYuan(yuan: number): string {
  if (!Number.isFinite(yuan) || yuan < 0) throw new RangeError(`not an amount in yuan: ${yuan}`);
  const fen = Math.round(yuan * 100);
  if (Math.abs(fen - yuan * 100) > 1e-6 * Math.max(1, fen)) throw new RangeError(`not a whole number of fen: ${yuan} yuan`);
  const digits = BigInt(fen).toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
