import { buildUscc, orgCodeCheckChar } from '../enforcement/identifiers.js';
import { seededRandom } from '../enforcement/random.js';
import { addDays, chinaTimestamp, isoDay, plantDefects } from '../shared/defects.js';

/** One row of the general office's document system (公文系统 规范性文件库). */
export interface DemoDocumentRow {
  id: number;
  wh: string;
  syh: string;
  bt: string;
  fwjg: string;
  fwjgdm: string;
  cwrq: string;
  fbrq: string;
  ssrq: string;
  sxrq: string | null;
  yxx: '有效' | '失效' | '废止' | '已修改';
  gkfs: '主动公开' | '依申请公开';
  ztfl: string;
  qwdz: string;
  updated_at: string;
}

export const DOCUMENT_DEFECTS = ['malformed-document-number', 'missing-title', 'unknown-validity', 'effective-before-signed'] as const;
export type DocumentDefect = (typeof DOCUMENT_DEFECTS)[number];

const ISSUERS = [
  { name: '绍兴市人民政府办公室', prefix: '绍政办发', org: '00252001' },
  { name: '绍兴市人民政府', prefix: '绍政发', org: '00252002' },
  { name: '绍兴市发展和改革委员会', prefix: '绍市发改', org: '00252003' },
  { name: '绍兴市市场监督管理局', prefix: '绍市监', org: '00252705' },
  { name: '绍兴市财政局', prefix: '绍市财', org: '00252004' },
] as const;
const SUBJECTS = [
  '促进民营经济高质量发展',
  '加强食品安全监管',
  '优化营商环境',
  '推进数字政府建设',
  '规范行政执法',
  '支持科技创新',
  '加强城市管理',
  '做好防汛防台工作',
];
const TOPICS = ['综合政务', '国民经济管理', '市场监管', '城乡建设', '科技', '财政'];

/** A deterministic document system: rows in (updated_at, id) order, ~2% defective. */
export function generateDocumentRows(count: number, seed: number, start: Date): { rows: DemoDocumentRow[]; defective: ReadonlyMap<number, DocumentDefect> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, DOCUMENT_DEFECTS);
  const defective = new Map<number, DocumentDefect>();
  const serials = new Map<string, number>();
  const rows: DemoDocumentRow[] = [];
  let instant = start.getTime();
  // Rows that share a timestamp share it to the microsecond: ties the keyset must break by id.
  let micros = 0;
  for (let i = 0; i < count; i++) {
    if (!random.chance(0.2)) [instant, micros] = [instant + random.int(600, 86_400) * 1000, random.int(0, 999_999)];
    const issuer = random.pick(ISSUERS);
    const co = random.chance(0.15) ? random.pick(ISSUERS.filter((x) => x !== issuer)) : undefined;
    const signed = isoDay(instant - random.int(3, 40) * 86_400_000);
    const year = signed.slice(0, 4);
    const serial = (serials.get(issuer.prefix + year) ?? random.int(0, 20)) + 1;
    serials.set(issuer.prefix + year, serial);
    const validity = random.chance(0.85) ? '有效' : random.pick(['失效', '废止', '已修改'] as const);
    const row: DemoDocumentRow = {
      id: 10_000 + i,
      wh: `${issuer.prefix}〔${year}〕${serial}号`,
      syh: `11330600${issuer.org}/${year}-${String(serial).padStart(5, '0')}`,
      bt: `${issuer.name}关于${random.pick(SUBJECTS)}的${random.pick(['若干意见', '实施意见', '通知', '管理办法'])}`,
      fwjg: co ? `${issuer.name}、${co.name}` : issuer.name,
      fwjgdm: buildUscc('1', '1', '330600', issuer.org + orgCodeCheckChar(issuer.org)),
      cwrq: signed,
      fbrq: addDays(signed, random.int(1, 10)),
      ssrq: addDays(signed, random.int(10, 30)),
      sxrq: random.chance(0.6) ? addDays(signed, 365 * random.int(2, 5)) : null,
      yxx: validity,
      gkfs: random.chance(0.95) ? '主动公开' : '依申请公开',
      ztfl: [random.pick(TOPICS), ...(random.chance(0.3) ? [random.pick(TOPICS)] : [])].join('；'),
      qwdz: `https://www.sx.gov.cn/art/${year}/${serial}/art_${10_000 + i}.html`,
      updated_at: chinaTimestamp(instant, micros),
    };
    const defect = defects.get(i);
    if (defect) {
      if (defect === 'malformed-document-number') row.wh = `${issuer.prefix}${year}-${serial}`;
      if (defect === 'missing-title') row.bt = ' ';
      if (defect === 'unknown-validity') row.yxx = '待定' as DemoDocumentRow['yxx'];
      if (defect === 'effective-before-signed') row.ssrq = addDays(signed, -5);
      defective.set(row.id, defect);
    }
    rows.push(row);
  }
  return { rows, defective };
}
