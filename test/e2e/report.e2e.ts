// "Save Profile as HTML Report…" in a real VS Code (code-server): the open dialog starts at the newest
// profile in .perf-lens/profiles, the save dialog proposes the report beside it, and the saved file shows
// the profile's hottest function when opened in the browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { OUTPUT, runCommand, startEditor, waitForExtensionHostLog, waitForNotification, type EditorSession } from './editor';

const BUSY = [
  'function sumOfSquares(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i * i;',
  '  return s;',
  '}',
  'const end = Date.now() + 400;',
  'let x = 0;',
  'while (Date.now() < end) x += sumOfSquares(50_000);',
].join('\n');

/**
 * A real profile of BUSY, run in a temp folder that stays until the end: the report reads busy.js to give
 * the samples of an inlined sumOfSquares back to it.
 */
function busyProfile(dir: string): string {
  fs.writeFileSync(path.join(dir, 'busy.js'), BUSY);
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', 'busy.js'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!), 'utf8');
}

/** Waits for the simple file dialog titled exactly `title`, returns the path it proposes, and accepts it. */
async function acceptFileDialog(page: Page, title: string): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title').filter({ hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ state: 'visible', timeout: 30_000 });
  const input = widget.locator('.quick-input-box input');
  // The dialog fills its box a moment after it opens.
  await page.waitForFunction(() => ((document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value ?? '').length > 1);
  const proposed = await input.inputValue();
  await page.keyboard.press('Enter');
  return proposed;
}

describe('Save Profile as HTML Report', () => {
  let s: EditorSession;
  const scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-e2e-profile-'));
  before(async () => {
    const profile = busyProfile(scriptDir);
    s = await startEditor({
      name: 'report',
      trust: 'trusted',
      files: { '.perf-lens/profiles/busy-20260101-000000.cpuprofile': profile, '.perf-lens/profiles/busy-20270101-000000.cpuprofile': profile },
    });
    // The newer file by time, whatever the names say.
    const dir = path.join(s.workspace, '.perf-lens', 'profiles');
    fs.utimesSync(path.join(dir, 'busy-20270101-000000.cpuprofile'), new Date('2026-01-01'), new Date('2026-01-01'));
  });
  after(async () => {
    await s?.close();
    fs.rmSync(scriptDir, { recursive: true, force: true });
  });

  test('newest profile proposed, report saved beside it, and it opens offline with the hottest function on top', async () => {
    const profiles = path.join(s.workspace, '.perf-lens', 'profiles');
    // The palette knows the command once the extension host has loaded the extension.
    await s.step('extension active', () => waitForExtensionHostLog(s, /_doActivateExtension perf-lens\.perf-lens\b/, 90_000));
    await s.step('run the command', () => runCommand(s.page, 'Perf Lens: Save Profile as HTML Report…', { opensInput: true }));
    const picked = await s.step('open dialog', () => acceptFileDialog(s.page, 'Save Profile as HTML Report: choose a CPU profile'));
    assert.equal(picked, path.join(profiles, 'busy-20260101-000000.cpuprofile'));
    const saveAs = await s.step('save dialog', () => acceptFileDialog(s.page, 'Save Profile as HTML Report'));
    assert.equal(saveAs, path.join(profiles, 'busy-20260101-000000.html'));
    const note = await s.step('saved', () => waitForNotification(s.page, /report saved to/, 60_000));
    assert.match(note, /Perf Lens: report saved to \.perf-lens\/profiles\/busy-20260101-000000\.html \(\d+ KB\)/);
    await s.screenshot('saved');

    const report = path.join(profiles, 'busy-20260101-000000.html');
    assert.ok(fs.statSync(report).size > 10_000);
    // A context of its own: the editor's page was opened without one.
    const context = await s.page.context().browser()!.newContext();
    const page = await context.newPage();
    try {
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(report).href);
      await page.locator('#rows tr').first().waitFor();
      assert.equal(await page.locator('#rows tr td.name').first().textContent(), 'sumOfSquares');
      assert.equal(await page.title(), 'Hot spots of busy-20260101-000000.cpuprofile');
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [pathToFileURL(report).href]);
      await page.screenshot({ path: path.join(OUTPUT, 'report-page.png') });
    } finally {
      await context.close();
    }
  });
});
