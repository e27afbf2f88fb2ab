import { mapped, requireObject, text, withoutAbsent } from './source-values.js';

/** Maps a row of the service-item catalogue spreadsheet (政务服务事项目录) to a candidate service-item. */
const CHANNELS: Readonly<Record<string, string>> = { 窗口: 'window', 网上: 'online', 掌上: 'mobile', 自助终端: 'self-service', 邮寄: 'post' };
const FORMS: Readonly<Record<string, string>> = { 原件: 'original', 复印件: 'copy', 电子证照: 'electronic' };
const SEPARATORS = /[、,，;；]/u;

function days(value: unknown): unknown {
  return typeof value === 'number' ? value : mapped(value, (t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/** 申请书（原件，必需）；身份证明（复印件，必需） */
function materials(value: string): unknown[] {
  return value
    .split(/[;；]/u)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^(.+?)（(.+?)）$/u.exec(part);
      const notes = match ? match[2]!.split(/[,，]/u) : [];
      const form = notes.map((n) => FORMS[n.trim()]).find((f) => f !== undefined);
      return withoutAbsent({ name: match ? match[1] : part, required: !notes.some((n) => n.trim() === '非必需'), form });
    });
}

/** 不收费, or 工本费10元（依据：…） */
function fees(value: string): unknown[] {
  if (value === '不收费' || value === '免费') return [];
  const match = /^(.+?)(\d+(?:\.\d+)?)元（依据：(.+)）$/u.exec(value);
  return match ? [{ name: match[1], amountYuan: Number(match[2]), basis: match[3] }] : [{ name: value, basis: '' }];
}

export function mapDemoServiceItem(raw: Readonly<Record<string, unknown>>): unknown {
  const row = requireObject(raw);
  return withoutAbsent({
    itemCode: text(row['事项编码']),
    name: text(row['事项名称']),
    department: text(row['实施部门']),
    departmentCode: mapped(row['部门代码'], (c) => c.toUpperCase()),
    itemType: text(row['事项类型']),
    channels: mapped(row['办理渠道'], (t) => t.split(SEPARATORS).map((c) => CHANNELS[c.trim()] ?? c.trim())),
    legalTimeLimitDays: days(row['办理时限（工作日）/法定']),
    promisedTimeLimitDays: days(row['办理时限（工作日）/承诺']),
    fees: mapped(row['收费'], fees),
    materials: mapped(row['申请材料'], materials),
    crossProvince: mapped(row['跨省通办'], (t) => (t === '是' ? true : t === '否' ? false : t)),
    maxVisits: days(row['最多跑次数']),
    // The spreadsheet's date column becomes ISO on reading (dateColumns); a day, at the start of it in China.
    sourceUpdatedAt: mapped(row['更新日期'], (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00+08:00` : d)),
  });
}
