/**
 * The Benchmarks side view (a WebviewView in its own activity-bar container; the page is
 * webview/benchmarks/, bundled to dist/webview/benchmarks.js). Lists the workspace's benchmark files,
 * runs all / one file / one benchmark through the engine's runner (each file in fresh processes; Cancel
 * aborts, which kills the process groups), keeps the last results, saves them as a baseline and compares
 * with a saved one. Runs nothing in Restricted Mode. Acts only on messages that pass benchmarks-messages.ts.
 */
import * as path from 'node:path';
import * as fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { KeptRun } from '../core/bench/panel-inputs';
import type { Environment } from '../core/bench/environment';
import type { BenchFileEntry, BenchViewState, FromWebview, ToWebview } from '../protocol/benchmarks';
import { baselineNameProblem } from '../core/bench/baseline';
import { environmentDifferences } from '../core/bench/environment';
import { loadEngine, type Engine } from './engine-loader';
import { benchKey, validateBenchMessage } from './benchmarks-messages';
import { benchmarksHtml } from './benchmarks-html';
import { openSourceAt } from './open-source';
import { trustGate } from './trust';

interface LastRun extends KeptRun {
  environment: Environment;
}

export class BenchmarksViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'perfLens.benchmarks';

  private view: vscode.WebviewView | undefined;
  private readonly state: BenchViewState = { blocked: null, files: [], baselines: [], compareWith: null, running: null, results: [], comparison: [], baselineResults: [], messages: [] };
  private last: LastRun | undefined;
  private abort: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
  }

  static register(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): vscode.Disposable {
    const provider = new BenchmarksViewProvider(extensionUri, log);
    return vscode.Disposable.from(provider, vscode.window.registerWebviewViewProvider(BenchmarksViewProvider.viewType, provider));
  }

  dispose(): void {
    this.abort?.abort();
    for (const d of this.disposables) d.dispose();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [root] };
    const asset = (file: string) => view.webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    view.webview.html = benchmarksHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('benchmarks.js'),
      styleUri: asset('benchmarks.css'),
      title: 'Benchmarks',
    });
    view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  private root(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  private post(): void {
    const message: ToWebview = { type: 'state', state: this.state };
    void this.view?.webview.postMessage(message);
  }

  private say(kind: 'error' | 'info', text: string): void {
    this.state.messages = [...this.state.messages, { kind, text }];
  }

  private async engine(): Promise<Engine> {
    return (await loadEngine((m) => this.log.warn(m))).engine;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = validateBenchMessage(raw, {
      files: new Set(this.state.files.map((f) => f.file)),
      benchmarks: new Set(this.state.results.map((r) => benchKey(r.file, r.name))),
      baselines: new Set(this.state.baselines),
    });
    if (!message) return;
    try {
      await this.act(message);
    } catch (e) {
      this.log.error(`Benchmarks: ${(e as Error).stack ?? String(e)}`);
      this.say('error', (e as Error).message);
      this.post();
    }
  }

  private async act(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'runAll':
        return this.run(this.state.files.map((f) => f.file), []);
      case 'runFile':
        return this.run([message.file], []);
      case 'runBenchmark':
        return this.run([message.file], [message.name]);
      case 'cancel':
        this.abort?.abort();
        return;
      case 'saveBaseline':
        return this.saveBaseline(message.name);
      case 'compareWith':
        return this.compareWith(message.name);
      case 'open': {
        const root = this.root();
        if (root) openSourceAt(path.join(root, message.file), message.line, 1, vscode.ViewColumn.One, false);
        return;
      }
    }
  }

  /** Re-reads the trust state, the benchmark files (with the names their source shows) and the saved baselines. */
  async refresh(): Promise<void> {
    const root = this.root();
    const gate = trustGate(vscode.workspace.isTrusted, 'Running benchmarks');
    this.state.blocked = !root ? 'Open a folder to find its benchmark files (*.bench.js, .mjs, .cjs, .ts, .mts).' : gate.allowed ? null : `${gate.message} Restricted Mode: use "Manage Workspace Trust" to trust this folder.`;
    this.state.messages = [];
    if (root && gate.allowed) {
      const engine = await this.engine();
      const found = await engine.discoverBenchFiles([], root);
      this.state.files = await Promise.all(
        found.map(async (f): Promise<BenchFileEntry> => ({ file: f.file, names: engine.benchNamesInSource(await fs.readFile(f.absolute, 'utf8').catch(() => '')) })),
      );
      try {
        this.state.baselines = (await engine.listBaselines(root)).map((b) => b.name);
      } catch (e) {
        this.state.baselines = [];
        this.say('error', (e as Error).message);
      }
      if (this.state.files.length === 0) this.say('info', 'No benchmark files (*.bench.js, .mjs, .cjs, .ts, .mts) were found in this folder.');
    } else {
      this.state.files = [];
      this.state.baselines = [];
    }
    this.post();
  }

  private settings(): { processes?: number; timeMs?: number; clock: 'wall' | 'cpu'; memory: boolean } {
    const cfg = vscode.workspace.getConfiguration('perfLens.bench');
    const processes = cfg.get<number | null>('processes', null);
    const timeMs = cfg.get<number | null>('timeMs', null);
    return { processes: processes ?? undefined, timeMs: timeMs ?? undefined, clock: cfg.get<string>('clock') === 'cpu' ? 'cpu' : 'wall', memory: cfg.get<boolean>('memory') === true };
  }

  private async run(files: string[], names: string[]): Promise<void> {
    const root = this.root();
    if (!root || this.state.running !== null) return;
    const gate = trustGate(vscode.workspace.isTrusted, 'Running benchmarks');
    if (!gate.allowed) {
      this.state.blocked = gate.message;
      return this.post();
    }
    const engine = await this.engine();
    const abort = new AbortController();
    this.abort = abort;
    this.state.running = 'Starting…';
    this.state.messages = [];
    this.post();
    try {
      const settings = this.settings();
      const environment = await engine.gatherEnvironment(root);
      // As the CLI does: the clock is part of what was measured, so a baseline of the other clock shows as "runtime differs".
      if (settings.clock === 'cpu') environment.runtime += ' (CPU time)';
      const selected = new Set(files);
      const benchFiles = (await engine.discoverBenchFiles([], root)).filter((f) => selected.has(f.file));
      const outcome = await engine.runBenchmarks({
        files: benchFiles,
        cwd: root,
        ...settings,
        names: names.length ? names : undefined,
        signal: abort.signal,
        onProgress: (p) => {
          this.state.running = `${p.file}: process ${p.process} of ${p.planned}`;
          this.post();
        },
      });
      for (const e of outcome.errors) this.say('error', e.message);
      // A partial run (one file or one benchmark) replaces only what it measured.
      const merged = engine.mergeRun(this.last, {
        results: outcome.results,
        files: benchFiles.map((f) => f.file),
        failedFiles: outcome.errors.map((e) => e.file),
        oneBenchmark: names.length > 0,
        all: names.length === 0 && files.length === this.state.files.length,
      });
      this.last = { ...merged, environment };
      await this.recompute(engine);
    } catch (e) {
      if (abort.signal.aborted) this.say('info', 'Cancelled: the benchmark processes were stopped; the previous results are kept.');
      else if (e instanceof engine.BenchOptionsError) this.say('error', e.message);
      else throw e;
    } finally {
      this.abort = undefined;
      this.state.running = null;
      this.post();
    }
  }

  /** Summaries of the last run and, with a baseline picked, the comparison. */
  private async recompute(engine: Engine): Promise<void> {
    const root = this.root();
    const last = this.last;
    this.state.results = last ? last.results.map(engine.summarizeBenchmark) : [];
    this.state.comparison = [];
    this.state.baselineResults = [];
    if (!root || !last || this.state.compareWith === null) return;
    try {
      const baseline = await engine.loadBaseline(root, this.state.compareWith);
      const comparable = engine.comparableBaseline(baseline.results, last);
      this.state.comparison = engine.compareBenchmarkRuns(last.results, comparable);
      this.state.baselineResults = comparable.map(engine.summarizeBenchmark);
      const differences = environmentDifferences(last.environment, baseline.environment);
      if (differences.length) this.say('info', `Baseline "${baseline.name}" was measured elsewhere: ${differences.join('; ')}.`);
    } catch (e) {
      if (!(e instanceof engine.BaselineStoreError)) throw e;
      this.say('error', e.message);
    }
  }

  private async compareWith(name: string | null): Promise<void> {
    this.state.compareWith = name;
    this.state.messages = [];
    await this.recompute(await this.engine());
    this.post();
  }

  private async saveBaseline(name: string): Promise<void> {
    const root = this.root();
    this.state.messages = [];
    const problem = baselineNameProblem(name);
    if (problem) this.say('error', `Not saved: ${problem}.`);
    else if (!root || !this.last || this.last.results.length === 0) this.say('error', 'Not saved: run the benchmarks first; a baseline keeps the results of the last run.');
    else if (this.last.failedFiles.length) this.say('error', `Not saved: ${this.last.failedFiles.length} benchmark file(s) failed in the last run.`);
    else {
      const engine = await this.engine();
      if (this.state.baselines.includes(name)) {
        const replace = 'Replace';
        const answer = await vscode.window.showWarningMessage(`A baseline named "${name}" is already saved. Replace it with the last run's results?`, { modal: true }, replace);
        if (answer !== replace) return;
      }
      try {
        const file = await engine.saveBaseline(root, engine.createBaseline(name, this.last.environment, this.last.results, new Date()));
        this.say('info', `Saved baseline "${name}" (${path.relative(root, file)}).`);
        this.state.baselines = (await engine.listBaselines(root)).map((b) => b.name);
      } catch (e) {
        if (!(e instanceof engine.BaselineStoreError)) throw e;
        this.say('error', `Not saved: ${e.message}`);
      }
    }
    this.post();
  }
}
