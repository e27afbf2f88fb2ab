import { isCalendarDate, toIsoDate } from '../records/normalize-values.js';

/**
 * The moment an as-of read asks about. A date means the whole of that day in China
 * time (the SSOT as it stood at the day's end); an ISO date-time is taken as written.
 * Chinese date forms are read too (2025年3月1日).
 */
export function parseAsOf(text: string): Date {
  const day = toIsoDate(text);
  if (isCalendarDate(day)) return new Date(`${day}T23:59:59.999+08:00`);
  const moment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/u.test(text.trim()) ? new Date(text.trim()) : undefined;
  if (!moment || Number.isNaN(moment.getTime())) {
    throw new Error(`as-of "${text}" is neither a date (2025-03-01, 2025年3月1日) nor an ISO date-time with a time zone (2025-03-01T09:30:00+08:00)`);
  }
  return moment;
}
