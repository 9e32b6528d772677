/**
 * The Benchmarks side view (a WebviewView in its own activity-bar container; the page is
 * webview/benchmarks/, bundled to dist/webview/benchmarks.js). Lists the workspace's benchmark files,
 * runs all / one file / one benchmark through the engine's runner (each file in fresh processes; Cancel
 * aborts, which kills the process groups), saves the results as a baseline and compares with a saved one.
 * The results live in the shared store (bench-results-store.ts): the view's runs update the lenses and budget
 * diagnostics, and a lens's run shows here. The history chart reads the saved baselines (never writes
 * them). Runs nothing in Restricted Mode. Acts only on messages that pass benchmarks-messages.ts.
 */
import * as path from 'node:path';
import * as fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { BenchFileEntry, BenchHistory, BenchViewState, FromWebview, ToWebview } from '../../protocol/benchmarks';
import { baselineNameProblem } from '../../core/bench/baseline';
import { benchmarkKey } from '../../core/bench/model';
import { benchmarkHistory, historyBenchmark, type BaselineDigest } from '../../core/bench/history';
import { loadEngine, type Engine } from '../shared/engine-loader';
import { benchKey, validateBenchMessage } from './benchmarks-messages';
import { benchmarksHtml } from './benchmarks-html';
import { openSourceAt } from '../shared/open-source';
import { trustGate } from '../shared/trust';
import type { BenchResultsStore, LastScaling } from './bench-results-store';
import { benchEntries } from './bench-entries';
import { budgetsFor } from './bench-commands';
import { budgetMessage } from './budget-diagnostic-shape';
import { readBenchSettings } from './bench-settings';

export class BenchmarksViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'perfLens.benchmarks';

  private view: vscode.WebviewView | undefined;
  private readonly state: BenchViewState = {
    blocked: null,
    files: [],
    baselines: [],
    compareWith: null,
    running: null,
    results: [],
    comparison: [],
    baselineResults: [],
    messages: [],
    scaling: [],
    violations: [],
    history: null,
    historySkipped: [],
  };
  /** The saved baselines reduced for the history chart (re-read on refresh and after a save). */
  private digests: BaselineDigest[] = [];
  /** benchmarkKey of the row picked for the history, or null (the default pick). */
  private picked: string | null = null;
  private abort: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly store: BenchResultsStore,
  ) {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      // A lens's or a command's run (the view's own runs are shown when they end).
      store.onDidChange((e) => {
        if (e.source !== 'view' && this.view) void this.engine().then((engine) => this.recompute(engine)).then(() => this.post(), (err) => this.log.error(`Benchmarks: ${String(err)}`));
      }),
    );
  }

  static register(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, store: BenchResultsStore): vscode.Disposable {
    const provider = new BenchmarksViewProvider(extensionUri, log, store);
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
      rows: new Set([...this.state.results, ...this.state.comparison].map(benchmarkKey)),
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
      case 'select':
        this.picked = benchmarkKey(message);
        this.state.history = this.history();
        return this.post();
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
      const found = await engine.bench.discoverBenchFiles([], root);
      this.state.files = await Promise.all(
        found.map(async (f): Promise<BenchFileEntry> => ({ file: f.file, names: engine.bench.benchNamesInSource(await fs.readFile(f.absolute, 'utf8').catch(() => '')) })),
      );
      await this.readBaselines(engine, root);
      if (this.state.files.length === 0) this.say('info', 'No benchmark files (*.bench.js, .mjs, .cjs, .ts, .mts) were found in this folder.');
      await this.recompute(engine);
    } else {
      this.state.files = [];
      this.state.baselines = [];
      this.digests = [];
      this.state.historySkipped = [];
      this.state.history = null;
    }
    this.post();
  }

  /**
   * The saved baselines' names, and the history's digests of the newest HISTORY_CAP files (through the
   * runner's store: read only). A file the store refuses (corrupt, newer version) is left out with its sentence.
   */
  private async readBaselines(engine: Engine, root: string): Promise<void> {
    try {
      const history = await engine.bench.readBaselineHistory(root);
      this.state.baselines = history.names;
      this.digests = history.digests;
      this.state.historySkipped = history.skipped;
    } catch (e) {
      if (!(e instanceof engine.bench.BaselineStoreError)) throw e;
      this.state.baselines = [];
      this.digests = [];
      this.state.historySkipped = [];
      this.say('error', e.message);
    }
  }

  /** The picked (or default) benchmark's means in the saved baselines, then in the current results. */
  private history(): BenchHistory | null {
    const key = historyBenchmark(this.picked, this.state.results, this.state.comparison);
    if (key === null) return null;
    const row = [...this.state.results, ...this.state.comparison].find((r) => benchmarkKey(r) === key)!;
    const current = this.state.results.find((r) => benchmarkKey(r) === key);
    return { benchmark: ref(row), points: benchmarkHistory(this.digests, key, current ? { mean: current.mean, ci95: current.ci95 } : null) };
  }

  private settings() {
    const cfg = vscode.workspace.getConfiguration('perfLens.bench');
    const settings = readBenchSettings((k) => cfg.get(k));
    for (const p of settings.problems) this.log.warn(p);
    return settings;
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
      const selected = new Set(files);
      const benchFiles = (await engine.bench.discoverBenchFiles([], root)).filter((f) => selected.has(f.file));
      const budgets = budgetsFor(engine, root, settings.budgets, this.log).budgets;
      const session = await engine.bench.runBenchSession(
        {
          files: benchFiles,
          cwd: root,
          processes: settings.processes,
          timeMs: settings.timeMs,
          clock: settings.clock,
          // A memory budget is checked only if memory is measured (the session turns it on).
          memory: settings.memory,
          budgets,
          names: names.length ? names : undefined,
          // The lenses say "than '<baseline>'": the one compared with here (an unreadable one: recompute says
          // why), else (as a lens's run) the newest.
          compareWith: this.state.compareWith === null ? { newest: true } : { name: this.state.compareWith },
        },
        {
          signal: abort.signal,
          onProgress: (p) => {
            this.state.running = `${p.file}: process ${p.process} of ${p.planned}`;
            this.post();
          },
          log: { warn: (m) => this.log.warn(`benchmarks: ${m}`) },
        },
      );
      for (const e of session.errors) this.say('error', e.message);
      const ranFiles = new Set(benchFiles.map((f) => f.file));
      const scaling: LastScaling[] = session.scaling.map((sc) => ({ absoluteFile: path.resolve(root, sc.file), name: sc.name, fit: sc.fit }));
      const baselineName = session.compared?.kind === 'baseline' ? session.compared.name : undefined;
      // A partial run (one file or one benchmark) replaces only what it measured; the store keeps the rest.
      this.store.record(
        new Map(benchFiles.map((f) => [f.absolute, names.length ? names : null])),
        benchEntries({ root, results: session.results, summaries: session.summaries, comparisons: session.comparison, baselineName, violations: session.violations, ranAt: new Date() }),
        scaling,
        [{ root, environment: session.environment, files: [...ranFiles], failedFiles: session.errors.map((e) => e.file), oneBenchmark: names.length > 0, all: names.length === 0 && files.length === this.state.files.length }],
        'view',
      );
      await this.recompute(engine);
    } catch (e) {
      if (abort.signal.aborted) this.say('info', 'Cancelled: the benchmark processes were stopped; the previous results are kept.');
      else if (e instanceof engine.bench.BenchOptionsError) this.say('error', e.message);
      else throw e;
    } finally {
      this.abort = undefined;
      this.state.running = null;
      this.post();
    }
  }

  /** From the shared store: the folder's results, their budget violations and scaling; with a baseline picked, the comparison; the history. */
  private async recompute(engine: Engine): Promise<void> {
    const root = this.root();
    const last = root ? this.store.keptRun(root) : undefined;
    const entries = root ? this.store.resultsIn(root) : [];
    this.state.results = entries.map((e) => e.summary);
    this.state.violations = entries.flatMap((e) => e.violations.map((v) => ({ ...ref(v), text: budgetMessage(v) })));
    this.state.scaling = last ? engine.bench.scalingOf(last.results).map((sc) => ({ file: sc.file, name: sc.name, exponent: sc.fit.exponent, ci95: sc.fit.ci95 })) : [];
    this.state.comparison = [];
    this.state.baselineResults = [];
    try {
      await this.compare(engine, root, last);
    } finally {
      this.state.history = this.history();
    }
  }

  private async compare(engine: Engine, root: string | undefined, last: ReturnType<BenchResultsStore['keptRun']>): Promise<void> {
    if (!root || !last || this.state.compareWith === null) return;
    try {
      const baseline = await engine.bench.loadBaseline(root, this.state.compareWith);
      // The kept results may come from several runs: a benchmark measured in a file not run whole is comparable too.
      const { comparison, baselineResults, notes } = engine.bench.compareWithBaseline(last, baseline, { files: last.wholeFiles, measured: last.results });
      this.state.comparison = comparison;
      this.state.baselineResults = baselineResults.map(engine.bench.summarize);
      if (notes.length) this.say('info', `Against baseline "${baseline.name}": ${notes.join('; ')}.`);
    } catch (e) {
      if (!(e instanceof engine.bench.BaselineStoreError)) throw e;
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
    const last = root ? this.store.keptRun(root) : undefined;
    if (problem) this.say('error', `Not saved: ${problem}.`);
    else if (!root || !last || last.results.length === 0) this.say('error', 'Not saved: run the benchmarks first; a baseline keeps the results of the last run.');
    else if (last.failedFiles.length) this.say('error', `Not saved: ${last.failedFiles.length} benchmark file(s) failed in the last run.`);
    else {
      const engine = await this.engine();
      if (this.state.baselines.includes(name)) {
        const replace = 'Replace';
        const answer = await vscode.window.showWarningMessage(`A baseline named "${name}" is already saved. Replace it with the last run's results?`, { modal: true }, replace);
        if (answer !== replace) return;
      }
      try {
        const file = await engine.bench.saveBaseline(root, engine.bench.createBaseline(name, last.environment, last.results, new Date()));
        this.say('info', `Saved baseline "${name}" (${path.relative(root, file)}).`);
        await this.readBaselines(engine, root);
        this.state.history = this.history();
      } catch (e) {
        if (!(e instanceof engine.bench.BaselineStoreError)) throw e;
        this.say('error', `Not saved: ${e.message}`);
      }
    }
    this.post();
  }
}

const ref = (r: { file: string; name: string; size?: number }) => (r.size === undefined ? { file: r.file, name: r.name } : { file: r.file, name: r.name, size: r.size });
