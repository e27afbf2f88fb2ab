import { bodyCode, CITY_DIVISION } from '../shared/shaoxing-bodies.js';

/** A body of the city that issues normative documents, with its own 文号 prefix and registration code. */
export interface DocumentIssuer {
  readonly name: string;
  /** 发文机关代字 of its normative documents: each issuer numbers its own, per year. */
  readonly prefix: string;
  /** The two digits of its 统一登记编号 (ZJDC<nn>-year-serial). */
  readonly registrationCode: string;
  /** Where its documents are filed (备案): the city government's with the province, a department's with the city. */
  readonly filedWith: string;
  readonly filingPrefix: string;
  readonly code: string;
}

const issuer = (name: string, prefix: string, registrationCode: string, government: boolean): DocumentIssuer => ({
  name,
  prefix,
  registrationCode,
  filedWith: government ? '浙江省司法厅' : '绍兴市司法局',
  filingPrefix: government ? '浙司备' : '绍司备',
  code: bodyCode(name, CITY_DIVISION),
});

export const ISSUERS: readonly DocumentIssuer[] = [
  issuer('绍兴市人民政府', '绍政发', '00', true),
  issuer('绍兴市人民政府办公室', '绍政办发', '01', true),
  issuer('绍兴市发展和改革委员会', '绍市发改规', '02', false),
  issuer('绍兴市市场监督管理局', '绍市监规', '03', false),
  issuer('绍兴市财政局', '绍市财规', '04', false),
  issuer('绍兴市人力资源和社会保障局', '绍市人社规', '05', false),
];

export const SUBJECTS = [
  '促进民营经济高质量发展',
  '加强食品安全监管',
  '优化营商环境',
  '推进数字政府建设',
  '规范行政执法',
  '支持科技创新',
  '加强城市管理',
  '做好防汛防台工作',
];

/** Titles' kinds: a 暂行 or 试行 one may run two years at most. */
export const TITLE_KINDS = ['若干意见', '实施意见', '管理办法', '暂行办法', '实施细则（试行）'] as const;
export const TOPICS = ['综合政务', '国民经济管理', '市场监管', '城乡建设', '科技', '财政'];
