import { describe, expect, it } from 'vitest';
import { chinaTimeToIso, isCalendarDate, normalizeDecisionNumber, toIsoDate, wanYuanToYuan } from '../../../src/records/normalize-values.js';

describe('normalizeDecisionNumber', () => {
  it.each([
    ['绍越市监罚〔2021〕045号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚[2021]045号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚(2021)45号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚（2021）45号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚［２０２１］０４５号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚【2021】45号', '绍越市监罚〔2021〕45号'],
    ['绍越市监罚﹝2021﹞45号', '绍越市监罚〔2021〕45号'],
    ['  绍越市监罚 〔2021〕 45号 ', '绍越市监罚〔2021〕45号'],
    ['绍柯市监罚[2025]0123', '绍柯市监罚〔2025〕123号'],
    ['绍市监罚〔2024〕000号', '绍市监罚〔2024〕0号'],
    ['绍市监罚字〔2024〕第007号', '绍市监罚字〔2024〕第7号'],
  ])('%s → %s', (raw, canonical) => {
    expect(normalizeDecisionNumber(raw)).toBe(canonical);
  });

  it('leaves a serial it cannot read as a whole number alone', () => {
    expect(normalizeDecisionNumber('绍市监罚〔2024〕12-1号')).toBe('绍市监罚〔2024〕12-1号');
  });

  it('leaves numbers without a bracketed year as they are, less whitespace', () => {
    expect(normalizeDecisionNumber(' 绍市监罚2024-12 ')).toBe('绍市监罚2024-12');
  });

  it('is idempotent', () => {
    const once = normalizeDecisionNumber('绍越市监罚[2021]0045');
    expect(normalizeDecisionNumber(once)).toBe(once);
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024年12月25日', '2024-12-25'],
    ['2024/3/5', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    [' 2024-03-05 ', '2024-03-05'],
  ])('%s → %s', (raw, iso) => {
    expect(toIsoDate(raw)).toBe(iso);
  });

  it('keeps impossible dates impossible instead of rolling them over', () => {
    expect(toIsoDate('2024-02-30')).toBe('2024-02-30');
    expect(toIsoDate('2023年13月5日')).toBe('2023-13-05');
    expect(isCalendarDate(toIsoDate('2024年2月30日'))).toBe(false);
  });

  it('returns what it cannot read unchanged', () => {
    expect(toIsoDate('三月五日')).toBe('三月五日');
    expect(toIsoDate('2024-03')).toBe('2024-03');
  });
});

describe('isCalendarDate', () => {
  it('knows leap years and month lengths', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-00-10')).toBe(false);
    expect(isCalendarDate('2024-3-5')).toBe(false);
  });
});

describe('chinaTimeToIso', () => {
  it('reads source wall-clock time as China time', () => {
    expect(chinaTimeToIso('2025-03-03 08:30:00')).toBe('2025-03-03T08:30:00+08:00');
    expect(chinaTimeToIso('2025-03-03T08:30')).toBe('2025-03-03T08:30:00+08:00');
    expect(chinaTimeToIso('2025-03-03 08:30:00.250')).toBe('2025-03-03T08:30:00.250+08:00');
  });

  it('keeps an explicit offset and returns what it cannot read unchanged', () => {
    expect(chinaTimeToIso('2025-03-03T00:30:00Z')).toBe('2025-03-03T00:30:00Z');
    expect(chinaTimeToIso('昨天')).toBe('昨天');
  });
});

describe('wanYuanToYuan', () => {
  it('converts 万元 to yuan rounded to the cent, from strings or numbers', () => {
    expect(wanYuanToYuan('1.5')).toBe(15000);
    expect(wanYuanToYuan(0.3)).toBe(3000);
    expect(wanYuanToYuan('0.12345')).toBe(1234.5);
    expect(wanYuanToYuan('0.0000001')).toBe(0);
    expect(wanYuanToYuan('1,200')).toBe(12_000_000);
    expect(wanYuanToYuan(' 2 ')).toBe(20000);
    expect(wanYuanToYuan('-0.5')).toBe(-5000);
  });

  it('returns non-numeric values unchanged for the validator to reject', () => {
    expect(wanYuanToYuan('五千')).toBe('五千');
    expect(wanYuanToYuan('')).toBe('');
    expect(wanYuanToYuan(Number.NaN)).toBeNaN();
  });
});
