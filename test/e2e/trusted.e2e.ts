// Scenarios 1, 2, 3, 5, 6 and 6b of the real-editor suite, in one trusted code-server session on a copy of examples/.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  REPO,
  VSIX,
  afterLineDecorations,
  answerInputBox,
  applyQuickFix,
  clickNotificationButton,
  cursorPosition,
  goToLine,
  openFile,
  openPalette,
  perfLensProblems,
  problemPosition,
  quickFixEntries,
  readWorkspaceFile,
  notifications,
  replaceEditorText,
  resetUi,
  runCommand,
  runningExtensionActivation,
  startEditor,
  waitForNotification,
  waitForExtensionHostLog,
  waitForProblems,
  webviewFrame,
  type EditorSession,
} from './editor';

// Small files of our own, so the quick-fix scenario does not depend on how the examples are written.
const SCRATCH = {
  'scratch/ids.ts': [
    'export function idsOf(items: Array<{ id: number }>): number[] {',
    '  return items.reduce<number[]>((acc, item) => [...acc, item.id], []);',
    '}',
    '',
  ].join('\n'),
  'scratch/owners.ts': [
    'declare const prisma: { user: { findUnique(q: unknown): Promise<unknown> } };',
    'export async function owners(ids: number[]) {',
    '  const out = [];',
    '  for (const id of ids) {',
    '    out.push(await prisma.user.findUnique({ where: { id } }));',
    '  }',
    '  return out;',
    '}',
    '',
  ].join('\n'),
  // A CommonJS module with a hot inner function, for Profile Function.
  'scratch/hot.js': [
    "'use strict';",
    'function sumOfSquares(n) {',
    '  let s = 0;',
    '  for (let i = 0; i < n; i++) s += i * i;',
    '  return s;',
    '}',
    'function report(rows) {',
    '  let total = 0;',
    '  for (const r of rows) total += sumOfSquares(r);',
    '  return total;',
    '}',
    'module.exports = { report };',
    '',
  ].join('\n'),
  // A runnable N+1 (an in-memory client), for the runtime confirmation after Profile Function.
  'scratch/owners-runnable.js': [
    "'use strict';",
    'const db = { user: { async findUnique({ where }) { await null; return { id: where.id }; } } };',
    'async function ownersOf(ids) {',
    '  const out = [];',
    '  for (const id of ids) {',
    '    out.push(await db.user.findUnique({ where: { id } }));',
    '  }',
    '  return out;',
    '}',
    'module.exports = { ownersOf };',
    '',
  ].join('\n'),
  'scratch/fetch.ex': [
    'defmodule Scratch.Fetch do',
    '  def all(ids) do',
    '    ids',
    '    |> Task.async_stream(&fetch/1)',
    '    |> Enum.to_list()',
    '  end',
    '',
    '  defp fetch(id), do: id * 2',
    'end',
    '',
  ].join('\n'),
};

const TS_SLOW = 'node-shop/src/orders/orders.slow.ts';
const TS_FAST = 'node-shop/src/orders/orders.fast.ts';
const EX_SLOW = 'elixir-shop/lib/shop/slow/reports.ex';
const EX_FAST = 'elixir-shop/lib/shop/fast/reports.ex';

let s: EditorSession;

/** A test whose failure leaves a `<n>-FAILED.png` screenshot of the editor behind. */
function scenario(title: string, fn: (t: TestContext) => Promise<void>): void {
  test(title, (t) => s.step(title.slice(0, title.indexOf('.')), () => fn(t)));
}

describe('Perf Lens in a real editor (trusted workspace)', { timeout: 300_000 }, () => {
  before(async () => {
    s = await startEditor({ name: 'trusted', trust: 'trusted', files: SCRATCH });
  });
  after(async () => {
    await s?.close();
  });

  scenario('1. the VSIX installs, the extension activates on opening the examples, its commands are in the palette', async () => {
    // No file is open yet: opening the folder alone (it holds mix.exs and TypeScript) must activate it.
    const line = await waitForExtensionHostLog(s, /_doActivateExtension perf-lens\.perf-lens\b/);
    console.log(`activation: ${line.replace(/^.*_doActivateExtension /, '')}`);

    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const hidden = new Set<string>(
      (manifest.contributes?.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command),
    );
    // Profile Script with 0x is enabled (and listed) only in a workspace with node_modules/.bin/0x; the examples have none.
    hidden.add('perfLens.profileWith0x');
    const expected: string[] = manifest.contributes.commands
      .filter((c: { command: string; category?: string }) => c.category === 'Perf Lens' && !hidden.has(c.command))
      .map((c: { title: string }) => `Perf Lens: ${c.title}`);
    assert.ok(expected.length >= 2, 'the manifest contributes Perf Lens commands');

    await openPalette(s.page, 'Perf Lens: ');
    const rows = s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name');
    await rows.first().waitFor();
    await s.screenshot('1-palette');
    const shown = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await s.page.keyboard.press('Escape');
    for (const title of expected) assert.ok(shown.includes(title), `"${title}" in the palette; shown: ${JSON.stringify(shown)}`);
    assert.ok(!shown.includes('Perf Lens: Profile Script with 0x'), 'no 0x in the examples: the command is not offered');
  });

  scenario('2. TypeScript and Elixir anti-patterns show their rule codes in the Problems panel; fixing the code clears them', async () => {
    await resetUi(s.page);
    await openFile(s.page, TS_SLOW);
    const tsRows = await waitForProblems(s.page, (rows) => {
      const codes = perfLensProblems(rows, 'orders.slow.ts').map((r) => r.text);
      return codes.some((t) => t.includes('n-plus-one')) && codes.some((t) => t.includes('unbounded-concurrency'));
    });
    await s.screenshot('2-ts-hints');
    assert.ok(perfLensProblems(tsRows, 'orders.slow.ts').some((r) => /findUnique/.test(r.text)), 'the N+1 message names the call');

    // "Fix" the file by typing its batched twin over it, then save.
    const fixedTs = readWorkspaceFile(s, TS_FAST);
    await replaceEditorText(s.page, fixedTs);
    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'orders.slow.ts').length === 0);
    await s.screenshot('2-ts-fixed');
    assert.equal(readWorkspaceFile(s, TS_SLOW), fixedTs, 'the editor saved exactly the fixed code');
    await resetUi(s.page);

    await openFile(s.page, EX_SLOW);
    const exRows = await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'reports.ex').some((r) => r.text.includes('quadratic-building')));
    await s.screenshot('2-elixir-hints');
    assert.ok(perfLensProblems(exRows, 'reports.ex').some((r) => /\+\+|<>/.test(r.text)), 'the message names the operator');

    const fixedEx = readWorkspaceFile(s, EX_FAST);
    await replaceEditorText(s.page, fixedEx);
    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'reports.ex').length === 0);
    await s.screenshot('2-elixir-fixed');
    assert.equal(readWorkspaceFile(s, EX_SLOW), fixedEx);
  });

  scenario('3. a quick fix from the light bulb rewrites the code and the hint disappears', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scratch/ids.ts');
    const [hint] = perfLensProblems(
      await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'ids.ts').length === 1),
      'ids.ts',
    );
    assert.match(hint.text, /quadratic-building/);
    const at = problemPosition(hint);
    assert.deepEqual(at, { line: 2, column: 48 }, 'the hint sits on the spread of the accumulator');

    await goToLine(s.page, at.line, at.column);
    const entries = await quickFixEntries(s.page);
    await s.screenshot('3-light-bulb');
    assert.ok(entries.some((e) => e.includes('Disable quadratic-building for this line')), `light bulb entries: ${JSON.stringify(entries)}`);
    const fix = entries.find((e) => /^Push into/.test(e));
    assert.ok(fix, `a rewrite fix is offered; entries: ${JSON.stringify(entries)}`);
    await applyQuickFix(s.page, fix);
    await s.page.keyboard.press('Control+S');

    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'ids.ts').length === 0);
    await s.screenshot('3-fixed');
    const text = readWorkspaceFile(s, 'scratch/ids.ts');
    assert.match(text, /acc\.push\(item\.id\)/);
    assert.doesNotMatch(text, /\.\.\.acc/);
  });

  scenario('3c. an Elixir quick fix: Task.async_stream gets explicit :max_concurrency and :timeout', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scratch/fetch.ex');
    const [hint] = perfLensProblems(await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'fetch.ex').length === 1), 'fetch.ex');
    assert.match(hint.text, /unbounded-concurrency/);
    assert.match(hint.text, /Task\.async_stream/);
    const at = problemPosition(hint);
    await goToLine(s.page, at.line, at.column);
    const entries = await quickFixEntries(s.page);
    await s.screenshot('3c-light-bulb');
    const fix = entries.find((e) => /^Add .*max_concurrency/.test(e));
    assert.ok(fix, `an "Add max_concurrency…" fix is offered; entries: ${JSON.stringify(entries)}`);
    await applyQuickFix(s.page, fix);
    await s.page.keyboard.press('Control+S');
    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'fetch.ex').length === 0);
    await s.screenshot('3c-fixed');
    const line = readWorkspaceFile(s, 'scratch/fetch.ex').split('\n')[at.line - 1];
    assert.match(line, /Task\.async_stream\(&fetch\/1, .*max_concurrency: .*\)/);
    assert.match(line, /timeout: /);
  });

  scenario('3b. the light bulb\'s "Disable <rule> for this line" adds the comment and the hint disappears', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scratch/owners.ts');
    const [n1] = perfLensProblems(await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'owners.ts').length === 1), 'owners.ts');
    assert.match(n1.text, /n-plus-one/);
    const pos = problemPosition(n1);
    await goToLine(s.page, pos.line, pos.column);
    await quickFixEntries(s.page);
    await applyQuickFix(s.page, 'Disable n-plus-one for this line');
    await s.page.keyboard.press('Control+S');
    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'owners.ts').length === 0);
    await s.screenshot('3b-suppressed');
    const lines = readWorkspaceFile(s, 'scratch/owners.ts').split('\n');
    assert.match(lines[pos.line - 1], /^\s*\/\/ perf-lens-disable-next-line n-plus-one$/);
  });

  scenario('6. Profile Function: the function at the cursor runs under the profiler; the summary names the hot inner function and hot lines are marked', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scratch/hot.js');
    await goToLine(s.page, 9, 5); // inside report()
    await runCommand(s.page, 'Perf Lens: Profile Function', { opensInput: true });
    await answerInputBox(s.page, 'Profile report', '[[20000, 30000, 40000]]');
    const summary = await waitForNotification(s.page, /Perf Lens: report ran \d+ times in \d+\.\d s; hottest: sumOfSquares \(\d+\.\d% self\)/, 60_000);
    await s.screenshot('6-profiled');
    assert.match(summary, /Show Hot Spots/);
    const labels = await afterLineDecorations(s.page);
    assert.ok(labels.some((l) => /^\s*[\d.]+ ms · [\d.]+%$/.test(l)), `a hot-line label is drawn; after-decorations: ${JSON.stringify(labels.slice(0, 10))}`);
    // The arguments are remembered for next time, and the profile is saved in the workspace.
    assert.deepEqual(JSON.parse(readWorkspaceFile(s, '.perf-lens/profile-args.json')), { 'scratch/hot.js#report': '[[20000, 30000, 40000]]' });
    const saved = fs.readdirSync(path.join(s.workspace, '.perf-lens', 'profiles'));
    assert.ok(saved.some((f) => /^report-\d{8}-\d{6}\.cpuprofile$/.test(f)), saved.join(', '));
  });

  scenario('6b. Show Hot Spots opens the panel: the function table leads with the hot function, the flame graph is drawn, a row opens the source', async () => {
    const HOTTEST = /hottest: sumOfSquares/;
    if (!(await notifications(s.page)).some((t) => HOTTEST.test(t))) {
      // Scenario 6's notification is gone (it failed, or the toast hid): profile again with the remembered arguments.
      await resetUi(s.page);
      await openFile(s.page, 'scratch/hot.js');
      await goToLine(s.page, 9, 5);
      await runCommand(s.page, 'Perf Lens: Profile Function', { opensInput: true });
      await answerInputBox(s.page, 'Profile report', '[[20000, 30000, 40000]]');
      await waitForNotification(s.page, HOTTEST, 60_000);
    }
    await clickNotificationButton(s.page, HOTTEST, 'Show Hot Spots');
    const frame = await webviewFrame(s.page, '#rows tr');
    const firstRow = frame.locator('#rows tr').first();
    assert.equal((await firstRow.locator('td.name').innerText()).trim(), 'sumOfSquares');
    assert.match(await firstRow.locator('td.location').innerText(), /scratch\/hot\.js:2$/);
    assert.match(await frame.locator('#summary').innerText(), /samples, one every [\d.]+ ms · GC [\d.]+ ms/);
    const canvas = await frame.locator('#flame').boundingBox();
    assert.ok(canvas && canvas.width > 0 && canvas.height > 0, `the flame graph's canvas has a size: ${JSON.stringify(canvas)}`);
    await s.screenshot('6b-hotspots');
    // The flame graph: row 0 is (root), row 1 the profiled function (the harness's frames are spliced out).
    const flame = frame.locator('#flame');
    await flame.hover({ position: { x: 30, y: 18 + 9 } });
    const tooltip = frame.locator('#tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await tooltip.innerText(), /^report\n.*scratch\/hot\.js:7\ntotal [\d.]+ ms \([\d.]+%\) · self/);
    // V8 inlines sumOfSquares into report; the flame graph gives it its ticks back, as the table does.
    await frame.locator('#search').fill('sumOfSquares');
    assert.match(await frame.locator('#search-count').innerText(), /^[1-9]\d* frames?$/);
    await s.screenshot('6b-flame-search');
    // A frame click zooms into it (and opens it, keeping the focus in the panel); Escape zooms out.
    await flame.click({ position: { x: 30, y: 18 + 9 } });
    assert.equal(await flame.getAttribute('data-focus'), 'report');
    await flame.press('Escape');
    assert.equal(await flame.getAttribute('data-focus'), '(root)');
    // A row click opens the function's file with the cursor on its line.
    await firstRow.click();
    await s.page.locator('.editor-group-container.active .tab.active[aria-label*="hot.js"]').waitFor({ timeout: 10_000 });
    await s.page.waitForFunction(
      () => /Ln 2, Col \d+/.test(document.getElementById('status.editor.selection')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    ).catch(() => undefined);
    assert.equal((await cursorPosition(s.page))?.line, 2, 'the cursor is on sumOfSquares\' line');
  });

  scenario('6c. Profile Function on an N+1: the n-plus-one hint says it was confirmed at runtime, with the count, until the file changes', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scratch/owners-runnable.js');
    await waitForProblems(s.page, (rows) => perfLensProblems(rows, 'owners-runnable.js').some((r) => r.text.includes('findUnique')));
    await goToLine(s.page, 5, 5); // inside ownersOf()
    await runCommand(s.page, 'Perf Lens: Profile Function', { opensInput: true });
    await answerInputBox(s.page, 'Profile ownersOf', '[Array.from({ length: 1000 }, (_, i) => i)]');
    const rows = await waitForProblems(
      s.page,
      (r) => perfLensProblems(r, 'owners-runnable.js').some((p) => /confirmed at runtime: [\d,]+ calls in \d+ runs? of ownersOf/.test(p.text)),
      90_000,
    );
    await s.screenshot('6c-confirmed');
    const row = perfLensProblems(rows, 'owners-runnable.js').find((p) => p.text.includes('confirmed at runtime'))!;
    assert.deepEqual(problemPosition(row), { line: 6, column: 20 });
    const m = /confirmed at runtime: ([\d,]+) calls in (\d+) runs? of ownersOf/.exec(row.text)!;
    assert.equal(Number(m[1].replace(/,/g, '')), 1000 * Number(m[2]), `one call per element of 1,000 ids in every run: ${row.text}`);
    // The file changes (on disk; the editor reloads it): the hint is back to what the code says, without the note.
    const text = readWorkspaceFile(s, 'scratch/owners-runnable.js');
    fs.writeFileSync(path.join(s.workspace, 'scratch/owners-runnable.js'), `// edited\n${text}`);
    await waitForProblems(s.page, (r) => {
      const mine = perfLensProblems(r, 'owners-runnable.js');
      return mine.some((p) => p.text.includes('findUnique') && /\[Ln 7, Col 20\]/.test(p.text)) && !mine.some((p) => p.text.includes('confirmed at runtime'));
    });
    await s.screenshot('6c-edited');
  });

  scenario('5. activation time from the editor\'s record, and the VSIX size', async (t) => {
    await resetUi(s.page);
    const vsixBytes = fs.statSync(VSIX).size;
    const { ms, text } = await runningExtensionActivation(s.page, 'Perf Lens');
    await s.screenshot('5-running-extensions');
    const report = `Perf Lens activation: ${ms} ms (Running Extensions shows "${text}"; goal ≤ 50 ms); VSIX ${(vsixBytes / 1e6).toFixed(2)} MB (limit 5 MB)`;
    console.log(report);
    t.diagnostic(report);
    assert.ok(ms >= 0 && Number.isInteger(ms));
    assert.ok(vsixBytes <= 5 * 1024 * 1024, `VSIX is ${vsixBytes} bytes, over 5 MB`);
  });
});
