// A real VS Code (code-server 4.100.3) on a copy of examples/, driven through Debian's Chromium.
// One `EditorSession` = one code-server + one browser page; `close()` stops both, pass or fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { freePort, runCodeServer, startCodeServer, waitForHttp, type EditorProcess } from './editor-process';

export const REPO = path.resolve(__dirname, '..', '..');
export const VSIX = process.env.PERF_LENS_VSIX ?? path.join(REPO, 'dist', 'perf-lens.vsix');
export const OUTPUT = path.join(REPO, 'test-output', 'e2e');
const CHROMIUM = process.env.PERF_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** Settings that keep the editor from typing for us (auto-closing, suggestions) or showing extra pages. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.formatOnSave': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'git.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
};

export interface StartOptions {
  /** Used in file names of screenshots and kept logs. */
  name: string;
  /** Answer to the Workspace Trust dialog. */
  trust: 'trusted' | 'restricted';
  /** Install dist/perf-lens.vsix (default true). */
  withExtension?: boolean;
  /** Extra files written into the workspace copy, relative path → content. */
  files?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export interface EditorSession {
  page: Page;
  workspace: string;
  userDataDir: string;
  /** Milliseconds from spawning code-server to a usable workbench (trust answered). */
  startupMs: number;
  screenshot(label: string): Promise<string>;
  close(): Promise<void>;
}

function copyExamples(to: string): void {
  const skip = new Set(['node_modules', '_build', 'deps', '.elixir_ls', 'dist']);
  fs.cpSync(path.join(REPO, 'examples'), to, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
}

export async function startEditor(opts: StartOptions): Promise<EditorSession> {
  const t0 = Date.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `perf-lens-e2e-${opts.name}-`));
  const workspace = path.join(root, 'workspace');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const home = path.join(root, 'home');
  const logFile = path.join(root, 'code-server.log');
  for (const d of [workspace, userDataDir, extensionsDir, home]) fs.mkdirSync(d, { recursive: true });
  if (fs.existsSync(path.join(REPO, 'examples'))) copyExamples(workspace);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));

  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (opts.withExtension !== false) {
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} does not exist: run \`npm run package\` first.`);
    await runCodeServer([...dirs, '--install-extension', VSIX], home, path.join(root, 'install.log'));
  }

  let proc: EditorProcess | undefined;
  let browser: Browser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    await proc?.stop();
    keepLogs(opts.name, root, userDataDir, logFile);
    if (!process.env.PERF_LENS_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
  };

  try {
    const port = await freePort();
    proc = startCodeServer(['--bind-addr', `127.0.0.1:${port}`, ...dirs, '--ignore-last-opened', workspace], home, logFile);
    await waitForHttp(port, proc, logFile);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await answerTrust(page, opts.trust);
    const session: EditorSession = {
      page,
      workspace,
      userDataDir,
      startupMs: Date.now() - t0,
      async screenshot(label) {
        fs.mkdirSync(OUTPUT, { recursive: true });
        const file = path.join(OUTPUT, `${opts.name}-${label}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      close,
    };
    return session;
  } catch (err) {
    await close();
    throw err;
  }
}

/** Copies code-server's log and the editor's logs (extension host included) under test-output/e2e/logs/<name>. */
function keepLogs(name: string, _root: string, userDataDir: string, logFile: string): void {
  try {
    const dest = path.join(OUTPUT, 'logs', name);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(dest, 'code-server.log'));
    const logs = path.join(userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'logs'), { recursive: true });
  } catch {
    // logs are a debugging aid; never fail a run over them
  }
}

async function answerTrust(page: Page, trust: 'trusted' | 'restricted'): Promise<void> {
  const name = trust === 'trusted' ? 'Yes, I trust the authors' : "No, I don't trust the authors";
  const button = page.getByRole('button', { name, exact: true });
  await button.waitFor({ timeout: 60_000 });
  await button.click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10_000 });
}

// ---------------------------------------------------------------------------------------------
// UI helpers: command palette, Quick Open, Problems panel, editor text, quick fixes, notifications.

const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');
const quickRows = (page: Page): Locator => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

async function openPalette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${text}`);
}

/** Labels of palette entries matching `text` (e.g. every "Perf Lens: …" command). */
export async function paletteEntries(page: Page, text: string): Promise<string[]> {
  await openPalette(page, text);
  await quickRows(page).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  const labels = await quickRows(page).locator('.label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden' });
  return labels.map((l) => l.replace(/\s+/g, ' ').trim());
}

/** Runs a command by its full palette title (e.g. "Perf Lens: Scan Workspace for Performance Hints"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page, title);
  const row = quickRows(page).filter({ has: page.locator('.label-name', { hasText: title }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Opens a workspace file via Quick Open (Ctrl+P), by its path relative to the workspace. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const base = path.basename(relPath);
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relPath);
  const row = quickRows(page).filter({ has: page.locator('.label-name', { hasText: base }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).waitFor({ timeout: 10_000 });
  await activeEditor(page).locator('.view-lines').waitFor();
}

export const activeEditor = (page: Page): Locator =>
  page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();

/** Replaces the whole text of the active editor and saves it (auto-closing etc. are off in QUIET_SETTINGS). */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+S');
}

/** Moves the cursor with Go to Line (Ctrl+G), 1-based. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Opens the light bulb menu (Ctrl+.) at the cursor and returns its entries. */
export async function quickFixEntries(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor({ timeout: 10_000 });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Applies the light-bulb entry whose text contains `title` (the menu must be open). */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  const row = page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first();
  await row.click();
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
}

/** Shows the Problems panel (Ctrl+Shift+M, palette as fallback). */
export async function showProblems(page: Page): Promise<void> {
  const panel = page.locator('.markers-panel');
  if (await panel.isVisible()) return;
  await page.keyboard.press('Control+Shift+M');
  try {
    await panel.waitFor({ state: 'visible', timeout: 3_000 });
  } catch {
    await runCommand(page, 'View: Focus Problems');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
}

/** Text of every rendered row of the Problems panel (file rows and marker rows). */
export async function problemRows(page: Page): Promise<string[]> {
  await showProblems(page);
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

/** Waits until `predicate(rows)` holds for the Problems panel; returns those rows, or throws with the last rows seen. */
export async function waitForProblems(page: Page, predicate: (rows: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await problemRows(page);
    if (predicate(rows)) return rows;
    await page.waitForTimeout(250);
  }
  throw new Error(`Problems panel never matched; last rows:\n${rows.join('\n') || '(none)'}`);
}

/** Texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  return toasts.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Waits for a notification toast whose text matches. */
export async function waitForNotification(page: Page, match: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await notifications(page);
    const hit = seen.find((t) => match.test(t));
    if (hit) return hit;
    await page.waitForTimeout(250);
  }
  throw new Error(`no notification matching ${match}; visible: ${JSON.stringify(seen)}`);
}

/** Reads a file of the workspace copy as it is on disk. */
export function readWorkspaceFile(session: EditorSession, rel: string): string {
  return fs.readFileSync(path.join(session.workspace, rel), 'utf8');
}
