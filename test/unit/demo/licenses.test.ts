import { describe, expect, it } from 'vitest';
import { authorityNamed } from '../../../demo/enforcement/authorities.js';
import { generateLicenses } from '../../../demo/enforcement/licenses.js';
import { isWorkingDay } from '../../../src/calendar/index.js';
import { isChineseIdCard, isUscc } from '../../../src/records/formats.js';

const AS_OF = '2026-11-30';
const licenses = generateLicenses({ count: 500, seed: 20261127, asOf: AS_OF });

describe('generateLicenses', () => {
  it('is deterministic, with unique ids in (update_time, id) order', () => {
    expect(generateLicenses({ count: 500, seed: 20261127, asOf: AS_OF })).toEqual(licenses);
    expect(new Set(licenses.map((l) => l.id)).size).toBe(500);
    const times = licenses.map((l) => l.update_time);
    expect([...times].sort()).toEqual(times);
  });

  it('numbers decisions per licensing authority with its own prefix, and dates them on working days', () => {
    const seen = new Set<string>();
    for (const licence of licenses) {
      const authority = authorityNamed(licence.xk_xkjg)!;
      expect(licence.xk_xkjgdm).toBe(authority.creditCode);
      expect(licence.xk_wsh.startsWith(`${authority.licensePrefix}〔${licence.xk_jdrq.slice(0, 4)}〕`)).toBe(true);
      expect(seen.has(licence.xk_wsh)).toBe(false);
      seen.add(licence.xk_wsh);
      expect(isWorkingDay(licence.xk_jdrq)).toBe(true);
      expect(licence.xk_jdrq <= AS_OF && licence.update_time.slice(0, 10) >= licence.xk_jdrq).toBe(true);
      expect(licence.xk_yxqz).toBe(licence.xk_jdrq);
      expect(licence.xk_yxqzi > licence.xk_yxqz).toBe(true);
    }
  });

  it('is granted by the competent authority, with well-formed numbers, categories and parties', () => {
    for (const licence of licenses) {
      expect(['普通', '特许', '认可', '核准', '登记', '其他']).toContain(licence.xk_xklb);
      if (licence.xk_xkzs === '排污许可证') {
        expect(licence.xk_xkjg).toBe('绍兴市生态环境局');
        expect(licence.xk_xkbh.slice(0, 18)).toBe(licence.xdr_shxym);
      }
      if (licence.xk_xkzs === '食品经营许可证') {
        expect(licence.xk_xkjg).toMatch(/市场监督管理局$/u);
        expect(licence.xk_xkbh).toMatch(/^JY[12]3306\d{9}$/u);
      }
      if (licence.xk_xkzs === '建设工程规划许可证') expect(licence.xk_xkjg).toMatch(/自然资源和规划局/u);
      expect(isUscc(licence.xdr_shxym) && licence.xdr_shxym.slice(2, 6) === '3306', licence.xdr_shxym).toBe(true);
      expect(isChineseIdCard(licence.fr_zjhm)).toBe(true);
    }
    expect(new Set(licenses.map((l) => l.xk_xkzs)).size).toBeGreaterThanOrEqual(6);
  });

  it('marks expired and withdrawn licences 2 无效 with a remark, the rest 1 有效', () => {
    for (const licence of licenses) {
      expect(licence.xk_zt).toBe(licence.xk_yxqzi < AS_OF || licence.bz === '经营者申请注销' ? '2' : '1');
      expect(licence.bz === '').toBe(licence.xk_zt === '1');
    }
    const invalid = licenses.filter((l) => l.xk_zt === '2').length;
    expect(invalid).toBeGreaterThan(5);
    expect(invalid).toBeLessThan(100);
  });
});
