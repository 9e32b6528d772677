// The "Run benchmark" CodeLens in a real editor (trusted workspace): lenses above the example's
// describe( and bench( calls; a click runs that one benchmark briefly (2 processes, 30 ms each, from the
// perfLens.bench.* settings), then its lens shows the last result; a budget set tight in the workspace's
// perf-lens.config.json becomes a Warning on that bench( line in the Problems panel, cleared on edit.
// Then the quadratic-building quick action "Generate a scaling benchmark" writes a bench.sizes file for the
// flagged function, whose lens runs it and shows the fitted exponent; a second time it leaves the file alone.
// In Restricted Mode, no lens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyQuickFix,
  goToLine,
  openFile,
  problemList,
  quickFixEntries,
  readWorkspaceFile,
  showProblems,
  startEditor,
  waitForNotification,
  waitForProblems,
  type EditorSession,
} from './editor';

const FILE = 'node-shop/bench/packing-slip.bench.mjs';
const QUADRATIC = 'packingSlip, 2,000 names > quadratic (lastIndexOf + +=)';
/** The example's quadratic packingSlip takes milliseconds per call: 1 µs is always exceeded. */
const CONFIG = JSON.stringify({ bench: { budgets: { [QUADRATIC]: { mean: '1us' } } } }, null, 2);

async function lensTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.editor-group-container.active .codelens-decoration').allInnerTexts();
  // Lenses of one line are drawn in one decoration, separated by " | ".
  return texts.flatMap((t) => t.replace(/\s+/g, ' ').trim().split(' | ')).filter((t) => t.length > 0);
}

async function waitFor<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  if (!ok(last)) throw new Error(`${what} never happened; last seen: ${JSON.stringify(last)}`);
  return last;
}

describe('the Run benchmark CodeLens in a real editor (trusted workspace)', { timeout: 180_000 }, () => {
  let s: EditorSession;
  before(async () => {
    s = await startEditor({
      name: 'bench-lens',
      trust: 'trusted',
      files: { 'perf-lens.config.json': CONFIG },
      settings: { 'perfLens.bench.processes': 2, 'perfLens.bench.timeMs': 30 },
    });
  });
  after(async () => {
    await s?.close();
  });

  test('lenses above describe( and bench(; a click runs that benchmark, its lens shows the last result; the tight budget is a Warning on its bench( line', () =>
    s.step('bench', async () => {
      await openFile(s.page, FILE);
      const before = await waitFor('the benchmark lenses', () => lensTexts(s.page), (t) => t.filter((x) => x === 'Run benchmark').length === 2);
      assert.deepEqual(before, ["Run file's benchmarks (2)", 'Run 2 benchmarks', 'Run benchmark', 'Run benchmark']);
      await s.screenshot('1-lenses');

      await s.page.locator(`.editor-group-container.active .codelens-decoration a[title="Run \\"${QUADRATIC}\\" in fresh processes"]`).click();
      await waitForNotification(s.page, /benchmarking "packingSlip, 2,000 names > quadratic/, 15_000);
      const summary = await waitForNotification(s.page, /Perf Lens: packingSlip, 2,000 names > quadratic \(lastIndexOf \+ \+=\): [\d.]+ (ms|µs) ± [\d.]+% · [\d,.]+ ops\/s\. Over budget: .*mean [\d.]+ (ms|µs) exceeds the budget 1us/, 60_000);
      console.log(`summary: ${summary}`);

      const after = await waitFor('the last result on the lens', () => lensTexts(s.page), (t) => t.some((x) => x.startsWith('Run benchmark · last:')));
      // Only the benchmark that ran shows a result; the other lens still offers a run.
      assert.deepEqual(after.slice(0, 3), ["Run file's benchmarks (2)", 'Run 2 benchmarks', after[2]]);
      assert.match(after[2], /^Run benchmark · last: [\d.]+ (ms|µs) ± [\d.]+% · [\d,.]+ ops\/s$/);
      assert.equal(after[3], 'Run benchmark');

      const rows = await waitForProblems(s.page, (r) => r.some((p) => p.file === 'packing-slip.bench.mjs' && /exceeds the budget 1us/.test(p.text)));
      const mine = rows.filter((p) => p.file === 'packing-slip.bench.mjs');
      assert.equal(mine.length, 1, JSON.stringify(mine));
      assert.match(mine[0].text, /^packingSlip, 2,000 names > quadratic \(lastIndexOf \+ \+=\): mean [\d.]+ (ms|µs) exceeds the budget 1us Perf Lens bench-budget \[Ln 10, Col 3\]$/);
      // A warning, not an error or information: the row's icon.
      const icons = await s.page.locator('.markers-panel .monaco-list-row[aria-level="2"] .marker-icon').evaluateAll((els) => els.map((e) => e.className));
      assert.ok(icons.length === 1 && /\bwarning\b/.test(icons[0]), `icons: ${JSON.stringify(icons)}`);
      await s.screenshot('2-result-and-budget');

      // The figures were measured on the text before an edit: the warning goes with the edit.
      await s.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await s.page.keyboard.press('Control+End');
      await s.page.keyboard.type('\n// edited\n');
      await showProblems(s.page);
      await waitFor('the budget warning cleared', () => problemList(s.page), (r) => !r.some((p) => /exceeds the budget/.test(p.text)), 15_000);
    }));

  test('the quadratic-building quick action writes a scaling benchmark for the flagged function, which runs from its lens; never overwritten', () =>
    s.step('scaling', async () => {
      // (Closing all editors would ask about the edited bench file; the next file opens in a tab of its own.)
      await s.page.keyboard.press('Escape');
      await openFile(s.page, 'node-shop/src/pricing.slow.js');
      // distinctSkus: `[...acc, p.sku]` in its reduce callback, line 30.
      const rows = await waitForProblems(s.page, (r) => r.some((p) => p.file === 'pricing.slow.js' && /quadratic-building.*\[Ln 30,/.test(p.text)));
      const at = /\[Ln 30, Col (\d+)\]/.exec(rows.find((p) => p.file === 'pricing.slow.js' && /\[Ln 30,/.test(p.text))!.text)!;
      await goToLine(s.page, 30, Number(at[1]));
      const entries = await quickFixEntries(s.page);
      assert.ok(entries.includes('Generate a scaling benchmark'), JSON.stringify(entries));
      await applyQuickFix(s.page, 'Generate a scaling benchmark');
      await waitForNotification(s.page, /wrote distinctSkus\.bench\.mjs: edit inputOf/, 20_000);
      const written = readWorkspaceFile(s, 'node-shop/src/distinctSkus.bench.mjs');
      assert.match(written, /^import target from "\.\/pricing\.slow\.js"; \/\/ CommonJS/m);
      assert.match(written, /return \(\) => target\.distinctSkus\(\.\.\.args\);/);
      await s.page.locator('.tab.active', { hasText: 'distinctSkus.bench.mjs' }).waitFor({ timeout: 10_000 });

      await waitFor('the lenses of the new file', () => lensTexts(s.page), (t) => t.includes('Run benchmark'));
      await s.page.locator('.editor-group-container.active .codelens-decoration a[title="Run \\"distinctSkus\\" in fresh processes"]').click();
      const sized = await waitFor('the scaling on the lens', () => lensTexts(s.page), (t) => t.some((x) => x.startsWith('Run benchmark · last: ≈ O(n^')), 90_000);
      assert.match(sized.find((x) => x.startsWith('Run benchmark · last:'))!, /^Run benchmark · last: ≈ O\(n\^-?[\d.]+\)( \[-?[\d.]+, -?[\d.]+\])? · n=10,000: [\d.]+ (ns|µs|ms) ± [\d.]+% · [\d,.]+ ops\/s$/);
      await s.screenshot('3-scaling-benchmark');

      // The user's edits are never replaced: a second time, the file is opened as it is.
      fs.appendFileSync(path.join(s.workspace, 'node-shop/src/distinctSkus.bench.mjs'), '// my edit\n');
      await s.page.locator('.tabs-container .tab', { hasText: 'pricing.slow.js' }).click();
      await s.page.locator('.tabs-container .tab.active', { hasText: 'pricing.slow.js' }).waitFor({ timeout: 10_000 });
      await goToLine(s.page, 30, Number(at[1]));
      await quickFixEntries(s.page);
      await applyQuickFix(s.page, 'Generate a scaling benchmark');
      await waitForNotification(s.page, /distinctSkus\.bench\.mjs already exists; it was opened, not changed/, 20_000);
      assert.match(readWorkspaceFile(s, 'node-shop/src/distinctSkus.bench.mjs'), /\/\/ my edit\n$/);
    }));
});

describe('no Run benchmark lens in Restricted Mode', { timeout: 120_000 }, () => {
  let s: EditorSession;
  before(async () => {
    s = await startEditor({ name: 'bench-lens-restricted', trust: 'restricted' });
  });
  after(async () => {
    await s?.close();
  });

  test('the example bench file gets no lens (running it would run workspace code)', () =>
    s.step('restricted', async () => {
      // Hints on another file first: the engine has loaded, so a lens provider that wanted to draw could.
      await openFile(s.page, 'node-shop/src/pricing.slow.js');
      await waitForProblems(s.page, (r) => r.some((p) => p.file === 'pricing.slow.js' && /quadratic-building/.test(p.text)));
      await openFile(s.page, FILE);
      await s.page.waitForTimeout(3_000);
      await s.screenshot('restricted');
      assert.deepEqual(await lensTexts(s.page), []);
    }));
});
