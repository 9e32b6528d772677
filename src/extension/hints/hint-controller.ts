/**
 * Keeps the Problems panel in step with open documents: lints on open, on edit (debounced), on save and
 * when settings change; clears on close. Holds the latest findings per document version so code actions
 * never re-lint. The engine is loaded on the first lint, after activation has returned.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/finding';
import type { LintConfig } from '../../core/lint/config';
import type { JsParseCache } from '../../core/lint/languages/js';
import { languageOf } from '../../core/lint/languages';
import { type EditorHintSettings, readHintSettings } from './hint-settings';
import { lintFileName } from './lint-target';
import { inSkippedFolder } from './scan-filter';
import { type LoadedEngine, loadEngine } from '../shared/engine-loader';
import { toDiagnostic } from '../shared/diagnostics';
import { RuntimeConfirmationStore } from './runtime-confirmation-store';
import { type RuntimeConfirmationSink, setRuntimeConfirmationSink } from './runtime-confirmations';
import type { RuntimeConfirmation } from '../../core/profile/runtime-confirmation';

interface CachedLint extends LintOutcome {
  version: number;
}

export interface LintOutcome {
  findings: Finding[];
  notes: { kind: 'skipped' | 'parse-error'; message: string }[];
}

export class HintController implements vscode.Disposable, RuntimeConfirmationSink {
  private readonly collection = vscode.languages.createDiagnosticCollection('perf-lens');
  private readonly cache = new Map<string, CachedLint>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Last notes logged per document, so an edit that changes nothing does not log the same note again. */
  private readonly loggedNotes = new Map<string, string>();
  /** Files whose diagnostics came from a workspace scan, not from an open editor. */
  private readonly scanned = new Set<string>();
  private readonly settingsByFolder = new Map<string, EditorHintSettings>();
  private readonly disposables: vscode.Disposable[] = [];
  private engineFailed = false;
  /** Open documents' previous JS/TS trees: a re-lint after an edit re-parses only around the edit. */
  private trees: JsParseCache | undefined;
  /** n-plus-one findings confirmed at runtime by the last Profile Function (runtime-confirmations.ts). */
  private readonly confirmations = new RuntimeConfirmationStore();

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly log: vscode.LogOutputChannel,
  ) {}

  /** Subscribes to document and settings events; lints already open documents on the next tick. */
  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      ws.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      ws.onDidChangeTextDocument((e) => {
        const doc = e.document;
        // Check the cheap things first: output channels (ours included) change constantly.
        if (e.contentChanges.length === 0 || !lintFileName(doc.fileName, doc.languageId, doc.uri.scheme)) return;
        this.schedule(doc, this.settingsFor(doc.uri).debounceMs);
      }),
      ws.onDidSaveTextDocument((doc) => {
        if (this.cache.get(doc.uri.toString())?.version !== doc.version) this.schedule(doc, 0);
      }),
      ws.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('perfLens.hints')) this.settingsChanged();
      }),
      ws.onDidChangeWorkspaceFolders(() => this.settingsByFolder.clear()),
      // A scanned file deleted or renamed in the editor must not leave its hints behind.
      ws.onDidDeleteFiles((e) => this.forgetUnder(e.files)),
      ws.onDidRenameFiles((e) => this.forgetUnder(e.files.map((f) => f.oldUri))),
    );
    setRuntimeConfirmationSink(this);
    this.disposables.push({ dispose: () => setRuntimeConfirmationSink(undefined) });
    // After activate() returns: the first lint loads the engine, which must not count as activation.
    setTimeout(() => this.lintOpenDocuments(), 0);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Settings for a document's workspace folder (they are resource-scoped), read once until they change. */
  settingsFor(uri: vscode.Uri): EditorHintSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let s = this.settingsByFolder.get(key);
    if (!s) {
      const cfg = vscode.workspace.getConfiguration('perfLens.hints', folder?.uri);
      s = readHintSettings((k) => cfg.get(k));
      for (const p of s.problems) this.log.warn(p);
      this.settingsByFolder.set(key, s);
    }
    return s;
  }

  /** Findings of the document's current version, or undefined if it has not been linted at this version. */
  findingsFor(doc: vscode.TextDocument): Finding[] | undefined {
    return this.outcomeFor(doc)?.findings;
  }

  /** Findings and notes of the document's current version, if it has been linted at this version. */
  outcomeFor(doc: vscode.TextDocument): LintOutcome | undefined {
    const c = this.cache.get(doc.uri.toString());
    return c && c.version === doc.version ? c : undefined;
  }

  /**
   * Lints a text (an open document's or a file's) with the engine; loads the engine on first use.
   * `documentKey` (an open document's URI) keeps its tree for the next, incremental, lint.
   */
  async lint(text: string, fileName: string, config: LintConfig, documentKey?: string): Promise<LintOutcome | undefined> {
    const loaded = await this.engine();
    if (!loaded) return undefined;
    try {
      const reuse = documentKey ? { cache: (this.trees ??= new loaded.engine.hints.JsParseCache()), key: documentKey } : undefined;
      return loaded.engine.hints.lintText(text, fileName, config, loaded.parsers, reuse);
    } catch (e) {
      // The engine promises not to throw for bad input; if a rule has a bug, say so once per file.
      this.log.error(`linting ${fileName} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }

  /** Publishes a scanned file's findings (a closed file; an open one keeps its own, fresher diagnostics). */
  publishScanned(uri: vscode.Uri, findings: Finding[]): void {
    const key = uri.toString();
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    this.scanned.add(key);
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, this.extensionUri)));
  }

  /** The last profile's runtime confirmations replace the previous ones; open documents show them at once. */
  setRuntimeConfirmations(confirmations: readonly RuntimeConfirmation[], textOf: (file: string) => string | undefined): void {
    const before = new Set(vscode.workspace.textDocuments.filter((d) => this.confirmations.has(d.uri.fsPath)).map((d) => d.uri.toString()));
    const files = new Set(this.confirmations.replace(confirmations, textOf));
    for (const doc of vscode.workspace.textDocuments) {
      const cached = this.outcomeFor(doc);
      if (!cached || (!files.has(doc.uri.fsPath) && !before.has(doc.uri.toString()))) continue;
      this.collection.set(doc.uri, this.diagnosticsOf(doc, cached.findings));
    }
  }

  /** Diagnostics of an open document's findings, with the runtime confirmation of those that have one. */
  private diagnosticsOf(doc: vscode.TextDocument, findings: Finding[]): vscode.Diagnostic[] {
    const text = this.confirmations.has(doc.uri.fsPath) ? doc.getText() : undefined;
    return findings.map((f) => toDiagnostic(f, this.extensionUri, text === undefined ? undefined : this.confirmations.noteFor(doc.uri.fsPath, text, f)));
  }

  relativePath(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  private async engine(): Promise<LoadedEngine | undefined> {
    if (this.engineFailed) return undefined;
    try {
      return await loadEngine((message) => this.log.error(message));
    } catch (e) {
      this.engineFailed = true;
      this.log.error(`the hint engine did not load, so no hints will show: ${(e as Error).message}`);
      return undefined;
    }
  }

  private lintOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!lintFileName(doc.fileName, doc.languageId, doc.uri.scheme)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintDocument(doc);
      }, delayMs),
    );
  }

  private async lintDocument(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    // The engine sees the workspace-relative path, so test-file conventions (`test/**/*.exs`) do not
    // trip over folders above the workspace.
    const rel = this.relativePath(doc.uri);
    const fileName = lintFileName(rel, doc.languageId, doc.uri.scheme);
    if (!fileName) return;
    const key = doc.uri.toString();
    const settings = this.settingsFor(doc.uri);
    if (!settings.enabled || !settings.selects(rel) || inSkippedFolder(rel)) {
      this.cache.delete(key);
      this.collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    const started = performance.now();
    const outcome = await this.lint(doc.getText(), fileName, settings.config, key);
    // A newer edit or a close arrived while the engine was loading: that one wins.
    if (!outcome || doc.isClosed || doc.version !== version) return;
    this.cache.set(key, { version, findings: outcome.findings, notes: outcome.notes });
    this.scanned.delete(key);
    this.collection.set(doc.uri, this.diagnosticsOf(doc, outcome.findings));
    this.logNotes(key, rel, outcome.notes);
    this.log.trace(
      `${rel}: ${outcome.findings.length} hints in ${(performance.now() - started).toFixed(1)} ms (${languageOf(fileName)})`,
    );
  }

  private logNotes(key: string, rel: string, notes: LintOutcome['notes']): void {
    const text = notes.map((n) => n.message).join('; ');
    if (text === (this.loggedNotes.get(key) ?? '')) return;
    this.loggedNotes.set(key, text);
    for (const n of notes) this.log.info(`${rel}: ${n.message}`);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.cache.delete(key);
    this.trees?.forget(key);
    this.loggedNotes.delete(key);
    this.collection.delete(uri);
  }

  /** Drops the diagnostics of these files, or of everything under them when they are folders. */
  private forgetUnder(uris: readonly vscode.Uri[]): void {
    const prefixes = uris.map((u) => u.toString());
    const gone: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const key = uri.toString();
      if (prefixes.some((p) => key === p || key.startsWith(`${p}/`))) gone.push(uri);
    });
    for (const uri of gone) {
      this.scanned.delete(uri.toString());
      this.forget(uri);
    }
  }

  private settingsChanged(): void {
    this.settingsByFolder.clear();
    this.cache.clear();
    this.loggedNotes.clear();
    if (this.scanned.size > 0) {
      // Their hints were computed with the old settings; a fresh scan brings them back.
      for (const key of this.scanned) this.collection.delete(vscode.Uri.parse(key));
      this.log.info(`settings changed: cleared the hints of ${this.scanned.size} scanned files; run the scan again to refresh them`);
      this.scanned.clear();
    }
    this.lintOpenDocuments();
  }
}
