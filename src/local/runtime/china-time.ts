const DAY_MS = 24 * 60 * 60_000;
/** China keeps UTC+8 all year (no daylight saving), so its wall clock is a fixed offset. */
const CHINA_OFFSET_MS = 8 * 60 * 60_000;

/** Milliseconds from `now` to the next time the China wall clock shows `hhmm` (HH:MM); a full day when it shows it now. */
export function msUntilChinaTime(hhmm: string, now: Date): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  const target = (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const sinceChinaMidnight = (((now.getTime() + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const wait = target - sinceChinaMidnight;
  return wait > 0 ? wait : wait + DAY_MS;
}
