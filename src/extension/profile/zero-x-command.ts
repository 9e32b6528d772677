/**
 * "Profile Script with 0x": the project's own 0x (node_modules/.bin/0x, never shipped with Perf Lens) runs
 * a script; its samples open in the Hot Spots panel and its own flamegraph.html is one click away. The
 * command is enabled by a context key set at activation from a stat per workspace folder (no engine load).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { refuseUntrusted, say } from '../shared/say';
import { loadEngine } from '../shared/engine-loader';
import { HotspotsPanel } from './hotspots-panel';

export const HAS_0X_CONTEXT = 'perfLens.workspaceHas0x';
const SCRIPT = /\.(c|m)?js$/i;

function workspaceHas0x(): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some(
    (f) => f.uri.scheme === 'file' && ['0x', '0x.cmd'].some((b) => fs.existsSync(path.join(f.uri.fsPath, 'node_modules', '.bin', b))),
  );
}

/** Sets the context key now and whenever the workspace folders change; returns what to dispose. */
export function trackZeroXContext(): vscode.Disposable {
  const update = () => void vscode.commands.executeCommand('setContext', HAS_0X_CONTEXT, workspaceHas0x());
  update();
  return vscode.workspace.onDidChangeWorkspaceFolders(update);
}

async function pickScript(): Promise<vscode.Uri | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.uri.scheme === 'file' && SCRIPT.test(doc.fileName) && vscode.workspace.getWorkspaceFolder(doc.uri)) {
    if (doc.isDirty) await doc.save();
    return doc.uri;
  }
  const picked = await vscode.window.showOpenDialog({
    title: 'Script to profile with 0x',
    canSelectMany: false,
    filters: { JavaScript: ['js', 'cjs', 'mjs'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** Offers the tool's own page, opened by the system's browser (it is the user's own file). */
export function offerToolPage(summary: string, page: string | undefined, label: string): void {
  const actions = page ? [label] : [];
  void vscode.window.showInformationMessage(summary, ...actions).then(async (choice) => {
    if (choice !== label || !page) return;
    const opened = await vscode.env.openExternal(vscode.Uri.file(page));
    if (!opened) void vscode.window.showInformationMessage(`Perf Lens: open ${page} in a browser.`);
  });
}

/** Resolves to the sentence shown to the user (tests read it). */
export async function profileWith0x(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<string> {
  const refused = refuseUntrusted('profiling with 0x');
  if (refused) return refused;
  const script = await pickScript();
  if (!script) return 'cancelled';
  const folder = vscode.workspace.getWorkspaceFolder(script);
  if (!folder) return say('Perf Lens: the script must be inside an open workspace folder to be profiled with 0x.');
  const name = vscode.workspace.asRelativePath(script);

  const { engine } = await loadEngine((m) => log.warn(m));
  let run;
  try {
    run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Perf Lens: profiling ${name} with 0x…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        return engine.profile.profileWithZeroX({
          script: script.fsPath,
          cwd: folder.uri.fsPath,
          outDir: engine.profile.defaultZeroXDir(folder.uri.fsPath, script.fsPath),
          signal: controller.signal,
        });
      },
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'cancelled') return say('Perf Lens: profiling with 0x cancelled; the script was stopped.');
    const message = `Perf Lens: profiling ${name} with 0x failed: ${e instanceof Error ? e.message : String(e)}`;
    if (e instanceof engine.profile.ZeroXRunError && e.stderrTail) log.error(`${message}\n${e.stderrTail}`);
    return say(message, 'error');
  }
  const lookup = engine.profile.enclosingFunctionLookup();
  HotspotsPanel.show(extensionUri, {
    report: engine.profile.computeHotspots(run.profile, { enclosingFunction: lookup, limit: 1000 }),
    flame: engine.profile.buildFlame(run.profile, { enclosingFunction: lookup }),
    title: `Hot spots of ${name} (0x)`,
    partial: run.partial,
  });
  log.info(`profiled ${name} with 0x ${run.zeroXVersion}: ${run.profile.samples.length} samples; ${run.folder}`);
  const summary = `Perf Lens: profiled ${name} with 0x${run.partial ? ' (stopped at the time limit)' : ''}; its data is in ${vscode.workspace.asRelativePath(run.folder)}.`;
  offerToolPage(summary, run.flamegraphHtml, 'Open 0x flamegraph.html');
  return summary;
}
