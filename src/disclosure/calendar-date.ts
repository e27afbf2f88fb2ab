/** Dates as the records carry them (YYYY-MM-DD) and as identity numbers carry them (YYYYMMDD). */
import { isCalendarDate } from '../records/formats.js';

/**
 * The birth date (YYYY-MM-DD) an identity number carries: digits 7–14 of the 18-digit
 * form (GB 11643-1999), digits 7–12 of the 15-digit legacy form, which were all 19xx.
 */
export function birthDateOfIdNumber(id: string): string | undefined {
  const digits = /^\d{17}[\dXx]$/.test(id) ? id.slice(6, 14) : /^\d{15}$/.test(id) ? `19${id.slice(6, 12)}` : undefined;
  if (digits === undefined || !isCalendarDate(digits)) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The day a person born on `birthDate` turns `years` old. Someone born on 29 February
 * comes of age on 1 March in a common year, as Chinese civil practice counts it.
 */
export function anniversary(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  const day = monthDay === '02-29' && !isLeapYear(year) ? '03-01' : monthDay;
  return `${String(year).padStart(4, '0')}-${day}`;
}
