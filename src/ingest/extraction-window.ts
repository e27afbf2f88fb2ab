import type { SourceConfig } from '../config/catalog.js';

export type ExtractionWindow = NonNullable<SourceConfig['extractionWindow']>;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since midnight on the wall clock of `timeZone` at `instant`. */
export function wallClockMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return part('hour') * 60 + part('minute');
}

/**
 * Whether a front database may be read at `instant`. A window whose end is before its
 * start passes midnight (22:00–06:00); start equal to end means all day.
 */
export function insideWindow(window: ExtractionWindow | undefined, instant: Date): boolean {
  if (!window) return true;
  const now = wallClockMinutes(instant, window.timeZone ?? 'Asia/Shanghai');
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return true;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
