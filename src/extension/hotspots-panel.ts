/**
 * The Hot Spots panel (a webview): the functions of the last profile in a sortable table and its flame
 * graph (webview/hotspots/, bundled to dist/webview/hotspots.js). One panel, reused by the next profile.
 * It posts the data once the page says `ready` (again after a reload), and acts only on messages that
 * pass the allow-list of hotspots-messages.ts: `open` of a file the report names.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ToWebview } from '../protocol/hotspots';
import { hotspotsHtml } from './hotspots-html';
import { openableFiles, validateFromWebview } from './hotspots-messages';

type Show = Extract<ToWebview, { type: 'show' }>;

export class HotspotsPanel {
  static readonly viewType = 'perfLens.hotspots';
  private static current: HotspotsPanel | undefined;

  private data: Show;
  private allowed: Set<string>;
  private ready = false;
  /** Where files open: the editor group the profile was started from. */
  private sourceColumn: vscode.ViewColumn;

  /** Shows `data` in the panel, creating it beside the active editor the first time. */
  static show(extensionUri: vscode.Uri, data: Omit<Show, 'type'>): HotspotsPanel {
    const message: Show = { type: 'show', ...data };
    const sourceColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    if (HotspotsPanel.current) {
      HotspotsPanel.current.update(message, sourceColumn);
      HotspotsPanel.current.panel.reveal(undefined, false);
      return HotspotsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      HotspotsPanel.viewType,
      data.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] },
    );
    HotspotsPanel.current = new HotspotsPanel(panel, extensionUri, message, sourceColumn);
    return HotspotsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    data: Show,
    sourceColumn: vscode.ViewColumn,
  ) {
    this.data = data;
    this.allowed = openableFiles(data.report, data.flame);
    this.sourceColumn = sourceColumn;
    const webview = panel.webview;
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
    webview.html = hotspotsHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('hotspots.js'),
      styleUri: asset('hotspots.css'),
      title: data.title,
    });
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    panel.onDidDispose(() => {
      if (HotspotsPanel.current === this) HotspotsPanel.current = undefined;
    });
  }

  private update(data: Show, sourceColumn: vscode.ViewColumn): void {
    this.data = data;
    this.allowed = openableFiles(data.report, data.flame);
    this.sourceColumn = sourceColumn;
    this.panel.title = data.title;
    if (this.ready) void this.panel.webview.postMessage(data);
  }

  private onMessage(raw: unknown): void {
    const message = validateFromWebview(raw, this.allowed);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      void this.panel.webview.postMessage(this.data);
      return;
    }
    const pos = new vscode.Position(message.line - 1, message.column - 1);
    void vscode.window.showTextDocument(vscode.Uri.file(message.file), {
      viewColumn: this.sourceColumn,
      preserveFocus: message.preserveFocus === true,
      selection: new vscode.Range(pos, pos),
    }).then(
      (editor) => editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter),
      () => undefined,
    );
  }
}
