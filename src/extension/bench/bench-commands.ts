/**
 * "Run Benchmarks" (`perfLens.runBenchmarks`: every benchmark file of the workspace),
 * `perfLens.runBenchmarkFile` (one file: a Uri, default the active editor) and `perfLens.runBenchmark`
 * (`{ uri, name }` or `{ uri, names }`: benchmarks of a file by full name — what the lenses and, later,
 * the Benchmarks panel call). Trust first (benchmarks run the workspace's code); then, under a
 * cancellable progress notification and with `perfLens.bench.processes` / `timeMs`, the runner's
 * benchmark session (src/runner/bench/session.ts: statistics, the comparison with the newest saved
 * baseline, the budgets); then the shared results store (bench-results-store.ts, which the lenses, the budget
 * diagnostics and the Benchmarks view follow), the Perf Lens log and a summary. The view's own runs share
 * `budgetsFor`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { benchmarkLabel } from '../../core/bench/model';
import { formatScaling } from '../../core/bench/scaling';
import { plural } from '../../core/format/numbers';
import type { Budget } from '../../core/bench/budgets';
import { refuseUntrusted } from '../shared/say';
import { type Engine, loadEngine } from '../shared/engine-loader';
import type { BenchResultsStore, FolderRun, LastBenchResult, LastScaling } from './bench-results-store';
import { benchEntries } from './bench-entries';
import { formatResult } from './bench-lens-model';
import { budgetMessage } from './budget-diagnostic-shape';
import { readBenchSettings } from './bench-settings';

const BENCH_FILE = /\.bench\.(c|m)?(j|t)s$/i;

export interface BenchRunContext {
  store: BenchResultsStore;
  log: vscode.LogOutputChannel;
}

/** What a run ended with: the sentence shown (also returned, so tests and the panel can read it). */
export interface BenchRunReport {
  message: string;
  results: number;
  violations: number;
  errors: number;
}

type Scope = { kind: 'all' } | { kind: 'file'; uri: vscode.Uri } | { kind: 'names'; uri: vscode.Uri; names: string[] };

function say(message: string, kind: 'info' | 'warning' | 'error' = 'info'): BenchRunReport {
  void (kind === 'error' ? vscode.window.showErrorMessage(message) : kind === 'warning' ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
  return { message, results: 0, violations: 0, errors: kind === 'error' ? 1 : 0 };
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/** The file of `perfLens.runBenchmarkFile`: the argument (a Uri or a path), else the active editor's file. */
export function runBenchmarkFileCommand(ctx: BenchRunContext, arg?: unknown): Promise<BenchRunReport> {
  const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file' || !BENCH_FILE.test(uri.fsPath)) return Promise.resolve(say('Perf Lens: open a benchmark file (*.bench.js, .mjs, .cjs, .ts, .mts) to run it.'));
  return runScope(ctx, { kind: 'file', uri });
}

/** `{ uri, name }` or `{ uri, names }` (full names, "suite > bench"). */
export function runBenchmarkCommand(ctx: BenchRunContext, arg?: unknown): Promise<BenchRunReport> {
  const a = (typeof arg === 'object' && arg !== null ? arg : {}) as { uri?: unknown; name?: unknown; names?: unknown };
  const uri = toUri(a.uri);
  const names = typeof a.name === 'string' ? [a.name] : Array.isArray(a.names) && a.names.every((n) => typeof n === 'string') ? (a.names as string[]) : [];
  if (!uri || uri.scheme !== 'file' || !BENCH_FILE.test(uri.fsPath) || names.length === 0) {
    return Promise.resolve(say('Perf Lens: perfLens.runBenchmark needs { uri, name }: a benchmark file and the full name of one of its benchmarks.', 'error'));
  }
  return runScope(ctx, { kind: 'names', uri, names });
}

export function runBenchmarksCommand(ctx: BenchRunContext): Promise<BenchRunReport> {
  return runScope(ctx, { kind: 'all' });
}

interface FolderPlan {
  folder: vscode.WorkspaceFolder;
  files: Array<{ absolute: string; file: string }>;
}

async function plan(engine: Engine, scope: Scope): Promise<FolderPlan[] | string> {
  if (scope.kind === 'all') {
    const out: FolderPlan[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const files = await engine.bench.discoverBenchFiles([], folder.uri.fsPath);
      if (files.length) out.push({ folder, files });
    }
    return out.length ? out : 'Perf Lens: no benchmark files (*.bench.js, .mjs, .cjs, .ts, .mts) were found in this workspace.';
  }
  const folder = vscode.workspace.getWorkspaceFolder(scope.uri);
  if (!folder) return 'Perf Lens: the benchmark file must be inside an open workspace folder to be run.';
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === scope.uri.toString());
  if (doc?.isDirty) await doc.save();
  const file = path.relative(folder.uri.fsPath, scope.uri.fsPath).split(path.sep).join('/');
  return [{ folder, files: [{ absolute: scope.uri.fsPath, file }] }];
}

/** The budgets of a folder: the setting, else perf-lens.config.json / package.json; unreadable ones are logged and none apply. */
export function budgetsFor(engine: Engine, root: string, fromSetting: Budget[] | undefined, log: Pick<vscode.LogOutputChannel, 'warn'>): { budgets: Budget[]; source: string | null } {
  if (fromSetting) return { budgets: fromSetting, source: 'the setting perfLens.bench.budgets' };
  try {
    return engine.bench.loadBudgetConfig(root);
  } catch (e) {
    log.warn(`benchmarks: budgets not checked: ${(e as Error).message}`);
    return { budgets: [], source: null };
  }
}

async function runScope(ctx: BenchRunContext, scope: Scope): Promise<BenchRunReport> {
  const refused = refuseUntrusted('Running benchmarks');
  if (refused) return { message: refused, results: 0, violations: 0, errors: 0 };
  const { log, store } = ctx;
  let engine: Engine;
  try {
    engine = (await loadEngine((m) => log.warn(m))).engine;
  } catch (e) {
    return say(`Perf Lens: the benchmark engine did not load: ${(e as Error).message}`, 'error');
  }
  const planned = await plan(engine, scope);
  if (typeof planned === 'string') return say(planned);

  const names = scope.kind === 'names' ? scope.names : undefined;
  const what = scope.kind === 'names' ? (names!.length === 1 ? `"${names![0]}"` : `${names!.length} benchmarks`) : scope.kind === 'file' ? path.basename(scope.uri.fsPath) : 'the workspace\'s benchmarks';
  const settingsOf = (folder: vscode.WorkspaceFolder) => {
    const config = vscode.workspace.getConfiguration('perfLens.bench', folder.uri);
    const s = readBenchSettings((k) => config.get(k));
    for (const p of s.problems) log.warn(p);
    return s;
  };

  const recorded: LastBenchResult[] = [];
  const scaling: LastScaling[] = [];
  const folderRuns: FolderRun[] = [];
  const ran = new Map<string, readonly string[] | null>();
  const errors: string[] = [];
  const lines: string[] = [];
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Perf Lens: benchmarking ${what}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        for (const { folder, files } of planned) {
          const root = folder.uri.fsPath;
          const settings = settingsOf(folder);
          const budgets = budgetsFor(engine, root, settings.budgets, log);
          const session = await engine.bench.runBenchSession(
            {
              files,
              cwd: root,
              processes: settings.processes,
              timeMs: settings.timeMs,
              memory: settings.memory,
              budgets: budgets.budgets,
              clock: settings.clock,
              names,
              compareWith: { newest: true },
            },
            {
              signal: controller.signal,
              onProgress: (p) => progress.report({ message: `${p.file}: process ${p.process} of ${p.planned}` }),
              log: { warn: (m) => log.warn(`benchmarks: ${m}`) },
              onStart: () => log.info(`benchmarks: ${files.length} file(s) in ${root}${names ? `, only ${names.map((n) => `"${n}"`).join(', ')}` : ''}; ${settings.processes ?? 'adaptive'} processes, ${settings.timeMs ?? 'default'} ms per benchmark`),
            },
          );
          for (const e of session.errors) errors.push(e.message);
          if (session.unmatchedNames.length) log.warn(`benchmarks: no benchmark is named ${session.unmatchedNames.map((n) => `"${n}"`).join(', ')} in ${root}`);
          for (const f of files) ran.set(f.absolute, names ?? null);
          if (session.unmatchedBudgets.length && !names) log.info(`benchmarks: budgets naming no benchmark of this run (${budgets.source}): ${session.unmatchedBudgets.join(', ')}`);
          folderRuns.push({ root, environment: session.environment, files: files.map((f) => f.file), failedFiles: session.errors.map((e) => e.file), oneBenchmark: names !== undefined, all: scope.kind === 'all' });
          const baselineName = session.compared?.kind === 'baseline' ? session.compared.name : undefined;
          const entries = benchEntries({ root, results: session.results, summaries: session.summaries, comparisons: session.comparison, baselineName, violations: session.violations, ranAt: new Date() });
          for (const entry of entries) {
            const s = entry.summary;
            recorded.push(entry);
            lines.push(`${s.file} › ${benchmarkLabel(s)}: ${formatResult(entry)} (${plural(s.processes, 'process', 'processes')}, ${plural(s.samples, 'sample')})`);
            for (const v of entry.violations) lines.push(`  over budget: ${budgetMessage(v)}`);
          }
          for (const sc of session.scaling) {
            scaling.push({ absoluteFile: path.resolve(root, sc.file), name: sc.name, fit: sc.fit });
            lines.push(`${sc.file} › ${sc.name}: ${formatScaling(sc.fit)} over sizes ${sc.fit.sizes.join(', ')}`);
          }
        }
      },
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'cancelled') return say('Perf Lens: benchmarking cancelled; the running process was stopped.');
    const message = e instanceof engine.bench.BenchOptionsError ? `Perf Lens: ${e.message}.` : `Perf Lens: benchmarking ${what} failed: ${e instanceof Error ? e.message : String(e)}`;
    log.error(`benchmarks: ${message}`);
    return say(message, 'error');
  }

  store.record(ran, recorded, scaling, folderRuns, 'command');
  for (const l of lines) log.info(`benchmarks: ${l}`);
  for (const e of errors) log.error(`benchmarks: ${e}`);
  const violations = recorded.reduce((n, r) => n + r.violations.length, 0);
  return summarise(log, recorded, scaling, violations, errors);
}

function summarise(log: vscode.LogOutputChannel, recorded: readonly LastBenchResult[], scaling: readonly LastScaling[], violations: number, errors: readonly string[]): BenchRunReport {
  const parts: string[] = [];
  const names = new Set(recorded.map((r) => r.summary.name));
  if (recorded.length === 1) parts.push(`${benchmarkLabel(recorded[0].summary)}: ${formatResult(recorded[0])}.`);
  else if (names.size === 1 && scaling.length === 1) parts.push(`${scaling[0].name}: ${formatScaling(scaling[0].fit)} over ${recorded.length} sizes.`);
  else parts.push(`${recorded.length} benchmark results${names.size < recorded.length ? ` (${names.size} benchmarks)` : ''}; each is in the Perf Lens log.`);
  if (violations) parts.push(violations === 1 ? `Over budget: ${budgetMessage(recorded.flatMap((r) => r.violations)[0])}.` : `${violations} budgets exceeded (see Problems).`);
  if (errors.length) parts.push(errors.length === 1 ? `Failed: ${errors[0]}` : `${errors.length} files failed (see the log).`);
  const message = `Perf Lens: ${parts.join(' ')}`;
  const kind = errors.length ? 'error' : violations ? 'warning' : 'info';
  const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show(true);
  });
  return { message, results: recorded.length, violations, errors: errors.length };
}
