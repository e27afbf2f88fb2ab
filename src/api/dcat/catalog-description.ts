import type { Bilingual } from '../problem.js';

/** What the catalog says of itself and of the service that serves it. */
export interface CatalogDescription {
  readonly title: Bilingual;
  readonly description: Bilingual;
  /** The body that runs the catalog (dct:publisher of the catalog and of the API). */
  readonly publisher: Bilingual;
  /** Where questions about the catalog go. */
  readonly contact: { readonly name: Bilingual; readonly email: string };
  readonly service: { readonly title: Bilingual; readonly description: Bilingual };
}

/** The city's catalog as the data bureau publishes it. */
export const CATALOG_DESCRIPTION: CatalogDescription = {
  title: { zh: '绍兴市公共数据开放目录', en: 'Shaoxing public data open catalogue' },
  description: {
    zh: '绍兴市公共数据开放平台的数据集目录：无条件开放数据可直接下载，受限开放数据经审批授权后获取。',
    en: "The catalogue of Shaoxing's public data portal: open datasets are downloaded freely; restricted datasets are served under an approved grant.",
  },
  publisher: { zh: '绍兴市大数据发展管理局', en: 'Shaoxing Big Data Development Administration' },
  contact: { name: { zh: '开放数据窗口', en: 'Open data desk' }, email: 'opendata@sx.gov.cn' },
  service: {
    title: { zh: '绍兴市公共数据开放接口', en: 'Shaoxing open data API' },
    description: {
      zh: '数据集目录、记录查询、变更、下载、全文检索及 CKAN 兼容接口；受限开放数据须凭授权密钥访问。',
      en: 'Catalogue, record queries, changes, downloads, search and a CKAN-compatible Action API; restricted data requires a granted key.',
    },
  },
};
