/**
 * The Compare Profiles panel (a webview): two runs' functions side by side with a verdict, and the
 * differential flame graph (webview/compare/, bundled to dist/webview/compare.js). One panel, reused by
 * the next comparison. It posts the data once the page says `ready` (again after a reload), and acts only
 * on messages that pass the allow-list of compare-messages.ts: `open` of a file the comparison names.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/compare';
import { compareHtml } from './compare-html';
import { openSourceAt } from '../shared/open-source';
import { openableFiles, validateFromWebview } from './compare-messages';

type Show = Extract<ToWebview, { type: 'show' }>;

export class ComparePanel {
  static readonly viewType = 'perfLens.compare';
  private static current: ComparePanel | undefined;

  private data: Show;
  private allowed: Set<string>;
  private ready = false;
  /** Where files open: the editor group that was active when the comparison was asked for. */
  private sourceColumn: vscode.ViewColumn;

  static show(extensionUri: vscode.Uri, data: Omit<Show, 'type'>): ComparePanel {
    const message: Show = { type: 'show', ...data };
    const sourceColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    if (ComparePanel.current) {
      ComparePanel.current.update(message, sourceColumn);
      ComparePanel.current.panel.reveal(undefined, false);
      return ComparePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      ComparePanel.viewType,
      data.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] },
    );
    ComparePanel.current = new ComparePanel(panel, extensionUri, message, sourceColumn);
    return ComparePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    data: Show,
    sourceColumn: vscode.ViewColumn,
  ) {
    this.data = data;
    this.allowed = openableFiles(data.functions, data.flame);
    this.sourceColumn = sourceColumn;
    const webview = panel.webview;
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
    webview.html = compareHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('compare.js'),
      styleUri: asset('compare.css'),
      title: data.title,
    });
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    panel.onDidDispose(() => {
      if (ComparePanel.current === this) ComparePanel.current = undefined;
    });
  }

  private update(data: Show, sourceColumn: vscode.ViewColumn): void {
    this.data = data;
    this.allowed = openableFiles(data.functions, data.flame);
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
    openSourceAt(message.file, message.line, message.column, this.sourceColumn, message.preserveFocus === true);
  }
}
