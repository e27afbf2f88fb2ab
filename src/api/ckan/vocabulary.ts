import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type { DcatTheme } from '../../generated/dataset.types.js';
import type { DownloadFormat } from '../release-formats.js';

/** What CKAN's license register says of a licence (license_show's title, url, is_open). */
export interface CkanLicense {
  readonly title: string;
  readonly url?: string;
  readonly isOpen: boolean;
}

const LICENSES: Readonly<Record<string, CkanLicense>> = {
  'CC-BY-4.0': { title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', isOpen: true },
  'CC0-1.0': { title: 'Creative Commons CCZero 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', isOpen: true },
  'ODC-BY-1.0': { title: 'Open Data Commons Attribution License 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/', isOpen: true },
  'ODbL-1.0': { title: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', isOpen: true },
};

/** A licence the register does not know (a LicenseRef-… data-use agreement) is shown by its id and is not open. */
export function licenseOf(id: string): CkanLicense {
  return LICENSES[id] ?? { title: id, isOpen: false };
}

/** The EU data-theme vocabulary's labels: a CKAN group per theme. */
export const THEME_LABELS: Readonly<Record<DcatTheme, { readonly zh: string; readonly en: string }>> = {
  AGRI: { zh: '农业、渔业、林业和食品', en: 'Agriculture, fisheries, forestry and food' },
  ECON: { zh: '经济与金融', en: 'Economy and finance' },
  EDUC: { zh: '教育、文化和体育', en: 'Education, culture and sport' },
  ENER: { zh: '能源', en: 'Energy' },
  ENVI: { zh: '环境', en: 'Environment' },
  GOVE: { zh: '政府和公共部门', en: 'Government and public sector' },
  HEAL: { zh: '卫生', en: 'Health' },
  INTR: { zh: '国际事务', en: 'International issues' },
  JUST: { zh: '司法、法律制度和公共安全', en: 'Justice, legal system and public safety' },
  REGI: { zh: '地区和城市', en: 'Regions and cities' },
  SOCI: { zh: '人口与社会', en: 'Population and society' },
  TECH: { zh: '科学技术', en: 'Science and technology' },
  TRAN: { zh: '交通', en: 'Transport' },
};

/** How CKAN portals label each download: CKAN's resource_formats.json names CSV and XLSX; JSONL and Parquet by their usual names. */
export const RESOURCE_FORMATS: Readonly<Record<DownloadFormat, { readonly format: string; readonly name: string; readonly description: string }>> = {
  csv: { format: 'CSV', name: 'CSV（中文表头）', description: 'CSV，表头为中文字段名 / CSV with Chinese column headers' },
  'csv-en': { format: 'CSV', name: 'CSV (field ids)', description: 'CSV，表头为字段标识 / CSV with field ids as column headers' },
  jsonl: { format: 'JSONL', name: 'JSON Lines', description: '每行一条记录的 JSON / one JSON record per line' },
  parquet: { format: 'Parquet', name: 'Parquet', description: 'Apache Parquet 列式文件 / Apache Parquet columnar file' },
  xlsx: { format: 'XLSX', name: 'Excel (XLSX)', description: 'Excel 工作簿 / Excel workbook' },
};

/** RFC 9562 name-based UUID (version 5, SHA-1): the same name always gives the same id. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 9562's namespace for URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** The namespace of one site's CKAN ids, so two deployments never mint the same resource id. */
export const siteNamespace = (publicBaseUrl: string): string => uuidV5(URL_NAMESPACE, `${publicBaseUrl}/api/3/action`);

/**
 * A CKAN name (2–100 of a–z, 0–9, - and _) for a Chinese name, by its pinyin:
 * 绍兴市大数据发展管理局 → shao-xing-shi-da-shu-ju-fa-zhan-guan-li-ju.
 */
export function ckanName(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const name = syllables
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
  return name.length >= 2 ? name : `org-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}
