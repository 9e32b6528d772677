/**
 * "Perf Lens: Scan Workspace for Performance Hints": lists the workspace's JS/TS/Elixir files, lints each
 * (yielding to the extension host between files), publishes diagnostics and shows a one-line summary.
 *
 * File selection: `findFiles` applies `files.exclude` (we pass an exclude glob, not null) and our exclude
 * glob keeps the search out of node_modules/_build/deps/dist/.git. The stable API (1.100) cannot apply
 * `.gitignore` (`findFiles2` with `useIgnoreFiles` is still proposed), so the scan reads the workspace's
 * .gitignore files and applies them itself, together with `search.exclude` and perfLens.hints include/exclude.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { HintController } from './hint-controller';
import { enabledGlobs, scanFilter, scanGlobs } from './scan-filter';
import type { EditorHintSettings } from './hint-settings';
import { type ScanTally, scanSummary } from './scan-summary';

/** Longest stretch of linting before giving the extension host's event loop a turn. */
const SLICE_MS = 15;

interface PlannedFile {
  uri: vscode.Uri;
  /** Relative to its workspace folder: what the engine sees (test-file conventions apply to it). */
  rel: string;
  /** What the log shows: prefixed with the folder's name in a multi-root workspace. */
  label: string;
  settings: EditorHintSettings;
}

let running = false;

/** Runs the scan; resolves to the summary line (undefined when there was nothing to scan or a scan was running). */
export async function scanWorkspace(hints: HintController): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Perf Lens: open a folder to scan it for performance hints.');
    return undefined;
  }
  if (running) {
    void vscode.window.showInformationMessage('Perf Lens: a workspace scan is already running.');
    return undefined;
  }
  running = true;
  try {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Perf Lens: scanning for performance hints', cancellable: true },
      (progress, token) => runScan(hints, folders, progress, token),
    );
    hints.log.info(summary);
    void vscode.window.showInformationMessage(summary, 'Show Problems', 'Show Log').then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (choice === 'Show Log') hints.log.show(true);
    });
    return summary;
  } finally {
    running = false;
  }
}

async function runScan(
  hints: HintController,
  folders: readonly vscode.WorkspaceFolder[],
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<string> {
  const started = performance.now();
  progress.report({ message: 'finding files…' });
  const plan = await planFiles(hints, folders, token);
  const tally: ScanTally = { files: 0, hints: 0, filesWithHints: 0, skipped: 0, parseErrors: 0 };
  let slice = performance.now();
  let lastReport = 0;
  let reported = 0;
  for (const file of plan) {
    if (token.isCancellationRequested) {
      tally.cancelledOf = plan.length;
      break;
    }
    await lintFile(hints, file, tally);
    tally.files++;
    const now = performance.now();
    if (now - lastReport > 100) {
      progress.report({ message: `${tally.files}/${plan.length} ${file.label}`, increment: ((tally.files - reported) * 100) / plan.length });
      reported = tally.files;
      lastReport = now;
    }
    if (now - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  hints.log.info(`scan: ${tally.files} files in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return scanSummary(tally);
}

async function planFiles(
  hints: HintController,
  folders: readonly vscode.WorkspaceFolder[],
  token: vscode.CancellationToken,
): Promise<PlannedFile[]> {
  const { include, exclude } = scanGlobs();
  const plan: PlannedFile[] = [];
  for (const folder of folders) {
    const settings = hints.settingsFor(folder.uri);
    if (!settings.enabled) {
      hints.log.info(`scan: ${folder.name} skipped (perfLens.hints.enabled is false)`);
      continue;
    }
    const [uris, gitignores] = await Promise.all([
      vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), exclude, undefined, token),
      readGitignores(hints, folder, exclude, token),
    ]);
    const searchExclude = enabledGlobs(vscode.workspace.getConfiguration('search', folder.uri).get('exclude'));
    const keep = scanFilter({ selects: settings.selects, searchExclude, gitignores });
    for (const uri of uris) {
      const rel = path.posix.relative(folder.uri.path, uri.path);
      if (keep(rel)) plan.push({ uri, rel, label: folders.length > 1 ? `${folder.name}/${rel}` : rel, settings });
    }
  }
  return plan.sort((a, b) => a.label.localeCompare(b.label));
}

async function readGitignores(
  hints: HintController,
  folder: vscode.WorkspaceFolder,
  exclude: string,
  token: vscode.CancellationToken,
): Promise<{ dir: string; content: string }[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), exclude, undefined, token);
  const out: { dir: string; content: string }[] = [];
  for (const uri of uris) {
    try {
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      out.push({ dir: path.posix.dirname(path.posix.relative(folder.uri.path, uri.path)), content });
    } catch (e) {
      hints.log.warn(`scan: could not read ${uri.fsPath}: ${(e as Error).message}`);
    }
  }
  return out;
}

async function lintFile(hints: HintController, file: PlannedFile, tally: ScanTally): Promise<void> {
  const { uri, rel, label, settings } = file;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  try {
    if (open) {
      text = open.getText();
    } else {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > settings.config.maxFileBytes) {
        // Not even read: the engine would skip it anyway.
        tally.skipped++;
        hints.log.info(`${label}: skipped: ${(stat.size / 1e6).toFixed(1)} MB is above the limit (perfLens.hints.maxFileSizeKb)`);
        return;
      }
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
  } catch (e) {
    tally.skipped++;
    hints.log.warn(`${label}: skipped: could not read it (${(e as Error).message})`);
    return;
  }
  // An open document is linted live already; reuse its findings when they are current.
  const outcome = (open && hints.outcomeFor(open)) || (await hints.lint(text, rel, settings.config));
  if (!outcome) {
    tally.skipped++;
    return;
  }
  for (const note of outcome.notes) {
    if (note.kind === 'skipped') tally.skipped++;
    else tally.parseErrors++;
    hints.log.info(`${label}: ${note.message}`);
  }
  tally.hints += outcome.findings.length;
  if (outcome.findings.length > 0) tally.filesWithHints++;
  if (!open) hints.publishScanned(uri, outcome.findings);
}
