import type { CrossFieldRule } from './record-type.js';
import { isCalendarDate } from './normalize-values.js';

/**
 * `later` must not precede `earlier` when both are real dates (a missing or malformed
 * date is the schema's to report). Reported at `later`.
 */
export function dateNotBefore(
  later: string,
  earlier: string,
  keyword = `${later}NotBefore${earlier.charAt(0).toUpperCase()}${earlier.slice(1)}`,
): CrossFieldRule {
  return (candidate, labels) => {
    const laterValue = candidate[later];
    const earlierValue = candidate[earlier];
    if (typeof laterValue !== 'string' || typeof earlierValue !== 'string') return [];
    if (!isCalendarDate(laterValue) || !isCalendarDate(earlierValue) || laterValue >= earlierValue) return [];
    return [
      {
        path: `/${later}`,
        keyword,
        message: `${later} (${laterValue}) must not precede ${earlier} (${earlierValue})`,
        messageZh: `${labels[later] ?? later}（${laterValue}）不得早于${labels[earlier] ?? earlier}（${earlierValue}）`,
      },
    ];
  };
}

/** `smaller` must not exceed `larger` when both are numbers. Reported at `smaller`. */
export function numberNotAbove(
  smaller: string,
  larger: string,
  keyword = `${smaller}NotAbove${larger.charAt(0).toUpperCase()}${larger.slice(1)}`,
): CrossFieldRule {
  return (candidate, labels) => {
    const small = candidate[smaller];
    const large = candidate[larger];
    if (typeof small !== 'number' || typeof large !== 'number' || small <= large) return [];
    return [
      {
        path: `/${smaller}`,
        keyword,
        message: `${smaller} (${small}) must not exceed ${larger} (${large})`,
        messageZh: `${labels[smaller] ?? smaller}（${small}）不得超过${labels[larger] ?? larger}（${large}）`,
      },
    ];
  };
}
