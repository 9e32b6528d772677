// Profile npm Script…, Profile Test File and Profile Script in a real code-server, trusted, on a copy of examples/ plus a small project at its root.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  afterLineDecorations,
  answerInputBox,
  clickNotificationButton,
  openFile,
  resetUi,
  runCommand,
  startEditor,
  waitForNotification,
  webviewFrame,
  type EditorSession,
} from './editor';

const CRUNCH = [
  "'use strict';",
  'function crunch(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);',
  '  return s;',
  '}',
  'const end = Date.now() + 1000;',
  'let total = 0;',
  'while (Date.now() < end) total += crunch(100000);',
  'if (Number.isNaN(total)) console.log(total);',
  '',
].join('\n');

const FILES = {
  // The workspace root is the copy of examples/: its own package.json holds the npm script profiled here.
  'package.json': JSON.stringify({ name: 'e2e-scripts', private: true, scripts: { 'crunch numbers': 'node scripts/warmup.js && node scripts/crunch.js', test: 'node --test' } }, null, 2),
  'scripts/warmup.js': 'let s = 0; for (let i = 0; i < 1000; i++) s += i;\n',
  'scripts/crunch.js': CRUNCH,
  // The same script under a name Quick Open cannot confuse with crunch.js, for Profile Script.
  'scripts/solo.js': CRUNCH,
  'scripts/sums.test.js': [
    "const { test } = require('node:test');",
    'function slowSum(n) {',
    '  let s = 0;',
    '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.cos(i);',
    '  return s;',
    '}',
    "test('sums', () => { const end = Date.now() + 800; while (Date.now() < end) slowSum(100000); });",
    '',
  ].join('\n'),
};

let s: EditorSession;

function scenario(title: string, fn: (t: TestContext) => Promise<void>): void {
  test(title, (t) => s.step(title.slice(0, title.indexOf('.')), () => fn(t)));
}

describe('Profile Script, npm Script and Test File in a real editor', { timeout: 300_000 }, () => {
  before(async () => {
    s = await startEditor({ name: 'profile-script', trust: 'trusted', files: FILES });
  });
  after(async () => {
    await s?.close();
  });

  scenario('S1. Profile npm Script…: the quick pick lists package.json scripts; the busiest of two node processes is profiled; the summary names crunch', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scripts/crunch.js');
    await runCommand(s.page, 'Perf Lens: Profile npm Script…', { opensInput: true });
    await answerInputBox(s.page, 'Profile npm Script', 'crunch numbers');
    const summary = await waitForNotification(s.page, /Perf Lens: npm run crunch numbers ran \d+\.\d s \(2 Node\.js processes, the busiest profiled\); hottest: crunch \(\d+\.\d% self\)/, 90_000);
    await s.screenshot('S1-npm-script-profiled');
    assert.match(summary, /Show Hot Spots/);
    const labels = await afterLineDecorations(s.page);
    assert.ok(labels.some((l) => /^\s*[\d.]+ ms · [\d.]+%$/.test(l)), `a hot-line label is drawn on crunch.js; after-decorations: ${JSON.stringify(labels.slice(0, 10))}`);
    const saved = fs.readdirSync(path.join(s.workspace, '.perf-lens', 'profiles'));
    assert.ok(saved.some((f) => /^npm-crunch_numbers-\d{8}-\d{6}\.cpuprofile$/.test(f)), saved.join(', '));

    await clickNotificationButton(s.page, /hottest: crunch/, 'Show Hot Spots');
    const frame = await webviewFrame(s.page, '#rows tr');
    const firstRow = frame.locator('#rows tr').first();
    assert.equal((await firstRow.locator('td.name').innerText()).trim(), 'crunch');
    assert.match(await firstRow.locator('td.location').innerText(), /scripts\/crunch\.js:2$/);
    await s.screenshot('S1-npm-script-hotspots');
  });

  scenario('S2. Profile Test File: the open test file runs with the project runner (node --test); the summary names its function', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scripts/sums.test.js');
    await runCommand(s.page, 'Perf Lens: Profile Test File');
    await waitForNotification(s.page, /Perf Lens: scripts\/sums\.test\.js \(node:test\) ran \d+\.\d s.*; hottest: slowSum \(\d+\.\d% self\)/, 90_000);
    await s.screenshot('S2-test-file-profiled');
  });

  scenario('S3. Profile Script: the open file runs as the main program', async () => {
    await resetUi(s.page);
    await openFile(s.page, 'scripts/solo.js');
    await runCommand(s.page, 'Perf Lens: Profile Script');
    await waitForNotification(s.page, /Perf Lens: scripts\/solo\.js ran \d+\.\d s; hottest: crunch \(\d+\.\d% self\)/, 90_000);
    await s.screenshot('S3-script-profiled');
  });
});

describe('Profile npm Script… and Profile Test File in Restricted Mode', { timeout: 180_000 }, () => {
  let r: EditorSession;
  before(async () => {
    r = await startEditor({ name: 'profile-script-restricted', trust: 'restricted', files: FILES });
  });
  after(async () => {
    await r?.close();
  });

  test('R1. both say trust is needed and run nothing', () =>
    r.step('R1', async () => {
      await r.page.getByText('Restricted Mode', { exact: false }).first().waitFor({ timeout: 15_000 });
      await openFile(r.page, 'scripts/sums.test.js');
      await runCommand(r.page, 'Perf Lens: Profile npm Script…');
      const npmToast = await waitForNotification(r.page, /profiling an npm script runs code from this workspace/);
      assert.match(npmToast, /needs a trusted workspace\. Nothing was run\./);
      assert.match(npmToast, /Manage Workspace Trust/);
      await r.screenshot('R1-npm-script-needs-trust');
      await resetUi(r.page);
      await runCommand(r.page, 'Perf Lens: Profile Test File');
      await waitForNotification(r.page, /profiling a test file runs code from this workspace, so it needs a trusted workspace\. Nothing was run\./);
      assert.equal(fs.existsSync(path.join(r.workspace, '.perf-lens', 'profiles')), false, 'no profile was written');
    }));
});
