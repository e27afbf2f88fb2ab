import { addCalendarDays, type CivilDate } from '../../src/calendar/index.js';
import type { DemoCaseKind, Sanction } from './case-kinds.js';
import type { Random } from './random.js';

/**
 * 公示期 by severity, after the credit-repair rules (国家发展改革委令2023年第58号): a warning
 * alone is publicised briefly, a general penalty for a year, a serious one (吊销, 停产停业,
 * or a fine of 20万元 or more) for three years.
 */
export const PUBLICITY_MONTHS = { light: 3, general: 12, serious: 36 } as const;
export const SERIOUS_FINE_YUAN = 200_000;

export function publicityMonths(sanction: Sanction, fineYuan: number | undefined): number {
  if (sanction.types.every((type) => type === '警告' || type === '通报批评')) return PUBLICITY_MONTHS.light;
  const serious = sanction.types.some((type) => type === '吊销许可证件' || type === '责令停产停业') || (fineYuan ?? 0) >= SERIOUS_FINE_YUAN;
  return serious ? PUBLICITY_MONTHS.serious : PUBLICITY_MONTHS.general;
}

export function addMonths(date: CivilDate, months: number): CivilDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return addCalendarDays(`${target.toISOString().slice(0, 8)}01`, Math.min(day, lastDay) - 1);
}

/** A fine inside the range, rounded to a step an officer would write, never outside it. */
export function fineInside(random: Random, minYuan: number, maxYuan: number): number {
  const step = maxYuan >= 100_000 ? 1000 : maxYuan >= 10_000 ? 500 : 100;
  const rounded = Math.round(random.int(minYuan, maxYuan) / step) * step;
  return Math.min(maxYuan, Math.max(minYuan, rounded));
}

const yuanText = (yuan: number): string => `${yuan.toLocaleString('en-US')}元`;

/** 处罚内容 (CF_NR): what the decision imposes, in the order the decision lists it. */
export function penaltyContent(sanction: Sanction, fineYuan: number | undefined, confiscatedYuan: number | undefined, licence: string): string {
  const parts = sanction.types.map((type) => {
    switch (type) {
      case '罚款':
        return `罚款${yuanText(fineYuan!)}`;
      case '没收违法所得':
        return `没收违法所得${yuanText(confiscatedYuan!)}`;
      case '没收非法财物':
        return sanction.types.includes('没收违法所得') ? '没收非法财物' : `没收非法财物（价值${yuanText(confiscatedYuan!)}）`;
      case '吊销许可证件':
        return `吊销${licence}`;
      case '责令停产停业':
        return '责令停产整治';
      default:
        return type;
    }
  });
  return parts.map((part, index) => `${index + 1}.${part}`).join('；') + '。';
}

/** 违法事实 (CF_SY) of a case; with `pii`, the clerk also wrote a bystander's name and mobile number into it. */
export function factsText(random: Random, kind: DemoCaseKind, bystander: string | undefined): string {
  const facts = `经查，${random.pick(kind.facts)}`;
  if (!bystander) return facts;
  return `${facts}现场检查时，当事人店员${bystander}（联系电话1${random.pick(['39', '58', '87'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}）在场。`;
}
