import { buildUscc, orgCodeCheckChar } from '../enforcement/identifiers.js';
import { seededRandom } from '../enforcement/random.js';
import { plantDefects } from '../shared/defects.js';

/** One row of the service-item catalogue (政务服务事项目录) as the department's spreadsheet holds it. */
export interface DemoServiceItemRow {
  事项编码: string;
  事项名称: string;
  实施部门: string;
  部门代码: string;
  事项类型: string;
  办理渠道: string;
  法定时限: number;
  承诺时限: number;
  收费: string;
  申请材料: string;
  跨省通办: '是' | '否';
  最多跑次数: number;
  /** Excel serial date. */
  更新日期: number;
}

export const SERVICE_ITEM_DEFECTS = ['missing-name', 'promise-over-legal-limit', 'unknown-item-type', 'no-channel'] as const;
export type ServiceItemDefect = (typeof SERVICE_ITEM_DEFECTS)[number];

const DEPARTMENTS = [
  { name: '绍兴市市场监督管理局', org: '00252705', items: ['食品经营许可', '药品零售企业许可', '特种设备使用登记', '企业名称自主申报'] },
  { name: '绍兴市住房和城乡建设局', org: '00252010', items: ['建筑工程施工许可', '商品房预售许可', '建设工程消防验收'] },
  { name: '绍兴市卫生健康委员会', org: '00252011', items: ['医疗机构执业登记', '母婴保健技术服务许可', '公共场所卫生许可'] },
  { name: '绍兴市交通运输局', org: '00252012', items: ['道路货物运输经营许可', '出租汽车经营许可'] },
] as const;
const TYPES = ['行政许可', '行政确认', '公共服务', '行政给付'] as const;
const MATERIALS = ['申请书（原件，必需）', '身份证明（复印件，必需）', '营业执照（电子证照，必需）', '授权委托书（原件，非必需）', '场所证明（复印件，必需）'];

/** A deterministic catalogue, ~2% defective; Excel serial dates from 2025-01-01 on. */
export function generateServiceItems(count: number, seed: number): { rows: DemoServiceItemRow[]; defective: ReadonlyMap<string, ServiceItemDefect> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, SERVICE_ITEM_DEFECTS);
  const defective = new Map<string, ServiceItemDefect>();
  const rows: DemoServiceItemRow[] = [];
  for (let i = 0; i < count; i++) {
    const department = random.pick(DEPARTMENTS);
    const legal = random.pick([5, 10, 15, 20, 30]);
    const code = `330600${String(department.org).slice(-3)}${String(i + 1).padStart(5, '0')}`;
    const row: DemoServiceItemRow = {
      事项编码: code,
      事项名称: `${random.pick(department.items)}${random.chance(0.4) ? random.pick(['（新办）', '（变更）', '（延续）', '（注销）']) : ''}`,
      实施部门: department.name,
      部门代码: buildUscc('1', '1', '330600', department.org + orgCodeCheckChar(department.org)),
      事项类型: random.pick(TYPES),
      办理渠道: random.shuffle(['窗口', '网上', '掌上', '自助终端']).slice(0, random.int(1, 3)).join('、'),
      法定时限: legal,
      承诺时限: random.int(0, legal),
      收费: random.chance(0.8) ? '不收费' : `工本费${random.int(1, 5) * 5}元（依据：浙价费〔2017〕${random.int(10, 99)}号）`,
      申请材料: random.shuffle(MATERIALS).slice(0, random.int(1, 4)).join('；'),
      跨省通办: random.chance(0.2) ? '是' : '否',
      最多跑次数: random.pick([0, 1]),
      更新日期: 45658 + random.int(0, 300),
    };
    const defect = defects.get(i);
    if (defect) {
      if (defect === 'missing-name') row.事项名称 = '';
      if (defect === 'promise-over-legal-limit') row.承诺时限 = legal + 5;
      if (defect === 'unknown-item-type') row.事项类型 = '其他事项';
      if (defect === 'no-channel') row.办理渠道 = '—';
      defective.set(code, defect);
    }
    rows.push(row);
  }
  return { rows, defective };
}
