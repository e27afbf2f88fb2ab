import type { DatasetCategory } from '../../grading/index.js';
import { html, type SafeHtml } from './html.js';

/** A released field the application form offers as a checkbox. */
export interface ApplicableField {
  readonly id: string;
  readonly title: string;
  readonly titleEn: string;
}

/** What the dataset page's shell is rendered from; the rest is read from the API by the page's module. */
export interface DatasetShell {
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly category: DatasetCategory;
  readonly fields: readonly ApplicableField[];
}

/**
 * One page: Chinese first, English secondary; `root` is the relative path to the portal's root
 * ("./" or "../") so every link and API call stays relative to the page (behind a stage prefix too).
 * No inline script or style: the Content-Security-Policy allows only files from /assets/.
 */
function layout(root: string, title: string, script: string | undefined, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="zh-CN" data-root="${root}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="${root}assets/portal.css" />
        ${script ? html`<script type="module" src="${root}assets/${script}"></script>` : ''}
      </head>
      <body>
        <a class="skip" href="#main">跳到正文 <span lang="en">Skip to content</span></a>
        <header class="site">
          <a class="brand" href="${root}">同源开放数据 <span lang="en">Tongyuan Open Data</span></a>
        </header>
        <main id="main">${body}</main>
        <footer class="site">
          <p>绍兴市公共数据开放 · <span lang="en">Open data of Shaoxing</span> · <a href="${root}openapi.json">API</a></p>
        </footer>
      </body>
    </html> `.markup;
}

/** The catalog (/): search, filters, dataset cards and record hits, filled in by catalog.js. */
export function catalogPage(): string {
  return layout(
    './',
    '数据目录 · 同源开放数据',
    'catalog.js',
    html`<h1>数据目录 <span lang="en" class="en">Dataset catalog</span></h1>
      <form id="search" class="search" role="search" method="get" action="./">
        <div class="search-box">
          <label for="q">检索 <span lang="en">Search</span></label>
          <input id="q" name="q" type="search" autocomplete="off" placeholder="如：行政处罚、xzcf" aria-describedby="q-hint" />
          <button type="submit">检索 <span lang="en">Search</span></button>
        </div>
        <p id="q-hint" class="hint">支持中文、拼音和首字母 <span lang="en">Chinese, pinyin or initials</span></p>
        <div class="filters">
          <label for="theme">主题 <span lang="en">Theme</span></label>
          <select id="theme" name="theme">
            <option value="">全部主题 / All</option>
          </select>
          <label for="category">开放类型 <span lang="en">Access</span></label>
          <select id="category" name="category">
            <option value="">全部 / All</option>
            <option value="open">无条件开放 / Open</option>
            <option value="restricted">受限开放 / Restricted</option>
          </select>
        </div>
      </form>
      <p id="status" class="status" role="status" aria-live="polite"></p>
      <section aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">数据集 <span lang="en" class="en">Datasets</span></h2>
        <ul id="datasets" class="cards"></ul>
        <p>
          <button id="more" type="button" hidden>加载更多 <span lang="en">More</span></button>
        </p>
      </section>
      <section id="hits-section" aria-labelledby="hits-heading" hidden>
        <h2 id="hits-heading">记录 <span lang="en" class="en">Records</span></h2>
        <ol id="hits" class="hits"></ol>
      </section>`,
  );
}

function applicationForm(shell: DatasetShell): SafeHtml {
  const error = (param: string) => html`<p class="field-error" data-error-for="${param}" id="error-${param}" hidden></p>`;
  const input = (param: string, zh: string, en: string, type: string, required: boolean) =>
    html`<div class="field" data-param="${param}">
      <label for="${param}">${zh} <span lang="en">${en}</span>${required ? html`<span class="req" aria-hidden="true">*</span>` : ''}</label>
      <input id="${param}" name="${param}" type="${type}" ${required ? html`required` : ''} aria-describedby="error-${param}" />
      ${error(param)}
    </div>`;
  const checkboxes = shell.fields.map(
    (f) =>
      html`<li>
        <label><input type="checkbox" name="fields" value="${f.id}" /> ${f.title} <span lang="en" class="en">${f.titleEn}</span></label>
      </li>`,
  );
  return html`<section id="apply" aria-labelledby="apply-heading">
    <h2 id="apply-heading">申请使用 <span lang="en" class="en">Apply for access</span></h2>
    <p>本数据集为受限开放，须提交申请并经审核授权后方可获取数据。<span lang="en">This dataset is restricted: access needs an approved application.</span></p>
    <form id="application" novalidate>
      <fieldset>
        <legend>申请人 <span lang="en">Applicant</span></legend>
        ${input('applicant.name', '姓名', 'Name', 'text', true)} ${input('applicant.organization', '单位', 'Organization', 'text', true)}
        ${input('applicant.email', '电子邮箱', 'Email', 'email', true)} ${input('applicant.phone', '联系电话', 'Phone', 'tel', false)}
      </fieldset>
      <fieldset class="field" data-param="fields" aria-describedby="error-fields">
        <legend>申请字段 <span lang="en">Fields</span></legend>
        <ul class="checks">
          ${checkboxes}
        </ul>
        ${error('fields')}
      </fieldset>
      <div class="field" data-param="useScenario">
        <label for="useScenario">使用场景 <span lang="en">Use scenario</span><span class="req" aria-hidden="true">*</span></label>
        <textarea id="useScenario" name="useScenario" rows="4" required aria-describedby="error-useScenario"></textarea>
        ${error('useScenario')}
      </div>
      <fieldset>
        <legend>使用期限 <span lang="en">Period</span></legend>
        ${input('period.from', '起', 'From', 'date', true)} ${input('period.to', '止', 'To', 'date', true)}
      </fieldset>
      <p id="application-error" class="form-error" role="alert" hidden></p>
      <button type="submit">提交申请 <span lang="en">Submit</span></button>
    </form>
    <div id="application-result" class="result" role="status" aria-live="polite" hidden></div>
  </section>`;
}

/** A dataset page (/datasets/{id}): the shell and, for a restricted dataset, the application form. */
export function datasetPage(shell: DatasetShell): string {
  return layout(
    '../',
    `${shell.title.zh} · 同源开放数据`,
    'dataset.js',
    html`<nav class="crumbs" aria-label="位置">
        <a href="../">数据目录 <span lang="en">Catalog</span></a>
      </nav>
      <article id="dataset" data-dataset-id="${shell.id}" data-category="${shell.category}">
        <h1>${shell.title.zh} <span lang="en" class="en">${shell.title.en}</span></h1>
        <p id="badges" class="badges"></p>
        <p id="status" class="status" role="status" aria-live="polite">正在加载… <span lang="en">Loading…</span></p>
        <div id="description"></div>
        <section aria-labelledby="meta-heading">
          <h2 id="meta-heading">基本信息 <span lang="en" class="en">About</span></h2>
          <dl id="meta" class="meta"></dl>
        </section>
        <section aria-labelledby="quality-heading">
          <h2 id="quality-heading">数据质量 <span lang="en" class="en">Quality</span></h2>
          <div id="quality"></div>
        </section>
        <section aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">下载 <span lang="en" class="en">Downloads</span></h2>
          <ul id="downloads" class="downloads"></ul>
        </section>
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">数据预览 <span lang="en" class="en">Preview</span></h2>
          <div id="preview" class="table-wrap"></div>
        </section>
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">最近变更 <span lang="en" class="en">Changes</span></h2>
          <div id="changes"></div>
        </section>
        ${shell.category === 'restricted' ? applicationForm(shell) : ''}
      </article>`,
  );
}

/** A page that is not there, in the portal's own look. */
export function notFoundPage(root: string, what: string): string {
  return layout(
    root,
    '未找到 · 同源开放数据',
    undefined,
    html`<h1>未找到 <span lang="en" class="en">Not found</span></h1>
      <p>${what}</p>
      <p>
        <a href="${root}">返回数据目录 <span lang="en">Back to the catalog</span></a>
      </p>`,
  );
}
