// Scenario 7 of the real-editor suite: any .cpuprofile opens in the Hot Spots view (the read-only custom
// editor perfLens.cpuprofile), from the Explorer's "Open in Perf Lens" and from "Perf Lens: Open CPU
// Profile…"; a corrupt one shows its one sentence and stays as it was. In Restricted Mode: opening a
// profile reads files and runs nothing.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { cursorPosition, resetUi, runCommand, startEditor, webviewFrame, type EditorSession } from './editor';

// V8 inlines `hot` into `caller`; the view gives `hot` its ticks back by reading busy.js.
const SCRIPT = [
  '// Profiled by open-profile.e2e.ts.',
  'function hot(n) {',
  '  let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);',
  '  return s;',
  '}',
  'function caller() { let t = 0; for (let k = 0; k < 20; k++) t += hot(5_000); return t; }',
  'const end = Date.now() + 400;',
  'let x = 0;',
  'while (Date.now() < end) x += caller();',
  'if (x === 42) console.log(x);',
  '',
].join('\n');

let s: EditorSession;

function scenario(title: string, fn: (t: TestContext) => Promise<void>): void {
  test(title, (t) => s.step(title.slice(0, title.indexOf('.')), () => fn(t)));
}

/** Writes busy.js into the workspace and profiles it there with `node --cpu-prof`: profiles/busy.cpuprofile. */
function profileInWorkspace(workspace: string): string {
  const script = path.join(workspace, 'busy.js');
  fs.writeFileSync(script, SCRIPT);
  const dir = path.join(workspace, 'profiles');
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'busy.cpuprofile', '--cpu-prof-interval', '250', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return path.join(dir, 'busy.cpuprofile');
}

/** The open dialog of "Open CPU Profile…" (VS Code's own quick-input dialog in the browser): types a path. */
async function pickFile(page: EditorSession['page'], file: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The dialog fills in its starting folder once it has listed it: type the path after that, and again
  // if the dialog wrote over it.
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
  for (let i = 0; i < 5 && (await input.inputValue()) !== file; i++) {
    await input.fill(file);
    await page.waitForTimeout(500);
  }
  assert.equal(await input.inputValue(), file);
  await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function assertHotSpotsOf(script: string): Promise<Frame> {
  const frame = await webviewFrame(s.page, '#rows tr', 60_000);
  const firstRow = frame.locator('#rows tr').first();
  assert.match(await frame.locator('#title').innerText(), /^Hot spots of busy\.cpuprofile$/);
  // "My code only" is on by default: the script's functions lead.
  assert.ok(['hot', 'caller'].includes((await firstRow.locator('td.name').innerText()).trim()));
  assert.match(await firstRow.locator('td.location').innerText(), /busy\.js:[26]$/);
  assert.equal(await firstRow.locator('td.location').getAttribute('title').then((t) => t?.split(':')[0]), script);
  assert.match(await frame.locator('#summary').innerText(), /samples, one every [\d.]+ ms/);
  const canvas = await frame.locator('#flame').boundingBox();
  assert.ok(canvas && canvas.width > 0 && canvas.height > 0, `the flame graph's canvas has a size: ${JSON.stringify(canvas)}`);
  await frame.locator('#search').fill('hot');
  assert.match(await frame.locator('#search-count').innerText(), /^[1-9]\d* frames?$/);
  return frame;
}

describe('Perf Lens in a real editor: opening a .cpuprofile (Restricted Mode)', { timeout: 300_000 }, () => {
  let profile: string;
  let script: string;
  before(async () => {
    s = await startEditor({ name: 'open-profile', trust: 'restricted' });
    profile = profileInWorkspace(s.workspace);
    script = path.join(s.workspace, 'busy.js');
  });
  after(async () => {
    await s?.close();
  });

  scenario('7. "Open in Perf Lens" in the Explorer shows the profile\'s hot spots and flame graph', async () => {
    await s.page.getByText('Restricted Mode', { exact: false }).first().waitFor({ timeout: 15_000 });
    await runCommand(s.page, 'View: Show Explorer');
    const folder = s.page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^profiles$/ }).first();
    await folder.waitFor({ timeout: 20_000 });
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    const row = s.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'busy.cpuprofile' }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click({ button: 'right' });
    const entry = s.page.locator('.monaco-menu .action-item .action-label', { hasText: /^Open in Perf Lens$/ }).first();
    await entry.waitFor({ timeout: 10_000 });
    await s.screenshot('7-explorer-menu');
    await entry.click();
    await s.page.locator('.tabs-container .tab.active[aria-label*="busy.cpuprofile"]').waitFor({ timeout: 30_000 });
    const frame = await assertHotSpotsOf(script);
    await s.screenshot('7-open-in-perf-lens');
    // A row opens the function's source beside the profile, the cursor on its line.
    const firstRow = frame.locator('#rows tr').first();
    const line = Number(/:(\d+)$/.exec(await firstRow.locator('td.location').innerText())![1]);
    await firstRow.click();
    await s.page.locator('.editor-group-container.active .tab.active[aria-label*="busy.js"]').waitFor({ timeout: 30_000 });
    await s.page.waitForFunction((l) => new RegExp(`Ln ${l}, Col \\d+`).test(document.getElementById('status.editor.selection')?.textContent ?? ''), line, { timeout: 10_000 }).catch(() => undefined);
    assert.equal((await cursorPosition(s.page))?.line, line);
  });

  scenario('7b. "Perf Lens: Open CPU Profile…" asks for a file and opens it the same way', async () => {
    await resetUi(s.page);
    await runCommand(s.page, 'Perf Lens: Open CPU Profile…', { opensInput: true });
    await pickFile(s.page, profile);
    await s.page.locator('.tabs-container .tab.active[aria-label*="busy.cpuprofile"]').waitFor({ timeout: 30_000 });
    await assertHotSpotsOf(script);
    await s.screenshot('7b-open-cpu-profile');
  });

  scenario('7c. a corrupt profile shows one sentence in the editor, and the file is left as it was', async () => {
    await resetUi(s.page);
    const text = fs.readFileSync(profile, 'utf8');
    const broken = path.join(s.workspace, 'profiles', 'broken.cpuprofile');
    fs.writeFileSync(broken, text.slice(0, Math.floor(text.length * 0.6)));
    const before = fs.readFileSync(broken);
    await runCommand(s.page, 'Perf Lens: Open CPU Profile…', { opensInput: true });
    await pickFile(s.page, broken);
    const frame = await webviewFrame(s.page, '#error', 60_000);
    const sentence = (await frame.locator('#error').innerText()).trim();
    assert.match(sentence, /^Perf Lens: .*broken\.cpuprofile is not valid JSON \(Unexpected end of JSON input\)$/);
    assert.equal(sentence.split('\n').length, 1);
    // The editor swaps a replaced page in once it has loaded: wait until its frame is shown.
    const host = await frame.frameElement();
    await s.page.waitForFunction((el) => (el as HTMLElement).getBoundingClientRect().width > 0 && getComputedStyle(el as HTMLElement).visibility !== 'hidden', host, { timeout: 10_000 }).catch(() => undefined);
    await s.page.waitForTimeout(500);
    await s.screenshot('7c-corrupt-profile');
    assert.deepEqual(fs.readFileSync(broken), before, 'the file is untouched');
  });
});
