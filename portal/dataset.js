/* global document */
// A dataset page: metadata, quality and downloads from /v1/datasets/{id}, a 50-row preview from
// /records, the changes since the previous release, and (restricted) the application form.
import { wireApplicationForm } from './application.js';
import { api, badges, bilingual, el, formatBytes, formatCount, formatPercent, formatTime, freshness, frequencyLabel, href, status, THEMES } from './common.js';

const article = document.getElementById('dataset');
const id = article.dataset.datasetId;
const restricted = article.dataset.category === 'restricted';
const base = `v1/datasets/${encodeURIComponent(id)}`;
const PREVIEW_ROWS = 50;

const FORMAT_LABELS = {
  csv: ['CSV（中文表头）', 'CSV, Chinese headers'],
  'csv-en': ['CSV（英文表头）', 'CSV, English headers'],
  jsonl: ['JSON Lines', 'JSON Lines'],
  parquet: ['Parquet', 'Parquet'],
  xlsx: ['Excel', 'XLSX'],
};
const EXTENSIONS = { csv: 'csv', 'csv-en': 'en.csv', jsonl: 'jsonl', parquet: 'parquet', xlsx: 'xlsx' };
const CHANGE_LABELS = { added: '新增', changed: '变更', removed: '删除' };

const fact = (zh, en, ...value) => el('div', {}, el('dt', {}, bilingual(zh, en)), el('dd', {}, ...value));
const notice = (zh, en) => el('p', { class: 'notice' }, bilingual(zh, en));

function renderMeta(dataset) {
  document.getElementById('badges').replaceChildren(...badges(dataset).filter(Boolean));
  document.getElementById('description').replaceChildren(el('p', {}, dataset.description.zh), el('p', { lang: 'en', class: 'en' }, dataset.description.en));
  const theme = THEMES[dataset.theme];
  const release = dataset.latestRelease;
  const contact = dataset.contactPoint || {};
  const facts = [
    fact('发布单位', 'Publisher', dataset.publisher),
    fact('联系方式', 'Contact', contact.name || '', contact.email ? [' ', el('a', { href: `mailto:${contact.email}` }, contact.email)] : null),
    fact('许可', 'License', dataset.license),
    fact('主题', 'Theme', theme ? bilingual(theme[0], theme[1]) : dataset.theme, dataset.subjectCategory ? `（${dataset.subjectCategory}）` : ''),
    fact('关键词', 'Keywords', (dataset.keywords || []).join('、') || '—'),
    fact('更新频率', 'Update frequency', frequencyLabel(dataset.updateFrequency)),
    fact('开放类型', 'Access', dataset.categoryLabel),
    fact('最新版本', 'Latest release', release ? `${release.id}（${formatTime(release.createdAt)}）${release.provisional ? '，临时版本' : ''}` : '尚未发布'),
    release && release.provisional
      ? fact(
          '最近正式版本',
          'Latest final release',
          dataset.latestFinalRelease ? `${dataset.latestFinalRelease.id}（${formatTime(dataset.latestFinalRelease.createdAt)}）` : '尚无',
        )
      : null,
    fact('数据量', 'Rows', release ? `${formatCount(release.rowCount)} 条` : '—'),
  ];
  document.getElementById('meta').replaceChildren(...facts.filter(Boolean));
}

function renderQuality(dataset) {
  const target = document.getElementById('quality');
  const quality = dataset.latestRelease && dataset.latestRelease.quality;
  if (!quality) return target.replaceChildren(notice('暂无质量信息。', 'No quality figures yet.'));
  const shares = Object.entries(quality.completeness || {});
  const average = shares.length ? shares.reduce((sum, [, share]) => sum + share, 0) / shares.length : undefined;
  const validity = quality.validity || {};
  const fresh = quality.freshness || {};
  target.replaceChildren(
    el(
      'dl',
      { class: 'meta quality' },
      fact('完整性', 'Completeness', formatPercent(average)),
      fact('有效性', 'Validity', formatPercent(validity.rate), ` （有效 ${formatCount(validity.valid)}，隔离 ${formatCount(validity.quarantined)}）`),
      fact('时效性', 'Freshness', freshness(dataset), `，最近源数据变更 ${formatTime(fresh.lastSourceChange)}`),
    ),
    shares.length
      ? el(
          'details',
          {},
          el('summary', {}, bilingual('各字段完整性', 'Completeness per field')),
          el(
            'ul',
            { class: 'shares' },
            shares.map(([field, share]) => el('li', {}, el('code', {}, field), ` ${formatPercent(share)}`)),
          ),
        )
      : null,
  );
}

function renderDownloads(dataset) {
  const target = document.getElementById('downloads');
  const files = (dataset.latestRelease && dataset.latestRelease.files) || [];
  if (files.length === 0) return target.replaceChildren(el('li', { class: 'notice' }, bilingual('尚无可下载文件。', 'Nothing to download yet.')));
  target.replaceChildren(
    ...files.map((file) => {
      const [zh, en] = FORMAT_LABELS[file.format] || [file.format, file.format];
      const size = el('span', { class: 'size' }, formatBytes(file.bytes));
      if (restricted || file.access === 'grant-required')
        return el('li', {}, `${zh} `, size, ' ', el('span', { class: 'badge locked' }, '需授权 ', el('span', { lang: 'en' }, 'grant required')));
      const link = el(
        'a',
        { href: href(`${base}/download?format=${encodeURIComponent(file.format)}`), download: `${id}.${EXTENSIONS[file.format] || file.format}` },
        zh,
      );
      return el('li', {}, link, ' ', el('span', { lang: 'en', class: 'en' }, en), ' ', size);
    }),
  );
}

const cellText = (value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

async function renderPreview() {
  const target = document.getElementById('preview');
  if (restricted) return target.replaceChildren(notice('受限开放数据，须经申请授权后方可查看。', 'Restricted: a grant is required to see the rows.'));
  const page = await api(`${base}/records?limit=${PREVIEW_ROWS}`);
  const fields = page.fields;
  const table = el(
    'table',
    { class: 'preview' },
    el('caption', {}, `前 ${page.records.length} 条 `, el('span', { lang: 'en' }, `first ${page.records.length} rows`)),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        fields.map((f) => el('th', { scope: 'col', title: f.title.en }, f.title.zh)),
      ),
    ),
    el(
      'tbody',
      {},
      page.records.map((row) =>
        el(
          'tr',
          {},
          fields.map((f) => el('td', {}, cellText(row[f.id]))),
        ),
      ),
    ),
  );
  target.replaceChildren(table);
}

function change(item) {
  return el(
    'li',
    { class: `change change-${item.change}` },
    el('span', { class: 'badge' }, CHANGE_LABELS[item.change] || item.change),
    ' ',
    el('code', {}, item.recordId),
    item.reason ? ` ${item.reason}` : '',
  );
}

async function renderChanges() {
  const target = document.getElementById('changes');
  if (restricted) return target.replaceChildren(notice('受限开放数据的变更须经授权后获取。', 'Restricted: changes need a grant.'));
  const { releases } = await api(`${base}/releases?limit=2`);
  if (releases.length < 2) return target.replaceChildren(notice('这是首个版本，尚无变更记录。', 'First release: no changes yet.'));
  const previous = releases[1].id;
  const page = await api(`${base}/changes?since=${encodeURIComponent(previous)}&limit=50`);
  target.replaceChildren(
    el('p', {}, `自版本 ${previous} 以来 `, el('span', { lang: 'en', class: 'en' }, `since release ${previous}`)),
    page.changes.length ? el('ol', { class: 'changes' }, page.changes.map(change)) : notice('没有变更。', 'No changes.'),
  );
}

/** One section's failure is shown in that section; the others still render. */
const guarded = (sectionId, render) =>
  render().catch((error) => document.getElementById(sectionId).replaceChildren(el('p', { class: 'notice error' }, '加载失败：', error.message)));

async function main() {
  const dataset = await api(base);
  renderMeta(dataset);
  renderQuality(dataset);
  renderDownloads(dataset);
  status('');
  await Promise.all([guarded('preview', renderPreview), guarded('changes', renderChanges)]);
}

wireApplicationForm(id);
main().catch((error) => status(`加载失败 / could not load: ${error.message}`));
