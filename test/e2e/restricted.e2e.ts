// Scenario 4 of the real-editor suite: the examples opened in Restricted Mode ("No, I don't trust the authors").
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openFile, perfLensProblems, runCommand, startEditor, waitForNotification, waitForProblems, webviewFrame, type EditorSession } from './editor';

let s: EditorSession;

describe('Perf Lens in a real editor (Restricted Mode)', { timeout: 240_000 }, () => {
  before(async () => {
    s = await startEditor({ name: 'restricted', trust: 'restricted' });
  });
  after(async () => {
    await s?.close();
  });

  test('4. hints still appear, and Profile Function says trust is needed instead of running anything', () =>
    s.step('4', async () => {
      // The editor itself says it is in Restricted Mode (status bar item / banner).
      await s.page.getByText('Restricted Mode', { exact: false }).first().waitFor({ timeout: 15_000 });

      await openFile(s.page, 'node-shop/src/orders/orders.slow.ts');
      const rows = await waitForProblems(s.page, (r) => perfLensProblems(r, 'orders.slow.ts').some((p) => p.text.includes('n-plus-one')));
      assert.ok(perfLensProblems(rows, 'orders.slow.ts').length >= 2, 'several hints in Restricted Mode');
      await s.screenshot('4-hints');

      await runCommand(s.page, 'Perf Lens: Profile Function');
      const toast = await waitForNotification(s.page, /trust/i);
      await s.screenshot('4-profile-needs-trust');
      assert.match(toast, /needs a trusted workspace/);
      assert.match(toast, /Nothing was run/);
      assert.match(toast, /Manage Workspace Trust/, 'the notification offers to manage trust');
    }));
  test('4b. the Benchmarks view says why it runs nothing, and shows no run controls', () =>
    s.step('4b', async () => {
      await s.page.locator('.activitybar [aria-label*="Perf Lens Benchmarks"]').first().click();
      const view = await webviewFrame(s.page, '#blocked', 30_000);
      await view.locator('#blocked').waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await view.locator('#blocked').innerText(), /Running benchmarks runs code from this workspace, so it needs a trusted workspace\. Nothing was run\./);
      assert.equal(await view.locator('#controls').isHidden(), true);
      await s.screenshot('4b-benchmarks-restricted');
    }));
});
