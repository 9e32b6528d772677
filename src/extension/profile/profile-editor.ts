/**
 * The `.cpuprofile` custom editor (`perfLens.cpuprofile`): any CPU profile on disk in the Hot Spots view
 * (table and flame graph), read-only. The file is read and analysed in a worker thread
 * (engine.profile.analyzeProfileOffThread), so a 100 MB profile never blocks the extension host; a file that is
 * not a profile shows one sentence instead, and is never written to. Reading a profile runs nothing from
 * the workspace (the profiled scripts are only parsed, for the inlining correction), so it works in
 * Restricted Mode too.
 *
 * The editor is registered with `priority: "option"` (package.json): VS Code opens `.cpuprofile` files in
 * its own built-in profile viewer, and a second default would take that over, or make VS Code ask, on
 * every open. Ours is one step away instead: "Open in Perf Lens" in the Explorer, "Perf Lens: Open CPU
 * Profile…", or "Open With…" (where it can be made the default for the user's own setup).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadEngine } from '../shared/engine-loader';
import { HotspotsView, hotspotsWebviewOptions } from './hotspots-panel';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'perfLens.cpuprofile';

  static register(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(ProfileEditorProvider.viewType, new ProfileEditorProvider(extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    });
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel, token: vscode.CancellationToken): Promise<void> {
    panel.webview.options = hotspotsWebviewOptions(this.extensionUri);
    const title = `Hot spots of ${path.basename(document.uri.fsPath)}`;
    // Sources open beside the profile.
    const view = new HotspotsView(panel, this.extensionUri, title, vscode.ViewColumn.Beside);
    const controller = new AbortController();
    const cancel = () => controller.abort(new Error('closed'));
    token.onCancellationRequested(cancel);
    panel.onDidDispose(cancel);
    if (document.uri.scheme !== 'file') {
      view.showError(title, `Perf Lens: only profiles on this machine's disk can be opened (this one is a ${document.uri.scheme}: resource).`);
      return;
    }
    const file = document.uri.fsPath;
    try {
      const { engine } = await loadEngine((m) => this.log.warn(m));
      try {
        const started = Date.now();
        const analysis = await engine.profile.analyzeProfileOffThread(file, {}, controller.signal);
        this.log.info(`opened ${file}: ${analysis.all.sampleCount} samples, analysed in ${Date.now() - started} ms (worker thread)`);
        view.update({ report: analysis.all, flame: analysis.flame, title, partial: false });
      } catch (e) {
        if (controller.signal.aborted) return;
        const sentence = e instanceof engine.profile.ProfileReadError ? `Perf Lens: ${e.message}` : `Perf Lens: reading ${file} failed: ${e instanceof Error ? e.message : String(e)}`;
        this.log.warn(sentence);
        view.showError(title, sentence);
      }
    } catch (e) {
      view.showError(title, `Perf Lens: the engine did not load (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
}

/**
 * "Open in Perf Lens" (Explorer, with the file) and "Perf Lens: Open CPU Profile…" (asks for a file):
 * resolves to the file opened, undefined when none was picked.
 */
export async function openCpuProfile(arg: unknown): Promise<vscode.Uri | undefined> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Open CPU Profile in Perf Lens',
      canSelectMany: false,
      canSelectFolders: false,
      filters: { 'CPU profiles': ['cpuprofile'], 'All files': ['*'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    uri = picked?.[0];
  }
  if (!uri) return undefined;
  await vscode.commands.executeCommand('vscode.openWith', uri, ProfileEditorProvider.viewType);
  return uri;
}
