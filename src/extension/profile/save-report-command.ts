/**
 * "Save Profile as HTML Report…": a `.cpuprofile` (the one the explorer's menu was opened on, or picked in
 * an open dialog that starts at the newest in `.perf-lens/profiles`), then a save dialog, then the
 * self-contained report written by the engine (src/runner/report): the Hot Spots table and flame graph
 * in one HTML file that opens in any browser, offline. It reads files only, so it needs no Workspace Trust.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { say } from '../shared/say';
import { loadEngine } from '../shared/engine-loader';
import { defaultReportPath, newestProfile } from './report-files';
import { PROFILES_DIR } from '../../core/profile/profile-store-names';

function newestWorkspaceProfile(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  const folders = [...(activeFolder ? [activeFolder] : []), ...(vscode.workspace.workspaceFolders ?? [])];
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    const dir = path.join(folder.uri.fsPath, ...PROFILES_DIR);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    const entries = names.flatMap((name) => {
      try {
        return [{ name, mtimeMs: fs.statSync(path.join(dir, name)).mtimeMs }];
      } catch {
        return [];
      }
    });
    const newest = newestProfile(entries);
    if (newest) return vscode.Uri.file(path.join(dir, newest));
  }
  return undefined;
}

/** Resolves to the sentence shown to the user (tests read it), or 'cancelled'. */
export async function saveProfileReport(log: vscode.LogOutputChannel, target?: unknown): Promise<string> {
  let profile = target instanceof vscode.Uri && target.scheme === 'file' && target.fsPath.toLowerCase().endsWith('.cpuprofile') ? target : undefined;
  if (!profile) {
    const newest = newestWorkspaceProfile();
    const picked = await vscode.window.showOpenDialog({
      title: 'Save Profile as HTML Report: choose a CPU profile',
      openLabel: 'Choose Profile',
      canSelectMany: false,
      defaultUri: newest ?? vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: { 'CPU profiles': ['cpuprofile'] },
    });
    if (!picked?.[0]) return 'cancelled';
    profile = picked[0];
  }
  const out = await vscode.window.showSaveDialog({
    title: 'Save Profile as HTML Report',
    saveLabel: 'Save Report',
    defaultUri: vscode.Uri.file(defaultReportPath(profile.fsPath)),
    filters: { 'HTML report': ['html'] },
  });
  if (!out) return 'cancelled';
  if (out.scheme !== 'file') return say(`Perf Lens: the report can only be saved to a local file (not ${out.toString()}).`, 'error');

  const { engine } = await loadEngine((m) => log.warn(m));
  let written: { file: string; bytes: number };
  try {
    written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Perf Lens: writing the HTML report…' }, async () =>
      // The save dialog has asked about replacing an existing file.
      engine.profile.writeProfileReport({ profilePath: profile.fsPath, outFile: out.fsPath, overwrite: true, title: `Hot spots of ${path.basename(profile.fsPath)}` }),
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`saving the HTML report of ${profile.fsPath} failed: ${message}`);
    return say(`Perf Lens: the report was not saved: ${message}`, 'error');
  }
  log.info(`HTML report of ${profile.fsPath}: ${written.file} (${written.bytes} bytes)`);
  const summary = `Perf Lens: report saved to ${vscode.workspace.asRelativePath(written.file)} (${Math.max(1, Math.round(written.bytes / 1024))} KB).`;
  void vscode.window.showInformationMessage(summary, 'Open in Browser', 'Reveal File').then((choice) => {
    if (choice === 'Open in Browser') void vscode.env.openExternal(vscode.Uri.file(written.file));
    if (choice === 'Reveal File') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(written.file));
  });
  return summary;
}

