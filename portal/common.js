/* global document, fetch, URL */
// What every portal page shares: the page's root, the API client, labels and a DOM builder.
// Every URL is relative to the page (the portal is served on the API's origin, maybe under a stage prefix).

/** The relative path from this page to the portal's root ("./" or "../"), set by the server. */
export const root = document.documentElement.dataset.root || './';

/** An absolute URL for a path under the portal's root. */
export const href = (path) => new URL(root + path, document.baseURI).href;

/** EU data themes (DCAT-AP data-theme codes) with their Chinese labels. */
export const THEMES = {
  AGRI: ['农业、渔业、林业和食品', 'Agriculture, fisheries, forestry and food'],
  ECON: ['经济和金融', 'Economy and finance'],
  EDUC: ['教育、文化和体育', 'Education, culture and sport'],
  ENER: ['能源', 'Energy'],
  ENVI: ['环境', 'Environment'],
  GOVE: ['政府和公共部门', 'Government and public sector'],
  HEAL: ['卫生健康', 'Health'],
  INTR: ['国际事务', 'International issues'],
  JUST: ['司法、法律和公共安全', 'Justice, legal system and public safety'],
  REGI: ['地区和城市', 'Regions and cities'],
  SOCI: ['人口和社会', 'Population and society'],
  TECH: ['科学和技术', 'Science and technology'],
  TRAN: ['交通运输', 'Transport'],
};

/** 更新频率 labels. */
export const FREQUENCIES = {
  continuous: ['实时', 'continuous'],
  daily: ['每日', 'daily'],
  weekly: ['每周', 'weekly'],
  monthly: ['每月', 'monthly'],
  quarterly: ['每季度', 'quarterly'],
  semiannual: ['每半年', 'semiannual'],
  annual: ['每年', 'annual'],
  irregular: ['不定期', 'irregular'],
};

/** A problem (RFC 9457) or a network failure as one error with the API's words. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Reads JSON from the API; throws ApiError with the problem's detail on a non-2xx answer. */
export async function api(path, init) {
  const response = await fetch(href(path), { headers: { accept: 'application/json' }, ...init });
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/**
 * Builds an element: `el('a', { href: 'x', class: 'y' }, 'text', child)`. Strings become text
 * nodes (never HTML); `lang: 'en'` marks English text.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'hidden') node.hidden = Boolean(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** Chinese text with its English secondary: `中文 English`. */
export const bilingual = (zh, en) => [zh, ' ', el('span', { lang: 'en', class: 'en' }, en)];

export const themeLabel = (code) => (THEMES[code] ? THEMES[code][0] : code);
export const frequencyLabel = (code) => (FREQUENCIES[code] ? FREQUENCIES[code][0] : code);

const numberFormat = new Intl.NumberFormat('zh-CN');
export const formatCount = (n) => (typeof n === 'number' ? numberFormat.format(n) : '—');
export const formatPercent = (share) => (typeof share === 'number' ? `${(share * 100).toFixed(1)}%` : '—');

export function formatBytes(bytes) {
  if (typeof bytes !== 'number') return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—');

/** The grade (L1…L3) and category badges of a dataset. */
export function badges(dataset) {
  return [
    dataset.grade ? el('span', { class: `badge grade grade-${dataset.grade.toLowerCase()}`, title: '数据分级 / data grade' }, dataset.grade) : null,
    el('span', { class: `badge category category-${dataset.category}` }, dataset.categoryLabel || dataset.category),
    // A release cut while records were still being processed is never shown as the final one.
    dataset.latestRelease && dataset.latestRelease.provisional
      ? el('span', { class: 'badge provisional', title: dataset.latestRelease.provisionalReason || '' }, '临时版本 ', el('span', { lang: 'en' }, 'provisional'))
      : null,
  ];
}

/** Freshness of the latest release: on time, overdue, or not yet released. */
export function freshness(dataset) {
  const quality = dataset.latestRelease && dataset.latestRelease.quality;
  if (!dataset.latestRelease) return el('span', { class: 'fresh none' }, '尚未发布 ', el('span', { lang: 'en' }, 'not released'));
  if (!quality) return el('span', { class: 'fresh' }, '—');
  return quality.overdueNow
    ? el('span', { class: 'fresh overdue' }, '更新逾期 ', el('span', { lang: 'en' }, 'overdue'))
    : el('span', { class: 'fresh ok' }, '按时更新 ', el('span', { lang: 'en' }, 'up to date'));
}

/** Shows a message in the page's live status line. */
export function status(text) {
  const line = document.getElementById('status');
  if (line) line.textContent = text;
}
