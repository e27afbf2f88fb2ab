import { bodyCode, CITY_DIVISION, COUNTY_DIVISIONS } from '../shared/shaoxing-bodies.js';

/** A body that keeps a catalogue of major administrative decisions (重大行政决策目录), numbered per year. */
export interface DecidingBody {
  readonly name: string;
  readonly code: string;
  /** How its decisions' titles name the area: 绍兴市区, 诸暨市 … */
  readonly area: string;
  /** Its executive meeting (常务会议 of a government, 局长办公会议 of a department). */
  readonly meeting: string;
  /** Where it publishes its decisions. */
  readonly publishedIn: string;
  readonly government: boolean;
}

const government = (name: string, area: string, seat = CITY_DIVISION): DecidingBody => ({
  name,
  code: bodyCode(name, seat),
  area,
  meeting: `${name.replace('人民政府', '')}政府常务会议`,
  publishedIn: name === '绍兴市人民政府' ? '《绍兴市人民政府公报》、绍兴市人民政府网站' : `${name}网站`,
  government: true,
});

const department = (name: string): DecidingBody => ({
  name,
  code: bodyCode(name, CITY_DIVISION),
  area: '绍兴市',
  meeting: `${name}局长办公会议`,
  publishedIn: `${name}网站`,
  government: false,
});

const county = (code: string) => COUNTY_DIVISIONS.find((d) => d.code === code)!;

export const DECIDING_BODIES: readonly DecidingBody[] = [
  government('绍兴市人民政府', '绍兴市区'),
  government('绍兴市越城区人民政府', '越城区', county('330602')),
  government('绍兴市柯桥区人民政府', '柯桥区', county('330603')),
  government('诸暨市人民政府', '诸暨市', county('330681')),
  government('嵊州市人民政府', '嵊州市', county('330683')),
  department('绍兴市自然资源和规划局'),
  department('绍兴市交通运输局'),
];

/**
 * Matters a catalogue lists: the title (with {area} for the body's area), the department in
 * charge, and whether a hearing is due (prices and charges: 价格法 第二十三条 requires one).
 */
export const MATTERS: readonly { readonly title: string; readonly department: string; readonly hearing: boolean; readonly forDepartment?: string }[] = [
  { title: '{area}居民生活用水阶梯价格调整', department: '发展和改革局', hearing: true },
  { title: '{area}城市道路停车收费标准调整', department: '发展和改革局', hearing: true },
  { title: '{area}公共租赁住房保障管理办法修订', department: '住房和城乡建设局', hearing: false },
  { title: '{area}养老服务体系建设“十五五”规划', department: '民政局', hearing: false },
  { title: '{area}义务教育学校布局专项规划（2026—2035年）', department: '教育局', hearing: false },
  { title: '{area}生活垃圾分类管理实施方案', department: '综合行政执法局', hearing: false },
  { title: '{area}“无废城市”建设实施方案', department: '生态环境分局', hearing: false },
  { title: '{area}征收集体土地房屋补偿标准调整', department: '自然资源和规划局', hearing: true },
  { title: '{area}基准地价更新', department: '自然资源和规划局', hearing: false, forDepartment: '绍兴市自然资源和规划局' },
  { title: '{area}国土空间生态修复规划', department: '自然资源和规划局', hearing: false, forDepartment: '绍兴市自然资源和规划局' },
  { title: '{area}公交线网优化调整方案', department: '交通运输局', hearing: false, forDepartment: '绍兴市交通运输局' },
  { title: '{area}出租汽车运价调整', department: '交通运输局', hearing: true, forDepartment: '绍兴市交通运输局' },
];

/** The matters a body's catalogue can list: its own for a department, the general ones for a government. */
export const mattersOf = (body: DecidingBody) => MATTERS.filter((m) => (body.government ? m.forDepartment === undefined : m.forDepartment === body.name));

/** The department in charge (承办单位) of a matter for a body: the body's own office of that name. */
export function departmentInCharge(body: DecidingBody, office: string): string {
  if (!body.government) return body.name;
  const city = body.name === '绍兴市人民政府';
  // Ecology is the city bureau's, through a branch in each county; the city's reform body is a 委员会.
  if (office === '生态环境分局') return city ? '绍兴市生态环境局' : `绍兴市生态环境局${body.area.replace(/市$/, '')}分局`;
  if (city && office === '发展和改革局') return '绍兴市发展和改革委员会';
  return `${body.name.replace('人民政府', '')}${office}`;
}
