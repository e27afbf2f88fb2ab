import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/ports.js';
import { launchChromium } from '../support/browser.js';
import { repoRoot, startCli, type RunningCli } from '../support/cli.js';

/** Screenshots stay after the run (git-ignored) for a person to look at. */
const ARTIFACTS = join(repoRoot, 'test-artifacts', 'portal');
const OPEN = 'enforcement-decisions';
const RESTRICTED = 'property-rights-transactions-restricted';
const PHONE = { width: 390, height: 844 };

interface Listed {
  readonly count: number;
  readonly datasets: readonly { readonly id: string; readonly latestRelease: { readonly rowCount: number } | null }[];
}

/**
 * Polls the catalog until every dataset in `ids` has a release: the first cycle publishes in
 * about a minute on an idle machine, several on a busy one (the property-rights exchange is last).
 */
async function releasedCatalog(base: string, ids: readonly string[], run: RunningCli): Promise<Listed> {
  const deadline = Date.now() + 360_000;
  let last: Listed | undefined;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/v1/datasets?limit=100`);
      if (response.ok) {
        last = (await response.json()) as Listed;
        if (ids.every((id) => last!.datasets.find((d) => d.id === id)?.latestRelease)) return last;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `no release of ${ids.join(', ')} within 6 minutes; catalog: ${JSON.stringify(last?.datasets.map((d) => [d.id, d.latestRelease?.rowCount]))}\n${run.stderr()}`,
  );
}

describe('the portal, in Debian chromium against `tongyuan up`', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-portal-'));
  let run: RunningCli | undefined;
  let base = '';
  let catalog: Listed;
  let browser: Browser | undefined;
  let context: BrowserContext;
  /** Script errors, CSP violations and requests to any other origin, from every page. */
  const trouble: string[] = [];

  const watch = (page: Page) => {
    page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) trouble.push(`console: ${message.text()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) trouble.push(`request to another origin: ${request.url()}`);
    });
    return page;
  };
  const open = async (path: string, into: BrowserContext = context) => {
    const page = watch(await into.newPage());
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    run = startCli(['up'], { TONGYUAN_HOME: home, PORT: String(port) });
    catalog = await releasedCatalog(base, [OPEN, RESTRICTED], run);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    if (run) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('the catalog renders every dataset as a card with its grade and category', async () => {
    const page = await open('/');
    await page.locator('.card').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.locator('.card').count()).toBe(catalog.count);
    const card = page.locator(`.card[data-dataset-id="${OPEN}"]`);
    expect(await card.locator('.grade').textContent()).toMatch(/^L[123]$/);
    expect(await card.locator('.category').textContent()).toBe('无条件开放');
    expect(await page.locator(`.card[data-dataset-id="${RESTRICTED}"] .category`).textContent()).toBe('受限开放');
    await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: true });
    await page.close();
  });

  it('on a 390×844 phone the catalog and a dataset page fit the width (no horizontal scroll)', async () => {
    const phone = await browser!.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
    for (const [path, ready] of [
      ['/', '.card'],
      [`/datasets/${OPEN}`, '#meta div'],
    ] as const) {
      const page = await open(path, phone);
      await page.locator(ready).first().waitFor();
      const overflow = await page.evaluate(() => {
        // Runs in the page (the test's own TypeScript has no DOM library).
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, path).toBeLessThanOrEqual(0);
      if (path === '/') await page.screenshot({ path: join(ARTIFACTS, 'phone-home.png'), fullPage: true });
    }
    await phone.close();
  });

  it('searching 处罚 finds the penalties dataset, and the record hits carry highlighted snippets', async () => {
    const page = await open('/');
    await page.locator('.card').first().waitFor();
    await page.fill('#q', '处罚');
    await Promise.all([page.waitForURL(/\?q=/), page.press('#q', 'Enter')]);
    await page.locator(`.card[data-dataset-id="${OPEN}"]`).waitFor();
    // Filtered: the official gazette has nothing to do with penalties.
    await expect.poll(() => page.locator('.card').count()).toBeLessThan(catalog.count);
    expect(await page.locator('.card[data-dataset-id="gazette-issues"]').count()).toBe(0);
    await page.locator('#hits .hit mark').first().waitFor();
    expect(await page.locator('#hits .hit').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'search.png'), fullPage: true });
    await page.close();
  });

  it('a dataset page shows its metadata, quality and a preview of up to 50 rows', async () => {
    const page = await open(`/datasets/${OPEN}`);
    await page.locator('#meta div').first().waitFor();
    expect(await page.locator('h1').textContent()).toContain('行政处罚');
    expect(await page.locator('#badges .grade').textContent()).toMatch(/^L[123]$/);
    expect(await page.locator('#quality').textContent()).toContain('完整性');
    const rows = catalog.datasets.find((d) => d.id === OPEN)!.latestRelease!.rowCount;
    await page.locator('table.preview tbody tr').first().waitFor();
    expect(await page.locator('table.preview tbody tr').count()).toBe(Math.min(50, rows));
    expect(await page.locator('table.preview thead th').count()).toBeGreaterThan(1);
    await page.locator('#changes p').first().waitFor();
    expect(await page.locator('#changes .error').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dataset.png'), fullPage: true });
    await page.close();
  });

  it('a download link on the dataset page delivers the file', async () => {
    const page = await open(`/datasets/${OPEN}`);
    const link = page.locator('#downloads a').first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = await download.path();
    expect(statSync(saved).size).toBeGreaterThan(0);
    for (const anchor of await page.locator('#downloads a').all()) {
      const href = new URL((await anchor.getAttribute('href'))!, page.url()).href;
      const response = await fetch(href);
      expect(response.status, href).toBe(200);
      expect((await response.arrayBuffer()).byteLength, href).toBeGreaterThan(0);
    }
    await page.close();
  });

  it('the restricted dataset offers no rows, and its application form submits and shows the application id', async () => {
    const page = await open(`/datasets/${RESTRICTED}`);
    await page.locator('#meta div').first().waitFor();
    expect(await page.locator('#preview').textContent()).toContain('授权');
    expect(await page.locator('table.preview').count()).toBe(0);
    expect(await page.locator('#downloads a').count()).toBe(0);

    // Nothing filled in: the API's reasons appear on the page, and nothing is submitted.
    await page.click('#application button[type="submit"]');
    await page.locator('.field-error:not([hidden]), #application-error:not([hidden])').first().waitFor();
    expect(await page.locator('#application-result').isHidden()).toBe(true);

    await page.fill('[id="applicant.name"]', '王小明');
    await page.fill('[id="applicant.organization"]', '绍兴文理学院');
    await page.fill('[id="applicant.email"]', 'wang@example.edu.cn');
    await page.fill('[id="applicant.phone"]', '0575-88000000');
    const checkboxes = page.locator('input[name="fields"]');
    expect(await checkboxes.count()).toBeGreaterThan(2);
    await checkboxes.nth(0).check();
    await checkboxes.nth(1).check();
    await page.fill('#useScenario', '研究产权交易市场的价格形成，用于学术论文。');
    await page.fill('[id="period.from"]', '2027-01-01');
    await page.fill('[id="period.to"]', '2027-06-30');
    await page.click('#application button[type="submit"]');
    await page.locator('#application-id').waitFor();
    expect((await page.locator('#application-id').textContent())!.trim()).not.toBe('');
    expect(await page.locator('#application-status').textContent()).toContain('pending');
    await page.screenshot({ path: join(ARTIFACTS, 'application.png'), fullPage: true });
    await page.close();
  });

  it('no page raised a script error, broke the Content-Security-Policy or reached another origin', () => {
    expect(trouble).toEqual([]);
  });
});
