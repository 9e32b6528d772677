// A real VS Code (code-server 4.100.3) on a copy of examples/, driven through Debian's Chromium.
// One `EditorSession` = one code-server + one browser page; `close()` stops both, pass or fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { freePort, installExitHooks, removeAtExit, runCodeServer, startCodeServer, waitForHttp, type EditorProcess } from './editor-process';

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
  /** Symbolic links made in the workspace copy, relative path → target (e.g. node_modules → the repo's). */
  links?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export interface EditorSession {
  /** Runs a scenario step; on failure saves `<label>-FAILED.png` before rethrowing. */
  step<T>(label: string, fn: () => Promise<T>): Promise<T>;
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
  installExitHooks();
  // Screenshots of an earlier run of this session would pass for this run's.
  if (fs.existsSync(OUTPUT)) {
    for (const f of fs.readdirSync(OUTPUT)) if (f.startsWith(`${opts.name}-`) && f.endsWith('.png')) fs.rmSync(path.join(OUTPUT, f));
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `perf-lens-e2e-${opts.name}-`));
  const removeRoot = removeAtExit(root);
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
  for (const [rel, target] of Object.entries(opts.links ?? {})) fs.symlinkSync(target, path.join(workspace, rel));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));

  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  let proc: EditorProcess | undefined;
  let browser: Browser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    await proc?.stop();
    keepLogs(opts.name, userDataDir, logFile);
    removeRoot();
  };

  try {
    if (opts.withExtension !== false) {
      if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} does not exist: run \`npm run package\` first.`);
      await runCodeServer([...dirs, '--install-extension', VSIX], home, path.join(root, 'install.log'));
    }
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
      async step(label, fn) {
        try {
          return await fn();
        } catch (err) {
          await session.screenshot(`${label}-FAILED`).catch(() => undefined);
          throw err;
        }
      },
    };
    return session;
  } catch (err) {
    await close();
    throw err;
  }
}

/** Copies code-server's log and the editor's logs (extension host included) under test-output/e2e/logs/<name>. */
function keepLogs(name: string, userDataDir: string, logFile: string): void {
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

export async function openPalette(page: Page, text: string): Promise<void> {
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

/**
 * Runs a command by its full palette title (e.g. "Perf Lens: Scan Workspace for Performance Hints").
 * `opensInput`: the command asks for input at once, so the quick input may never be seen hidden in
 * between — the caller waits for its box instead (answerInputBox with its title).
 */
export async function runCommand(page: Page, title: string, opts: { opensInput?: boolean } = {}): Promise<void> {
  await openPalette(page, title);
  const row = quickRows(page).filter({ has: page.locator('.label-name', { hasText: title }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  if (!opts.opensInput) await quickInput(page).waitFor({ state: 'hidden' });
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
  await waitForEditorFocus(page);
}

/** Resolves once keyboard focus is in the active editor's text area (after a quick input closes, it returns asynchronously). */
export async function waitForEditorFocus(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.activeElement;
    return !!el && el.tagName === 'TEXTAREA' && !!el.closest('.editor-group-container.active .monaco-editor');
  }, undefined, { timeout: 10_000 });
}

/** Opens the light bulb menu (Ctrl+.) at the cursor and returns its entries. Retries: code actions are computed lazily. */
export async function quickFixEntries(page: Page): Promise<string[]> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  for (let attempt = 1; ; attempt++) {
    await waitForEditorFocus(page);
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * Applies the light-bulb entry whose label contains `title` (the menu must be open). By keyboard: the
 * menu's pointer-block overlay swallows synthetic clicks.
 */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label').catch(() => null);
    if (focused?.includes(title)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no light-bulb entry "${title}"; entries: ${JSON.stringify(await rows.allInnerTexts())}`);
}

/** Closes whatever popup a failed step left open, and every editor, so each scenario starts clean. */
export async function resetUi(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
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

/** One marker row of the Problems panel: the file it is listed under and the row's visible text. */
export interface Problem {
  file: string;
  text: string;
}

/** Every rendered marker row of the Problems panel, with the file row it sits under (tree level 1). */
export async function problemList(page: Page): Promise<Problem[]> {
  await showProblems(page);
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els.map((e) => ({
      level: e.getAttribute('aria-level'),
      index: Number(e.getAttribute('data-index')),
      name: e.querySelector('.label-name')?.textContent ?? '',
      text: (e as HTMLElement).innerText,
    })),
  );
  rows.sort((a, b) => a.index - b.index);
  const out: Problem[] = [];
  let file = '';
  for (const r of rows) {
    if (r.level === '1') file = r.name.trim();
    else out.push({ file, text: r.text.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

/** Waits until `predicate` holds for the Problems panel's rows; returns them, or throws with the last rows seen. */
export async function waitForProblems(page: Page, predicate: (rows: Problem[]) => boolean, timeoutMs = 30_000): Promise<Problem[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: Problem[] = [];
  while (Date.now() < deadline) {
    rows = await problemList(page);
    if (predicate(rows)) return rows;
    await page.waitForTimeout(250);
  }
  throw new Error(`Problems panel never matched; last rows:\n${rows.map((r) => `${r.file}: ${r.text}`).join('\n') || '(none)'}`);
}

/** Rows of one file (by base name) that carry a Perf Lens rule code. */
export function perfLensProblems(rows: Problem[], fileName: string): Problem[] {
  return rows.filter((r) => r.file === fileName && /Perf Lens ?\(?(n-plus-one|unbounded-concurrency|quadratic-building)/.test(r.text));
}

/** `[Ln 9, Col 28]` at the end of a Problems row → { line, column }. */
export function problemPosition(p: Problem): { line: number; column: number } {
  const m = /\[Ln (\d+), Col (\d+)\]/.exec(p.text);
  if (!m) throw new Error(`no position in Problems row: ${p.text}`);
  return { line: Number(m[1]), column: Number(m[2]) };
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

/** Clicks a button of the notification toast whose text matches. */
export async function clickNotificationButton(page: Page, match: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: match }).first();
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/**
 * The frame of a webview whose page holds `selector`. A webview is an iframe (the host page) holding
 * another iframe (the extension's page), so it is found among all the page's frames, not by a locator.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const n = await frame.locator(selector).count().catch(() => 0);
      if (n > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame holds ${selector}; frames: ${JSON.stringify(page.frames().map((f) => f.url().slice(0, 120)))}`);
}

/** The cursor of the active editor as the status bar shows it ("Ln 2, Col 1"). */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const text = await page.locator('[id="status.editor.selection"]').first().innerText().catch(() => '');
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** Types an answer into the input box titled `title` (showInputBox) once it is open, and confirms it. */
export async function answerInputBox(page: Page, title: string, text: string): Promise<void> {
  await quickInput(page).locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * Texts of editor decorations drawn after lines (`after: { contentText }`): VS Code renders them as CSS
 * `content` in a generated stylesheet, not as DOM text, so they are read from the stylesheets.
 */
export async function afterLineDecorations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      for (const r of Array.from(rules)) {
        const m = /::after\s*\{[^}]*content:\s*"([^"]*)"/.exec(r.cssText);
        if (m) out.push(m[1]);
      }
    }
    return out;
  });
}

/** Reads a file of the workspace copy as it is on disk. */
export function readWorkspaceFile(session: EditorSession, rel: string): string {
  return fs.readFileSync(path.join(session.workspace, rel), 'utf8');
}

/** The extension host's log(s) in the user-data-dir (`logs/<session>/exthost<n>/remoteexthost.log` in code-server). */
export function extensionHostLog(session: EditorSession): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(remote)?exthost\.log$/i.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(session.userDataDir, 'logs'));
  return out.join('\n');
}

/** Polls the extension host log until `match` appears; returns the matching line. */
export async function waitForExtensionHostLog(session: EditorSession, match: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = extensionHostLog(session).split('\n').find((l) => match.test(l));
    if (line) return line;
    await session.page.waitForTimeout(250);
  }
  throw new Error(`extension host log never showed ${match}:\n${extensionHostLog(session).slice(-3000)}`);
}

/**
 * Activation time as the editor records it, from "Developer: Show Running Extensions": the row reads
 * "Activation: 12ms" (VS Code 1.100 shows codeLoadingTime + activateCallTime there).
 */
export async function runningExtensionActivation(page: Page, displayName: string): Promise<{ ms: number; text: string }> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ has: page.locator('.name', { hasText: displayName }) });
  await row.first().waitFor({ timeout: 15_000 });
  const time = row.first().locator('.activation-time');
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await time.innerText()).trim();
    const m = /Activation: (\d+)\s*ms/.exec(text);
    if (m) return { ms: Number(m[1]), text };
    await page.waitForTimeout(250);
  }
  throw new Error(`no activation time for ${displayName} in Running Extensions (shows "${text}")`);
}
