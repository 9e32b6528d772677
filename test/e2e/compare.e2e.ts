// Scenario 9 of the real-editor suite: Compare Profiles and Compare with Previous Run on two profiles of
// the same function, made with the CLI (`node dist/cli.js profile … --out`) into the workspace. The
// workspace is opened in Restricted Mode: comparing only reads files, so it must work there.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO,
  cursorPosition,
  resetUi,
  runCommand,
  startEditor,
  waitForNotification,
  webviewFrame,
  type EditorSession,
} from './editor';
import type { Frame, Page } from 'playwright-core';

// Work done in builtins (join, JSON.stringify), so the CLI's counting pass fits its budget and the runs
// can compare per call; four times the words to encode in the second run makes encodeWords slower.
const WORDS = [
  "'use strict';",
  "const WORDS = Array.from({ length: 200000 }, (_, i) => 'w' + ((i * 7919) % 100003));",
  'function joinWords(n) {',
  "  return WORDS.slice(0, n).join(',').length;",
  '}',
  'function encodeWords(n) {',
  '  return JSON.stringify(WORDS.slice(0, n)).length;',
  '}',
  'function report(joins, encodes) {',
  '  let total = 0;',
  '  for (const n of joins) total += joinWords(n);',
  '  for (const n of encodes) total += encodeWords(n);',
  '  return total;',
  '}',
  'module.exports = { report };',
  '',
].join('\n');

const OLDER = '.perf-lens/profiles/report-20261130-100000.cpuprofile';
const NEWER = '.perf-lens/profiles/report-20261130-100500.cpuprofile';

let s: EditorSession;

function scenario(title: string, fn: (t: TestContext) => Promise<void>): void {
  test(title, (t) => s.step(title.slice(0, title.indexOf('.')), () => fn(t)));
}

/** `perf-lens profile scratch/words.js --function report` into the workspace (an argument array: no shell). */
function profileWithCli(args: string, out: string): void {
  execFileSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'profile', 'scratch/words.js', '--function', 'report', '--args', args, '--duration', '1000', '--out', out], {
    cwd: s.workspace,
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 60_000,
  });
  assert.ok(fs.existsSync(path.join(s.workspace, out)), out);
}

/** Answers the simple file dialog (code-server has no native one) titled `title` with a full path. */
async function answerFileDialog(page: Page, title: string, file: string): Promise<void> {
  const box = page.locator('.quick-input-widget');
  await box.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  const input = box.locator('input');
  // The dialog first puts its starting folder in the box: typing before that is overwritten.
  const deadline = Date.now() + 15_000;
  while ((await input.inputValue()) === '' && Date.now() < deadline) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
  await input.fill(file);
  while ((await input.inputValue()) !== file && Date.now() < deadline) {
    await page.waitForTimeout(200);
    await input.fill(file);
  }
  // The dialog checks the typed path asynchronously; Enter accepts it once it is known to be a file.
  await box.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await page.keyboard.press('Enter');
  await box.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Pixels of the flame canvas: how many are drawn at all, and how many are clearly red or blue. */
async function canvasPixels(frame: Frame): Promise<{ drawn: number; red: number; blue: number }> {
  return frame.locator('#flame').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let drawn = 0;
    let red = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      drawn++;
      if (data[i] > data[i + 2] + 60) red++;
      if (data[i + 2] > data[i] + 60) blue++;
    }
    return { drawn, red, blue };
  });
}

describe('Perf Lens in a real editor: comparing two profiles (Restricted Mode)', { timeout: 300_000 }, () => {
  before(async () => {
    s = await startEditor({ name: 'compare', trust: 'restricted', files: { 'scratch/words.js': WORDS } });
  });
  after(async () => {
    await s?.close();
  });

  scenario('9a. with a single run of a function, Compare with Previous Run says there is nothing to compare yet', async () => {
    await s.page.getByText('Restricted Mode', { exact: false }).first().waitFor({ timeout: 15_000 });
    profileWithCli('[[5000], [5000]]', OLDER);
    await runCommand(s.page, 'Perf Lens: Compare with Previous Run');
    const toast = await waitForNotification(s.page, /earlier run/, 30_000);
    await s.screenshot('9a-no-previous-run');
    assert.match(toast, /no function has an earlier run to compare with yet \(report was profiled once\): profile it again after a change/);
  });

  scenario('9b. Compare Profiles… (two file pickers) shows the functions with a verdict and draws the differential flame graph', async () => {
    profileWithCli('[[5000], [20000]]', NEWER);
    await resetUi(s.page);
    await runCommand(s.page, 'Perf Lens: Compare Profiles…', { opensInput: true });
    await answerFileDialog(s.page, 'Compare Profiles (1/2)', path.join(s.workspace, OLDER));
    await answerFileDialog(s.page, 'Compare Profiles (2/2)', path.join(s.workspace, NEWER));

    const frame = await webviewFrame(s.page, '#rows tr', 60_000);
    assert.equal(await frame.locator('#title').innerText(), 'report: 2026-11-30 10:00:00 → 10:05:00 UTC');
    assert.match(await frame.locator('#runs').innerText(), /^before: report-20261130-100000\.cpuprofile \([\d.]+ ms.*\) → after: report-20261130-100500\.cpuprofile/);
    const norm = await frame.locator('#norm').innerText();
    assert.match(norm, /^Compared (per call of the profiled function|as a share of each run's sampled time)/);
    console.log(`compare header: ${norm}`);
    // "My code only" is on: the rows are the example's functions; encodeWords got four times the work.
    const rows = frame.locator('#rows tr');
    const names = (await rows.locator('td.name').allInnerTexts()).map((t) => t.trim());
    assert.ok(names.includes('encodeWords') && names.includes('joinWords'), JSON.stringify(names));
    const encode = rows.filter({ has: frame.locator('td.name', { hasText: /^encodeWords$/ }) }).first();
    assert.match(await encode.locator('td.location').innerText(), /scratch\/words\.js:6$/);
    assert.equal((await encode.locator('td.verdict').innerText()).trim(), 'slower');
    assert.match(await encode.locator('td').nth(4).innerText(), /^\+/);
    // Sorted slowest first: encodeWords leads.
    assert.equal((await rows.first().locator('td.name').innerText()).trim(), 'encodeWords');

    const box = await frame.locator('#flame').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 0, `the canvas has a size: ${JSON.stringify(box)}`);
    const pixels = await canvasPixels(frame);
    assert.ok(pixels.drawn > 1000, `the flame graph drew: ${JSON.stringify(pixels)}`);
    assert.ok(pixels.red > 100, `a slower frame is red: ${JSON.stringify(pixels)}`);
    await s.screenshot('9b-compare');

    // Row 1 is report (row 0 the root): hover shows before → after.
    const flame = frame.locator('#flame');
    await flame.hover({ position: { x: 30, y: 18 + 9 } });
    const tooltip = frame.locator('#tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await tooltip.innerText(), /^report\n.*scratch\/words\.js:9\nself .* → .*\ntotal .* → .*\nbefore: self [\d.]+ ms, total [\d.]+ ms · after: self/);
    await frame.locator('#search').fill('encodeWords');
    assert.match(await frame.locator('#search-count').innerText(), /^[1-9]\d* frames?$/);
    await s.screenshot('9b-compare-search');
    // Click zooms into report, Escape zooms out.
    await flame.click({ position: { x: 30, y: 18 + 9 } });
    assert.equal(await flame.getAttribute('data-focus'), 'report');
    await flame.press('Escape');
    assert.equal(await flame.getAttribute('data-focus'), '(root)');
    // A row opens the function's source at its line.
    await encode.click();
    await s.page.locator('.editor-group-container.active .tab.active[aria-label*="words.js"]').waitFor({ timeout: 10_000 });
    await s.page
      .waitForFunction(() => /Ln 6, Col \d+/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), undefined, { timeout: 10_000 })
      .catch(() => undefined);
    assert.equal((await cursorPosition(s.page))?.line, 6, 'the cursor is on encodeWords\' line');
  });

  scenario('9c. Compare with Previous Run: the last profiled run, picked first, against the run before it', async () => {
    await resetUi(s.page);
    await runCommand(s.page, 'Perf Lens: Compare with Previous Run', { opensInput: true });
    const picker = s.page.locator('.quick-input-widget');
    await picker.locator('.quick-input-title', { hasText: 'Compare with Previous Run' }).waitFor({ state: 'visible', timeout: 15_000 });
    const first = picker.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    assert.match((await first.innerText()).replace(/\s+/g, ' '), /^report ?2026-11-30 10:05:00 UTC ?compared with the run of 2026-11-30 10:00:00 UTC/);
    await s.screenshot('9c-pick');
    await s.page.keyboard.press('Enter');
    const frame = await webviewFrame(s.page, '#rows tr', 60_000);
    assert.equal(await frame.locator('#title').innerText(), 'report: 2026-11-30 10:00:00 → 10:05:00 UTC');
    assert.ok((await frame.locator('#rows td.name').allInnerTexts()).some((t) => t.trim() === 'encodeWords'));
    await s.screenshot('9c-compare');
  });
});
