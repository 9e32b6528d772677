/**
 * The Hot Spots view (a webview): the functions of a profile in a sortable table and its flame graph
 * (webview/hotspots/, bundled to dist/webview/hotspots.js). `HotspotsView` binds the page and its
 * messages to any webview panel: the panel of the last Profile Function run (`HotspotsPanel`, one, reused
 * by the next profile) and the `.cpuprofile` custom editor (profile-editor.ts). It posts the data once the
 * page says `ready` (again after a reload), and acts only on messages that pass the allow-list of
 * hotspots-messages.ts: `open` of a file the report names.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/hotspots';
import { hotspotsErrorHtml, hotspotsHtml } from './hotspots-html';
import { openSourceAt } from '../shared/open-source';
import { openableFiles, validateFromWebview } from './hotspots-messages';

export type HotspotsData = Omit<Extract<ToWebview, { type: 'show' }>, 'type'>;
type Show = Extract<ToWebview, { type: 'show' }>;

/** The webview options the view needs: scripts on, resources only from dist/webview. */
export function hotspotsWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

export class HotspotsView {
  private data: Show | undefined;
  private allowed = new Set<string>();
  private ready = false;
  private readonly subscription: vscode.Disposable;

  /**
   * `sourceColumn`: where files open. Without `data` the page waits (empty) until `update` or `showError`.
   */
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    title: string,
    private sourceColumn: vscode.ViewColumn,
  ) {
    this.render(title);
    this.subscription = panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    panel.onDidDispose(() => this.subscription.dispose());
  }

  update(data: HotspotsData, sourceColumn = this.sourceColumn): void {
    const message: Show = { type: 'show', ...data };
    this.data = message;
    this.allowed = openableFiles(data.report, data.flame);
    this.sourceColumn = sourceColumn;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Replaces the page by one sentence (a profile that cannot be read); the view acts on nothing after. */
  showError(title: string, message: string): void {
    this.data = undefined;
    this.allowed = new Set();
    this.ready = false;
    const webview = this.panel.webview;
    webview.html = hotspotsErrorHtml({ cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), styleUri: this.asset('hotspots.css'), title, message });
  }

  private asset(file: string): string {
    return this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', file)).toString();
  }

  private render(title: string): void {
    const webview = this.panel.webview;
    webview.html = hotspotsHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: this.asset('hotspots.js'),
      styleUri: this.asset('hotspots.css'),
      title,
    });
  }

  private onMessage(raw: unknown): void {
    const message = validateFromWebview(raw, this.allowed);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      if (this.data) void this.panel.webview.postMessage(this.data);
      return;
    }
    openSourceAt(message.file, message.line, message.column, this.sourceColumn, message.preserveFocus === true);
  }
}

/** The panel of the last Profile Function run: one, reused by the next profile. */
export class HotspotsPanel {
  static readonly viewType = 'perfLens.hotspots';
  private static current: HotspotsPanel | undefined;

  /** Shows `data` in the panel, creating it beside the active editor the first time. */
  static show(extensionUri: vscode.Uri, data: HotspotsData): HotspotsPanel {
    // Files open in the editor group the profile was started from.
    const sourceColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    if (HotspotsPanel.current) {
      HotspotsPanel.current.view.update(data, sourceColumn);
      HotspotsPanel.current.panel.title = data.title;
      HotspotsPanel.current.panel.reveal(undefined, false);
      return HotspotsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(HotspotsPanel.viewType, data.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, hotspotsWebviewOptions(extensionUri));
    const view = new HotspotsView(panel, extensionUri, data.title, sourceColumn);
    view.update(data);
    HotspotsPanel.current = new HotspotsPanel(panel, view);
    return HotspotsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly view: HotspotsView,
  ) {
    panel.onDidDispose(() => {
      if (HotspotsPanel.current === this) HotspotsPanel.current = undefined;
    });
  }
}
