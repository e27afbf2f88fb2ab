/* global document, URL, URLSearchParams, location */
// The catalog page: filters from the query string, dataset cards from /v1/datasets, record hits from /v1/search.
import { api, badges, bilingual, el, formatCount, freshness, frequencyLabel, status, THEMES, themeLabel } from './common.js';

const form = document.getElementById('search');
const list = document.getElementById('datasets');
const more = document.getElementById('more');
const hitsSection = document.getElementById('hits-section');
const hitList = document.getElementById('hits');
const params = new URLSearchParams(location.search);
const query = { q: (params.get('q') || '').trim(), theme: params.get('theme') || '', category: params.get('category') || '' };

function fillForm() {
  const themes = document.getElementById('theme');
  for (const [code, [zh, en]] of Object.entries(THEMES)) themes.append(el('option', { value: code }, `${zh} / ${en}`));
  form.elements.q.value = query.q;
  themes.value = query.theme;
  form.elements.category.value = query.category;
  // A filter applies as soon as it is picked; the search box waits for Enter or the button.
  for (const select of [themes, form.elements.category]) select.addEventListener('change', () => form.requestSubmit());
}

function card(dataset) {
  const release = dataset.latestRelease;
  return el(
    'li',
    { class: 'card', 'data-dataset-id': dataset.id },
    el('h3', {}, el('a', { href: `datasets/${encodeURIComponent(dataset.id)}` }, dataset.title.zh)),
    el('p', { class: 'en', lang: 'en' }, dataset.title.en),
    el('p', { class: 'badges' }, badges(dataset)),
    el('p', { class: 'summary' }, dataset.description.zh),
    el(
      'dl',
      { class: 'facts' },
      el('div', {}, el('dt', {}, '主题'), el('dd', {}, themeLabel(dataset.theme))),
      el('div', {}, el('dt', {}, '更新频率'), el('dd', {}, frequencyLabel(dataset.updateFrequency))),
      el('div', {}, el('dt', {}, '时效'), el('dd', {}, freshness(dataset))),
      el('div', {}, el('dt', {}, '数据量'), el('dd', {}, release ? `${formatCount(release.rowCount)} 条` : '—')),
      el('div', {}, el('dt', {}, '发布单位'), el('dd', {}, dataset.publisher)),
    ),
  );
}

/** `next` is an absolute URL on the API's public origin; the page keeps to its own, relatively. */
const relativeNext = (next) => `v1/datasets${new URL(next).search}`;

async function loadDatasets(path, append) {
  const page = await api(path);
  if (!append) list.replaceChildren();
  list.append(...page.datasets.map(card));
  more.hidden = !page.next;
  more.onclick = page.next ? () => loadDatasets(relativeNext(page.next), true).catch(showError) : null;
  return page;
}

function hit(item) {
  const snippet = el('p', { class: 'snippet' });
  // The API escapes the snippet and adds only <mark>…</mark>; no other field is ever read as HTML.
  snippet.innerHTML = item.snippet || '';
  const facts = [item.recordType, item.department, item.district, item.date].filter(Boolean).join(' · ');
  return el(
    'li',
    { class: `hit hit-${item.kind}`, 'data-dataset-id': item.datasetId },
    el('span', { class: 'kind' }, item.kind === 'record' ? '记录' : '数据集'),
    ' ',
    el('a', { href: `datasets/${encodeURIComponent(item.datasetId)}` }, item.title),
    snippet,
    facts ? el('p', { class: 'facts-line' }, facts) : null,
  );
}

async function loadHits() {
  if (!query.q) return undefined;
  const search = new URLSearchParams({ q: query.q, limit: '20' });
  try {
    const result = await api(`v1/search?${search}`);
    hitList.replaceChildren(...result.hits.map(hit));
    hitsSection.hidden = result.hits.length === 0;
    return result;
  } catch (error) {
    hitsSection.hidden = false;
    hitList.replaceChildren(el('li', { class: 'notice' }, '全文检索暂不可用：', error.message));
    return undefined;
  }
}

function showError(error) {
  status(`加载失败 / could not load: ${error.message}`);
}

async function main() {
  fillForm();
  const filters = new URLSearchParams({ limit: '100' });
  for (const [name, value] of Object.entries(query)) if (value) filters.set(name, value);
  status('正在加载… Loading…');
  const [page, hits] = await Promise.all([loadDatasets(`v1/datasets?${filters}`, false), loadHits()]);
  const found = `${page.count} 个数据集${hits ? `，${hits.total} 条检索结果` : ''}`;
  status(query.q || query.theme || query.category ? `找到 ${found} / found` : `共 ${found}`);
  if (page.count === 0) list.append(el('li', { class: 'notice' }, bilingual('没有符合条件的数据集。', 'No dataset matches.')));
}

main().catch(showError);
