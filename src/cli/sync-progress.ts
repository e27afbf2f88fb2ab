import type { SyncProgress, SyncResult } from '../ingest/sync-source.js';

const BAR_WIDTH = 24;

/** Items per second since the source's sync started. */
export function ratePerSecond(pulled: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (pulled * 1000) / elapsedMs : 0;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One terminal line: a bar and ETA when the total is known, else the count and rate (of rows read). */
export function progressLine(p: SyncProgress, elapsedMs: number): string {
  const rate = ratePerSecond(p.read, elapsedMs);
  const speed = `${rate.toFixed(rate < 10 ? 1 : 0)} rec/s`;
  const sent = p.pulled < p.read ? `, ${p.pulled} changed` : '';
  if (p.expectedTotal === undefined || p.expectedTotal === 0) return `${p.sourceId}  ${p.read} records${sent}  ${speed}`;
  const share = Math.min(p.read / p.expectedTotal, 1);
  const filled = Math.round(share * BAR_WIDTH);
  const eta = rate > 0 ? duration((p.expectedTotal - p.read) / rate) : '?';
  return `${p.sourceId}  [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${p.read}/${p.expectedTotal} ${(share * 100).toFixed(0)}%${sent}  ${speed}  ETA ${eta}`;
}

/** One JSON line per page, for logs and pipes. */
export function progressJson(p: SyncProgress, elapsedMs: number): string {
  return JSON.stringify({ event: 'page', ...p, ratePerSecond: Number(ratePerSecond(p.read, elapsedMs).toFixed(1)) });
}

export function resultLine(result: SyncResult, elapsedMs: number): string {
  const rate = ratePerSecond(result.read, elapsedMs).toFixed(0);
  const deleted = result.deleted > 0 ? `, ${result.deleted} deleted` : '';
  const unchanged = result.read > result.pulled ? ` (${result.read} read, ${result.read - result.pulled} unchanged)` : '';
  const note = result.note ? ` (${result.note})` : '';
  return `${result.sourceId}  ${result.pulled} records in ${result.pages} batches${unchanged}${deleted}, ${(elapsedMs / 1000).toFixed(1)}s, ${rate} rec/s${note}`;
}
