import { addCalendarDays, addWorkingDays, CalendarCoverageError, chinaDate } from '../calendar/index.js';

/**
 * The China date by which every subscriber must hold a leaving event observed at `observedAt`:
 * three working days later (行政处罚法 第四十八条, working days by 第八十五条). Undefined when the
 * holiday table does not cover the days: a deadline guessed from weekends would be a false
 * promise, and the change must still go out.
 */
export function workingDaysDeadline(observedAt: string): string | undefined {
  try {
    return addWorkingDays(chinaDate(new Date(observedAt)), 3);
  } catch (error) {
    if (error instanceof CalendarCoverageError) return undefined;
    throw error;
  }
}

/** An expiry's deadline: the record may be public through its last public day, not a day after. */
export const expiryDeadline = (publicUntil: string): string => addCalendarDays(publicUntil, 1);
