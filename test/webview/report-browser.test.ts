// The HTML report in real Chromium (playwright-core + /usr/bin/chromium): opened from disk, offline, it
// shows the table and draws the flame graph, in light and dark, with no console error and no request but
// the file itself; hostile names in the profile stay text.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeProfileReport } from '../../src/runner/report/write-report';
import { HOSTILE, hostileProfile, realProfileDir, webviewAssets } from '../runner/report/report-fixtures';
import { node, profileOf, type Tree } from '../core/profile/profile-fixtures';

const CHROMIUM = process.env.PERF_LENS_CHROMIUM ?? '/usr/bin/chromium';

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let script: string;
  let report: string;
  let hostile: string;
  let wide: string;

  before(async () => {
    ({ dir, script } = (() => {
      const r = realProfileDir();
      report = path.join(r.dir, 'busy.html');
      writeProfileReport({ profilePath: r.profile, outFile: report, assetsDir: webviewAssets().dir, title: 'Hot spots of busy.js' });
      return r;
    })());
    hostile = path.join(dir, 'hostile.html');
    writeProfileReport({ profilePath: path.join(dir, 'hostile.cpuprofile'), profile: hostileProfile(), outFile: hostile, assetsDir: webviewAssets().dir, title: HOSTILE.closeScript });
    // 500 functions: more rows than the table renders before the first paint.
    const leaves: Tree[] = Array.from({ length: 500 }, (_, i) => node(`fn${String(i).padStart(3, '0')}`, `file:///srv/app/m${i % 20}.js`, 1 + i));
    wide = path.join(dir, 'wide.html');
    writeProfileReport({ profilePath: path.join(dir, 'wide.cpuprofile'), profile: profileOf(node('(root)', '', 0, leaves), leaves.map((l, i) => [l, 1000 + i])), outFile: wide, assetsDir: webviewAssets().dir });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const opened: Opened = { page, problems: [], requests: [], dialogs: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') opened.problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => performance.getEntriesByName('perf-lens:flame-painted').length > 0, null, { timeout: 20_000 });
    return opened;
  }

  /** Pixels of the flame canvas that are not transparent. */
  const paintedPixels = (page: Page) =>
    page.evaluate(() => {
      const c = document.getElementById('flame') as HTMLCanvasElement;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
      return n;
    });

  test('a real profile: the top row is the hottest function of the script, the flame graph is drawn, nothing else loaded', async () => {
    const { page, problems, requests } = await open(report);
    try {
      assert.equal(await page.title(), 'Hot spots of busy.js');
      const first = page.locator('#rows tr').first();
      assert.equal(await first.locator('td.name').textContent(), 'sumOfSquares');
      assert.equal(await first.locator('td.location').textContent(), `${path.basename(path.dirname(script))}/busy.js:1`);
      assert.ok((await paintedPixels(page)) > 1000, 'the canvas drew');
      assert.equal(await page.locator('#flame').getAttribute('data-focus'), '(root)');
      assert.match((await page.locator('#summary').textContent()) ?? '', /ms sampled/);
      // Only the report itself: no script, style, font or image from anywhere, no source map.
      assert.deepEqual(requests, [pathToFileURL(report).href]);
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('the UI works without VS Code: sorting, "my code only", and a click shows the location to copy', async () => {
    const { page, problems } = await open(report);
    try {
      const rows = page.locator('#rows tr');
      const mine = await rows.count();
      await page.locator('#my-code').uncheck();
      await page.waitForFunction((n) => document.querySelectorAll('#rows tr').length > n, mine);
      await page.locator('th[data-key="functionName"]').click();
      const names = await page.locator('#rows td.name').allTextContents();
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
      await page.locator('#my-code').check();
      await page.locator('th[data-key="selfMs"]').first().click();
      assert.equal(await page.locator('#open-note').isVisible(), false);
      await rows.first().click();
      await page.locator('#open-note').waitFor({ state: 'visible' });
      // The row's own file:line:column (the column is where V8 placed the function).
      assert.match(await page.locator('#open-path').inputValue(), new RegExp(`^${script.replace(/[.]/g, '[.]')}:1:\\d+$`));
      assert.equal(await page.locator('#open-path').inputValue(), await rows.first().locator('td.location').getAttribute('title'));
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('500 functions: every row arrives (in chunks after the first paint), and a re-sort at once leaves no stale rows', async () => {
    const { page, problems } = await open(wide);
    try {
      const count = () => page.evaluate(() => document.querySelectorAll('#rows tr').length);
      await page.locator('th[data-key="functionName"]').click();
      await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 500);
      await page.waitForTimeout(300);
      assert.equal(await count(), 500);
      const names = await page.locator('#rows td.name').allTextContents();
      assert.deepEqual(names, Array.from({ length: 500 }, (_, i) => `fn${String(i).padStart(3, '0')}`));
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('light and dark: the page follows the system colour scheme', async () => {
    const background = async (scheme: 'light' | 'dark') => {
      const { page, problems } = await open(report, scheme);
      try {
        assert.deepEqual(problems, []);
        return await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
      } finally {
        await page.context().close();
      }
    };
    assert.deepEqual(await background('light'), ['rgb(255, 255, 255)', 'rgb(59, 59, 59)']);
    assert.deepEqual(await background('dark'), ['rgb(31, 31, 31)', 'rgb(204, 204, 204)']);
  });

  test('hostile function names, paths and title are shown as text and run nothing', async () => {
    const { page, problems, requests, dialogs } = await open(hostile);
    try {
      await page.locator('#my-code').uncheck();
      await page.waitForFunction(() => document.querySelectorAll('#rows tr').length >= 5);
      assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
      assert.deepEqual(dialogs, []);
      assert.equal(await page.locator('#title').textContent(), HOSTILE.closeScript);
      assert.equal(await page.title(), HOSTILE.closeScript);
      const names = await page.locator('#rows td.name').allTextContents();
      for (const name of [HOSTILE.closeScript, HOSTILE.img, HOSTILE.comment, HOSTILE.separators, HOSTILE.entity]) assert.ok(names.includes(name), name);
      assert.equal(await page.locator('#rows tr').first().locator('td.name').textContent(), HOSTILE.closeScript);
      assert.equal(await page.locator('#rows tr').first().locator('td.location').getAttribute('title'), `${HOSTILE.file}:3:1`);
      // The page holds exactly its own elements.
      assert.equal(await page.locator('script').count(), 2);
      assert.equal(await page.locator('img').count(), 0);
      assert.ok((await paintedPixels(page)) > 1000);
      assert.deepEqual(requests, [pathToFileURL(hostile).href]);
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });
});
