/**
 * The maintained synonym list of the search box: government-domain words people type for what
 * the records call otherwise. `both` entries find each other; a `narrower` entry's equivalents
 * are kinds of its term (searching 处罚 finds 罚款, but 罚款 must not find every 警告).
 * Equivalents of one entry are not synonyms of each other (行政处罚 does not find 行政许可).
 * Keep each entry's `why`: a synonym nobody can justify is noise in every result list.
 */
export interface SynonymEntry {
  readonly term: string;
  readonly equivalents: readonly string[];
  readonly direction: 'both' | 'narrower';
  readonly why: string;
}

export const SYNONYMS: readonly SynonymEntry[] = [
  { term: '双公示', equivalents: ['行政处罚', '行政许可'], direction: 'both', why: '“双公示”即行政许可和行政处罚信息的公示，两者的记录都是它的内容' },
  {
    term: '处罚',
    equivalents: ['罚款', '警告', '没收违法所得', '吊销许可证件'],
    direction: 'narrower',
    why: '罚款、警告、没收、吊销都是行政处罚的种类（《行政处罚法》第九条）',
  },
  { term: '规范性文件', equivalents: ['红头文件', '行政规范性文件'], direction: 'both', why: '群众把机关印发的规范性文件叫“红头文件”' },
  { term: '黑名单', equivalents: ['严重失信主体名单', '失信'], direction: 'both', why: '“黑名单”是严重失信主体名单的俗称' },
  { term: '红名单', equivalents: ['守信激励', '守信'], direction: 'both', why: '“红名单”是守信激励对象名单的俗称' },
  { term: '信用代码', equivalents: ['统一社会信用代码'], direction: 'both', why: '统一社会信用代码常被简称为信用代码' },
  { term: '产权交易', equivalents: ['国有资产转让', '国资转让', '挂牌转让'], direction: 'both', why: '产权交易所挂牌的多为国有资产（国资）转让项目' },
  { term: '办事指南', equivalents: ['政务服务事项', '服务事项'], direction: 'both', why: '办事指南描述的就是政务服务事项' },
  { term: '网上办理', equivalents: ['一网通办', '网办', '在线办理'], direction: 'both', why: '“一网通办”“网办”都指通过网上渠道办理事项' },
  { term: '跨省通办', equivalents: ['异地办理'], direction: 'both', why: '跨省通办即在外省异地办理事项' },
  { term: '政府公报', equivalents: ['公报'], direction: 'both', why: '公报在本平台只指市政府公报' },
  { term: '重大行政决策', equivalents: ['重大决策'], direction: 'both', why: '重大决策事项目录常被简称为重大决策' },
  { term: '征求意见', equivalents: ['意见征集', '公开征求意见'], direction: 'both', why: '决策草案“公开征求意见”也称“意见征集”' },
  { term: '政府信息公开', equivalents: ['政务公开', '信息公开'], direction: 'both', why: '政务公开与政府信息公开在公众用语中通用' },
  { term: '市本级', equivalents: ['绍兴市本级'], direction: 'both', why: '所属区县“绍兴市本级”常被写作“市本级”' },
];

/** Every phrase of the list, longest first: the query is scanned for them before it is segmented. */
export const SYNONYM_PHRASES: readonly string[] = [...new Set(SYNONYMS.flatMap((e) => [e.term, ...e.equivalents]))].sort((a, b) => b.length - a.length);

const expansions = new Map<string, Set<string>>();
const add = (from: string, to: string) => {
  if (!expansions.has(from)) expansions.set(from, new Set());
  expansions.get(from)!.add(to);
};
for (const entry of SYNONYMS)
  for (const equivalent of entry.equivalents) {
    add(entry.term, equivalent);
    if (entry.direction === 'both') add(equivalent, entry.term);
  }

/** The phrases a query phrase also finds (not itself). */
export const synonymsOf = (phrase: string): readonly string[] => [...(expansions.get(phrase) ?? [])];
