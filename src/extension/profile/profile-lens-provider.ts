/**
 * The "Profile" CodeLens above each function the profiler can call, and the last profile's self/total
 * time above every function of the profiled files that had samples. Cheap to register: the engine (and
 * the TypeScript compiler in it) loads on the first request for a visible JS/TS editor, never at
 * activation. Only in a trusted workspace (profiling runs the workspace's code; there is no last profile
 * in Restricted Mode either), and only while `perfLens.profile.codeLens` is on.
 */
import * as vscode from 'vscode';
import type { Hotspot } from '../../core/profile/hotspots';
import type { CallableFunction } from '../../core/profile/callable-functions';
import { loadEngine } from '../shared/engine-loader';
import { profileLenses } from './profile-lens-model';
import { PROFILABLE_FILE } from './profile-function-model';

/** Bigger documents (bundles, generated code) get no lenses: parsing them on every edit is not worth it. */
const MAX_TEXT_CHARS = 1_000_000;
const SETTING = 'perfLens.profile.codeLens';

export class ProfileCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  static readonly selector: vscode.DocumentSelector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ scheme: 'file', language }));

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private hotspots: readonly Hotspot[] = [];
  /** Callable functions per document version, so scrolling and re-requests do not parse again. */
  private readonly parsed = new Map<string, { version: number; callable: CallableFunction[] }>();
  private readonly subscriptions: vscode.Disposable[];
  private failed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.parsed.delete(doc.uri.toString())),
    ];
  }

  /** The hot spots of the last profile (the user's code, every function): their times go on the lenses. */
  setLastProfile(hotspots: readonly Hotspot[]): void {
    this.hotspots = hotspots;
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file' || !PROFILABLE_FILE.test(doc.fileName)) return [];
    if (!vscode.workspace.getConfiguration('perfLens.profile', doc.uri).get<boolean>('codeLens', true)) return [];
    if (doc.getText().length > MAX_TEXT_CHARS) return [];
    const callable = await this.callableIn(doc);
    if (!callable || token.isCancellationRequested) return [];
    const lineText = (line: number) => (line >= 1 && line <= doc.lineCount ? doc.lineAt(line - 1).text : undefined);
    return profileLenses({ uri: doc.uri.toString(), file: doc.uri.fsPath, callable, hotspots: this.hotspots, lineText }).map((spec) => {
      const at = new vscode.Range(spec.line - 1, 0, spec.line - 1, 0);
      return new vscode.CodeLens(at, {
        title: spec.title,
        tooltip: spec.tooltip,
        // A lens without a command is drawn as plain text.
        command: spec.target ? 'perfLens.profileFunction' : '',
        arguments: spec.target ? [spec.target] : undefined,
      });
    });
  }

  private async callableIn(doc: vscode.TextDocument): Promise<CallableFunction[] | undefined> {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit?.version === doc.version) return hit.callable;
    try {
      const { engine } = await loadEngine((m) => this.log.warn(m));
      const callable = engine.profile.callableFunctions(doc.getText(), doc.fileName);
      this.parsed.set(key, { version: doc.version, callable });
      return callable;
    } catch (e) {
      // Said once: the editor asks again on every edit and scroll.
      if (!this.failed) this.log.warn(`no Profile lenses: ${e instanceof Error ? e.message : String(e)}`);
      this.failed = true;
      return undefined;
    }
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.parsed.clear();
  }
}
