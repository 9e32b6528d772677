// Scenario: the Benchmarks side view on the examples (trusted). Open the view, Run all (5 processes,
// 50 ms per benchmark, CPU-time clock: brief settings that stay usable on a loaded machine), cancel a run, save a baseline, make revenueByCategory's fast
// version do 10× the work (5× was called "same" at times on this loaded 2-core machine) in the workspace copy, compare with the baseline and re-run its file: the table
// marks that benchmark slower and the chart is drawn with the theme's red for it; click → the bench( line;
// a second baseline draws the history chart (both baselines and the current run); a high-contrast theme
// redraws the chart in its colours. A budget in the workspace's perf-lens.config.json marks its row, and the
// bench.sizes group shows its scaling exponent.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cursorPosition, openFile, runCommand, startEditor, webviewFrame, type EditorSession } from './editor';
import type { Frame } from 'playwright-core';

let s: EditorSession;
let view: Frame;
/** Console messages of the page and its frames (the webview's) that report a Content-Security-Policy violation. */
const cspViolations: string[] = [];

const REVENUE_BENCH = 'node-shop/bench/revenue.bench.ts';
const FAST_PRICING = 'node-shop/src/pricing.fast.js';
const SLOWED = 'in-place accumulator';
/** Far below what 2,000 names take: always over budget. */
const OVER_BUDGET = 'packingSlip, 2,000 names > quadratic (lastIndexOf + +=)';
const CONFIG = JSON.stringify({ bench: { budgets: { [OVER_BUDGET]: { mean: '1us' } } } });

function scenario(title: string, fn: (t: TestContext) => Promise<void>): void {
  test(title, (t) => s.step(title.slice(0, title.indexOf('.')), () => fn(t)));
}

/** Waits until no run is in progress (the progress line hidden) and the results table has rows. */
async function waitForRunEnd(timeoutMs = 90_000): Promise<void> {
  await view.locator('#progress').waitFor({ state: 'hidden', timeout: timeoutMs });
  await view.locator('#rows tr').first().waitFor({ timeout: 5_000 });
}

/** Pixels of a chart canvas: drawn at all, and of the theme's `--vscode-charts-red` (the slower colour), read in the page. */
async function chartPixels(canvas = '#chart'): Promise<{ drawn: number; red: number; redX: number; theme: string; redColour: string }> {
  return view.locator(canvas).evaluate((c: HTMLCanvasElement) => {
    const redColour = getComputedStyle(document.body).getPropertyValue('--vscode-charts-red').trim();
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(redColour);
    const want = hex ? hex.slice(1, 4).map((h) => parseInt(h, 16)) : [255, 0, 0];
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let drawn = 0;
    let red = 0;
    /** Mean horizontal position of the red pixels below the top fifth (the legend), 0 (left) to 1 (right). */
    let redX = 0;
    let plotRed = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      drawn++;
      if (Math.abs(data[i] - want[0]) < 30 && Math.abs(data[i + 1] - want[1]) < 30 && Math.abs(data[i + 2] - want[2]) < 30) {
        red++;
        if (i / 4 / c.width > c.height / 5) {
          plotRed++;
          redX += ((i / 4) % c.width) / c.width;
        }
      }
    }
    return { drawn, red, redX: plotRed ? redX / plotRed : 0, theme: document.body.className, redColour };
  });
}

describe('Perf Lens in a real editor: the Benchmarks view', { timeout: 240_000 }, () => {
  before(async () => {
    s = await startEditor({ name: 'bench-panel', trust: 'trusted', files: { 'perf-lens.config.json': CONFIG }, settings: { 'perfLens.bench.processes': 5, 'perfLens.bench.timeMs': 50, 'perfLens.bench.clock': 'cpu' } });
    s.page.on('console', (m) => {
      if (/Content[ -]Security[ -]Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await s?.close();
  });

  scenario('b1. the activity-bar item opens the view, which lists the benchmark files with their bench names', async () => {
    await s.page.locator('.activitybar [aria-label*="Perf Lens Benchmarks"]').first().click();
    view = await webviewFrame(s.page, '#run-all', 30_000);
    await view.locator('#files li', { hasText: REVENUE_BENCH }).waitFor({ timeout: 30_000 });
    const files = await view.locator('#files li .file').allInnerTexts();
    assert.deepEqual(files.sort(), ['node-shop/bench/packing-slip.bench.mjs', REVENUE_BENCH, 'node-shop/bench/scaling.bench.js']);
    assert.match(await view.locator('#files li', { hasText: REVENUE_BENCH }).innerText(), /2 benches/);
  });

  scenario('b2. Cancel stops a run (the process groups are killed) and says so', async () => {
    await view.locator('#run-all').click();
    await view.locator('#cancel').waitFor({ state: 'visible', timeout: 15_000 });
    await view.locator('#cancel').click();
    await view.locator('#messages li', { hasText: 'Cancelled' }).waitFor({ timeout: 20_000 });
    assert.equal(await view.locator('#progress').isHidden(), true);
  });

  scenario('b3. Run all fills the table (mean, ±CI, rsd, ops/s) and draws the chart', async () => {
    await view.locator('#run-all').click();
    await view.locator('#progress').waitFor({ state: 'visible', timeout: 15_000 });
    await waitForRunEnd();
    const names = await view.locator('#rows tr td.name').allInnerTexts();
    assert.ok(names.some((n) => n.endsWith(SLOWED)), names.join(' | '));
    assert.ok(names.some((n) => n.includes('packingSlip quadratic [n=4000]')), names.join(' | '));
    const row = view.locator('#rows tr', { hasText: SLOWED });
    assert.match(await row.innerText(), /\d(\.\d+)? (ns|µs|ms)\s+±\d/);
    assert.ok((await chartPixels()).drawn > 1000);
    // The bench.sizes group's exponent, below its last size (the CLI's formatter).
    const scaling = await view.locator('#rows tr.scaling').allInnerTexts();
    assert.equal(scaling.length, 2, scaling.join(' | '));
    for (const line of scaling) assert.match(line, /^packingSlip (quadratic|fixed): ≈ O\(n\^-?\d\.\d\d\) \[-?\d\.\d\d, -?\d\.\d\d\]$/);
    // The budget of perf-lens.config.json: that row marked, its sentence in the Budget cell's tooltip.
    const over = view.locator('#rows tr[data-budget="over"]');
    assert.equal(await over.count(), 1);
    assert.match(await over.locator('td.name').innerText(), /quadratic \(lastIndexOf/);
    assert.match((await over.locator('td.budget').getAttribute('title')) ?? '', /: mean \d.* exceeds the budget 1us$/);
    await s.screenshot('b3-run-all');
  });

  scenario('b4. Save as baseline: a bad name is refused in the view; a good one is saved to .perf-lens/baselines', async () => {
    await view.locator('#baseline-name').fill('../escape');
    await view.locator('#save').click();
    assert.match(await view.locator('#name-problem').innerText(), /path separator/);
    await view.locator('#baseline-name').fill('before');
    await view.locator('#save').click();
    await view.locator('#messages li', { hasText: 'Saved baseline "before"' }).waitFor({ timeout: 15_000 });
    const saved = JSON.parse(fs.readFileSync(path.join(s.workspace, '.perf-lens', 'baselines', 'before.json'), 'utf8'));
    assert.ok(saved.results.some((r: { name: string }) => r.name.endsWith(SLOWED)));
    assert.deepEqual(await view.locator('#compare-with option').allInnerTexts(), ['(none)', 'before']);
  });

  scenario('b5. after a 10× slowdown, Compare with the baseline + Run file marks the benchmark slower in the table and the chart', async () => {
    const file = path.join(s.workspace, FAST_PRICING);
    const source = fs.readFileSync(file, 'utf8');
    const slowed = source.replace(
      'function revenueByCategory(lines) {\n  return lines.reduce(',
      'function revenueByCategory(lines) {\n  for (let k = 0; k < 9; k++) lines.reduce((acc, line) => { acc[line.category] = (acc[line.category] ?? 0) + line.cents; return acc; }, {});\n  return lines.reduce(',
    );
    assert.notEqual(slowed, source, 'the example changed: update the slowdown');
    fs.writeFileSync(file, slowed);
    await view.locator('#compare-with').selectOption('before');
    await view.locator('#files li', { hasText: REVENUE_BENCH }).locator('button').click();
    await view.locator('#progress').waitFor({ state: 'visible', timeout: 15_000 });
    await waitForRunEnd();
    const row = view.locator('#rows tr', { hasText: SLOWED });
    assert.equal(await row.getAttribute('data-verdict'), 'slower', await row.innerText());
    const ratio = Number(/(\d+\.\d+)×/.exec(await row.locator('td.ratio').innerText())?.[1]);
    assert.ok(ratio > 2, `ratio ${ratio}`);
    const pixels = await chartPixels();
    assert.ok(pixels.drawn > 1000 && pixels.red > 50, JSON.stringify(pixels));
    // Chart.js under the strict CSP: it styles the canvas through element.style and needs no eval.
    assert.deepEqual(cspViolations, []);
    await view.locator('#results-section').scrollIntoViewIfNeeded();
    await s.screenshot('b5-compare-slower');
  });

  scenario('b6. clicking a result row opens its file at the bench( line', async () => {
    const line = fs.readFileSync(path.join(s.workspace, REVENUE_BENCH), 'utf8').split('\n').findIndex((l) => l.includes(`bench('${SLOWED}'`)) + 1;
    await view.locator('#rows tr', { hasText: SLOWED }).locator('td.name').click();
    await s.page.locator('.tab.active', { hasText: 'revenue.bench.ts' }).waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 10_000;
    while ((await cursorPosition(s.page))?.line !== line && Date.now() < deadline) await s.page.waitForTimeout(200);
    assert.equal((await cursorPosition(s.page))?.line, line);
  });
  scenario('b6b. ▶ on a result row runs that benchmark alone; the other results stay, compared as before', async () => {
    const before = await view.locator('#rows tr').count();
    await view.locator('#rows tr', { hasText: 'spread accumulator' }).locator('button').click();
    // Progress names the file and the process (one file's processes, one benchmark each).
    await view.locator('#progress', { hasText: /revenue\.bench\.ts: process \d of 5/ }).waitFor({ timeout: 15_000 });
    await waitForRunEnd();
    assert.equal(await view.locator('#rows tr').count(), before);
    assert.equal(await view.locator('#rows tr', { hasText: SLOWED }).getAttribute('data-verdict'), 'slower');
    assert.deepEqual(await view.locator('#messages li.error').allInnerTexts(), []);
  });

  scenario('b6c. a second baseline: the history chart shows the slower benchmark in both baselines and the current run; a row click switches it', async () => {
    await view.locator('#baseline-name').fill('after');
    await view.locator('#save').click();
    await view.locator('#messages li', { hasText: 'Saved baseline "after"' }).waitFor({ timeout: 15_000 });
    await view.locator('#history-section').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await view.locator('#history-name').innerText(), new RegExp(`${SLOWED}$`));
    assert.equal(await view.locator('#rows tr', { hasText: SLOWED }).getAttribute('data-selected'), 'true');
    const label = (await view.locator('#history-chart').getAttribute('aria-label')) ?? '';
    assert.match(label, /: before · \d\d-\d\d \d\d:\d\d [\d.]+ (ns|µs|ms) \[[^\]]+\]; after · \d\d-\d\d \d\d:\d\d [\d.]+ (ns|µs|ms) \[[^\]]+\]; current [\d.]+ /, label);
    await view.locator('#history-section').scrollIntoViewIfNeeded();
    // Three points with whiskers, the current one in the slower colour and last (at the right).
    const pixels = await chartPixels('#history-chart');
    assert.ok(pixels.drawn > 500 && pixels.red > 20 && pixels.redX > 0.6, JSON.stringify(pixels));
    await s.screenshot('b6c-history');
    // A click on the row (not its name, which opens the source) picks the history's benchmark.
    await view.locator('#rows tr', { hasText: 'spread accumulator' }).locator('td.location').click();
    await view.locator('#history-name', { hasText: 'spread accumulator' }).waitFor({ timeout: 10_000 });
    assert.match((await view.locator('#history-chart').getAttribute('aria-label')) ?? '', /spread accumulator: before · .*; after · .*; current /);
    assert.deepEqual(await view.locator('#messages li.error').allInnerTexts(), []);
  });

  scenario('b6d. one set of results: the view\'s run is on the editor\'s lenses, and a lens\'s run is in the view\'s table', async () => {
    // revenue.bench.ts is open (b6): its lens shows the view's last run, compared with the view's baseline.
    const lenses = s.page.locator('.editor-group-container.active .codelens-decoration');
    await lenses.filter({ hasText: /x slower than 'before'/ }).first().waitFor({ timeout: 15_000 });
    // A file the view never ran, run from its lens: its result appears in the view.
    const extra = 'node-shop/bench/extra.bench.mjs';
    fs.writeFileSync(path.join(s.workspace, extra), "import { bench } from 'perf-lens/bench';\n\nbench('lens only', () => {\n  let sum = 0;\n  for (let i = 0; i < 100; i++) sum += i;\n  return sum;\n});\n");
    await openFile(s.page, extra);
    await s.page.locator('.editor-group-container.active .codelens-decoration a[title="Run \\"lens only\\" in fresh processes"]').click();
    await view.locator('#rows tr', { hasText: 'lens only' }).waitFor({ timeout: 60_000 });
    assert.match(await view.locator('#rows tr', { hasText: 'lens only' }).innerText(), /\d(\.\d+)? (ns|µs)\s+±\d/);
    assert.equal(await view.locator('#rows tr', { hasText: SLOWED }).getAttribute('data-verdict'), 'slower');
  });

  scenario('b7. a high-contrast theme redraws the chart in its colours', async () => {
    // The theme picker applies the theme on Enter (a theme change the way a user makes it).
    await runCommand(s.page, 'Preferences: Color Theme', { opensInput: true });
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('Dark High Contrast');
    await s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().waitFor({ timeout: 10_000 });
    await s.page.keyboard.press('Enter');
    const deadline = Date.now() + 30_000;
    let pixels = await chartPixels();
    while (!/vscode-high-contrast/.test(pixels.theme) && Date.now() < deadline) {
      await s.page.waitForTimeout(500);
      pixels = await chartPixels();
    }
    assert.match(pixels.theme, /vscode-high-contrast/);
    await s.page.waitForTimeout(500);
    pixels = await chartPixels();
    assert.ok(pixels.drawn > 1000 && pixels.red > 50, JSON.stringify(pixels));
    await s.screenshot('b7-high-contrast');
  });
});
