/**
 * The "Run benchmark" lenses of `*.bench.{js,mjs,cjs,ts,mts}` files (above each `bench(`, `bench.sizes(`
 * and `describe(`, plus one for the file), showing the last result once a benchmark has run; and the
 * budget diagnostics of the last run on the `bench(` lines. Both follow the shared results store. The
 * calls are found by the engine's TypeScript parse (loaded on the first request, never at activation);
 * trusted workspaces only, as running a benchmark runs the workspace's code.
 */
import * as vscode from 'vscode';
import type { BenchCall } from '../../core/bench/bench-calls';
import { loadEngine } from '../shared/engine-loader';
import { benchLenses } from './bench-lens-model';
import type { BenchResultsStore } from './bench-results-store';
import { budgetDiagnosticShapes } from './budget-diagnostic-shape';
import { budgetToDiagnostic } from '../shared/diagnostics';

export const BENCH_FILE = /\.bench\.(c|m)?(j|t)s$/i;
const MAX_TEXT_CHARS = 1_000_000;

/** Parses benchmark files once per document version. */
class BenchCallCache {
  private readonly parsed = new Map<string, { version: number; calls: BenchCall[] }>();
  private failed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async callsIn(doc: vscode.TextDocument): Promise<BenchCall[] | undefined> {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit?.version === doc.version) return hit.calls;
    try {
      const { engine } = await loadEngine((m) => this.log.warn(m));
      const calls = engine.bench.benchCallsInSource(doc.getText(), doc.fileName);
      this.parsed.set(key, { version: doc.version, calls });
      return calls;
    } catch (e) {
      if (!this.failed) this.log.warn(`no Run benchmark lenses: ${e instanceof Error ? e.message : String(e)}`);
      this.failed = true;
      return undefined;
    }
  }

  forget(doc: vscode.TextDocument): void {
    this.parsed.delete(doc.uri.toString());
  }
}

export class BenchCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  static readonly selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.bench.{js,mjs,cjs,ts,mts,cts}' }];

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly cache: BenchCallCache;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('perf-lens-bench');
  /** Files edited since their last run: their budget diagnostics stay cleared until the next run. */
  private readonly stale = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: BenchResultsStore,
    log: vscode.LogOutputChannel,
  ) {
    this.cache = new BenchCallCache(log);
    this.subscriptions = [
      this.changed,
      this.diagnostics,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.cache.forget(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !BENCH_FILE.test(e.document.fileName)) return;
        // The numbers were measured on the text before this edit.
        this.stale.add(e.document.uri.fsPath);
        this.diagnostics.delete(e.document.uri);
      }),
      store.onDidChange((e) => {
        for (const file of e.files) {
          this.stale.delete(file);
          void this.refreshDiagnostics(file);
        }
        this.changed.fire();
      }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file' || !BENCH_FILE.test(doc.fileName)) return [];
    if (doc.getText().length > MAX_TEXT_CHARS) return [];
    const calls = await this.cache.callsIn(doc);
    if (!calls || token.isCancellationRequested) return [];
    const file = doc.uri.fsPath;
    return benchLenses({ calls, results: this.store.resultsOf(file), scalingOf: (name) => this.store.scalingOf(file, name) }).map((spec) => {
      const args = spec.target.command === 'perfLens.runBenchmark' ? [{ uri: doc.uri, names: spec.target.names }] : [doc.uri];
      return new vscode.CodeLens(new vscode.Range(spec.line - 1, 0, spec.line - 1, 0), { title: spec.title, tooltip: spec.tooltip, command: spec.target.command, arguments: args });
    });
  }

  /** The budget diagnostics of a file from its last results, placed on the `bench(` lines of its current text. */
  private async refreshDiagnostics(file: string): Promise<void> {
    const uri = vscode.Uri.file(file);
    const violations = this.store.resultsOf(file).flatMap((r) => r.violations);
    if (violations.length === 0 || this.stale.has(file)) {
      this.diagnostics.delete(uri);
      return;
    }
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch {
      this.diagnostics.delete(uri);
      return;
    }
    const calls = (await this.cache.callsIn(doc)) ?? [];
    const lineText = (line: number) => (line >= 1 && line <= doc.lineCount ? doc.lineAt(line - 1).text : undefined);
    this.diagnostics.set(uri, budgetDiagnosticShapes(violations, calls, lineText).map(budgetToDiagnostic));
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}
