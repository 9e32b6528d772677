/**
 * `perf-lens bench [files...] [--save <name>] [--compare <name> | --against <ref>] [--fail-on-regression] [--format text|json|markdown] [--memory]`:
 * runs the benchmark files (each in fresh processes, src/runner/bench), prints their statistics, compares
 * with a saved baseline or with the same files at a git ref (interleaved), checks budgets, saves a baseline.
 */
import * as fs from 'node:fs';
import type { Command, CommandIo } from '../command';
import { type ParsedArgs, flag, oneOf, parseCommandArgs, stringValue, stringValues } from '../args';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors';
import { formatBenchJson, formatBenchMarkdown, formatBenchText, type BenchReport } from '../format/bench';
import { baselineNameProblem, type Baseline } from '../../core/bench/baseline';
import { DEFAULT_PROCESSES } from '../../core/bench/defaults';
import { BaselineStoreError, baselinePath, loadBaseline } from '../../runner/bench/baseline-store';
import { BudgetConfigError, loadBudgetConfig } from '../../runner/bench/budgets-config';
import { ADAPTIVE_START_PROCESSES, BenchOptionsError, discoverBenchFiles } from '../../runner/bench/run-benchmarks';
import { runBenchSession, type BenchSessionResult } from '../../runner/bench/session';
import { GitRefError } from '../../runner/bench/git-ref-tree';
import { DEFAULT_PHASE_TIMEOUT_MS } from '../../runner/bench/run-file';
import { BENCH_CLOCKS, DEFAULT_TIME_MS, DEFAULT_WARMUP_MS } from '../../runner/bench/protocol';
import { PathNotFoundError } from '../../runner/files/file-discovery';
import { plural } from '../../core/format/numbers';

const FORMATS = ['text', 'json', 'markdown'] as const;

const OPTIONS = {
  save: { type: 'string' },
  compare: { type: 'string' },
  against: { type: 'string' },
  'fail-on-regression': { type: 'boolean' },
  'fail-on-inconclusive': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  processes: { type: 'string', short: 'p' },
  'max-processes': { type: 'string' },
  time: { type: 'string' },
  warmup: { type: 'string' },
  timeout: { type: 'string' },
  name: { type: 'string', multiple: true },
  clock: { type: 'string' },
  memory: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: perf-lens bench [files or folders...] [options]

Runs benchmark files (**/*.bench.{js,mjs,cjs,ts,mts}, outside node_modules; default: the whole
folder) written with vitest's API — bench(name, fn, options?), describe(name, fn), imported from
"vitest" or "perf-lens/bench" (vitest itself is not needed) — plus bench.sizes(name, [1000, 10000],
(n) => fn) for the scaling over input sizes. Each file runs in fresh processes, one after another,
and every statistic accounts for the spread between processes. This runs the files' code.

Options:
      --save <name>            save the results as .perf-lens/baselines/<name>.json (raw samples)
      --compare <name>         compare with a saved baseline: ratio, 95% CI, p-value, verdict
      --against <git ref>      compare with the same benchmark files at a commit, branch or tag, measured
                               in this run with their processes interleaved with the working tree's (so
                               a change of load hits both sides alike; the ref is checked out in a
                               temporary git worktree, removed at the end)
      --fail-on-regression     exit 1 when a benchmark is slower than the baseline
      --fail-on-inconclusive   exit 1 when a comparison is inconclusive (neither shown within the
                               minimum effect of 5% nor significantly beyond it: run more processes)
  -f, --format <text|json|markdown>  output format (default: text; markdown for PR comments)
  -p, --processes <n>          exactly n processes per file (default: adaptive, ${ADAPTIVE_START_PROCESSES} to
                               --max-processes, as many as the measured spread needs to see a 10% change)
      --max-processes <n>      cap of the adaptive count (default ${DEFAULT_PROCESSES})
      --time <ms>              measuring time per benchmark and process (default ${DEFAULT_TIME_MS}; a
                               benchmark's own "time" option wins)
      --warmup <ms>            warm-up per benchmark and process (default ${DEFAULT_WARMUP_MS})
      --timeout <ms>           time limit for loading a file and for each benchmark in a process
                               (default ${DEFAULT_PHASE_TIMEOUT_MS}); the process group is killed past it
      --clock <wall|cpu>       what a sample's time is (default wall: elapsed time); cpu: the
                               process's CPU time, which waiting for a busy CPU cannot inflate (for
                               CPU-bound code on shared machines; not for code that waits on I/O or
                               timers). Compare runs made with the same clock.
      --memory                 also measure bytes allocated per operation (V8 heap), in a pass after
                               timing in each process (timing is unchanged); "memory/op" column,
                               JSON "bytesPerOp", kept in baselines and compared
      --name <name>            run only this benchmark (full name, "suite > bench"); repeat for several;
                               a run where no --name matches stops with exit 2, listing the names
  -c, --config <file.json>     budgets from this file's "bench.budgets" (default: the nearest
                               perf-lens.config.json "bench.budgets", or package.json "perfLens.bench.budgets")
  -h, --help                   show this help

Budgets: { "csv export": { "mean": "2ms", "p99": "5ms" } } (mean, median, p75, p99; ns, us, ms, s), and
{ "parse": { "memory": "10kB" } } for bytes allocated per operation (B, kB, MB, KiB, MiB; turns on --memory).
Verdicts: slower / faster (significant at α = 0.01 and at least 5%), same (the 95% CI of the ratio lies
within ±5%), inconclusive (neither: the line under the table says how many processes would settle it).
Exit status: 0 done; 1 a benchmark is slower than the baseline (with --fail-on-regression), inconclusive
(with --fail-on-inconclusive) or over its budget; 2 bad usage, an unreadable baseline or config, or a benchmark file that failed.`;

function positiveNumber(args: ParsedArgs, name: string, integer: boolean): number | undefined {
  const raw = stringValue(args, name);
  if (raw === undefined) return undefined;
  const ok = integer ? /^\d+$/.test(raw) && Number(raw) >= 1 : /^\d+(\.\d+)?$/.test(raw) && Number(raw) > 0;
  if (!ok) throw new UsageError(`--${name} must be ${integer ? 'a whole number of at least 1' : 'a positive number of milliseconds'} (got "${raw}")`);
  return Number(raw);
}

function baselineName(args: ParsedArgs, option: 'save' | 'compare'): string | undefined {
  const name = stringValue(args, option);
  if (name === undefined) return undefined;
  const problem = baselineNameProblem(name);
  if (problem) throw new UsageError(`--${option}: ${problem}`);
  return name;
}

async function run(argv: readonly string[], io: CommandIo, signal?: AbortSignal): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (flag(args, 'help')) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  const format = oneOf(stringValue(args, 'format'), FORMATS, '--format', 'text');
  const processes = positiveNumber(args, 'processes', true);
  const maxProcesses = positiveNumber(args, 'max-processes', true);
  const timeMs = positiveNumber(args, 'time', false);
  const warmupMs = stringValue(args, 'warmup') === '0' ? 0 : positiveNumber(args, 'warmup', false);
  const phaseTimeoutMs = positiveNumber(args, 'timeout', false);
  const names = stringValues(args, 'name');
  const clock = oneOf(stringValue(args, 'clock'), BENCH_CLOCKS, '--clock', 'wall');
  const saveName = baselineName(args, 'save');
  const compareName = baselineName(args, 'compare');
  const failOnRegression = flag(args, 'fail-on-regression');
  const against = stringValue(args, 'against');
  if (against !== undefined && compareName !== undefined) throw new UsageError('--against and --compare cannot be used together: compare with a ref or with a saved baseline');

  // Everything that can be refused is refused before minutes of measuring.
  let baseline: Baseline | undefined;
  try {
    if (compareName !== undefined) baseline = await loadBaseline(io.cwd, compareName);
    if (saveName !== undefined && saveName !== compareName && fs.existsSync(baselinePath(io.cwd, saveName))) {
      await loadBaseline(io.cwd, saveName).catch((e: Error) => {
        throw new BaselineStoreError(`${e.message.replace(/\.$/, '')}; it would not be overwritten (save under another name, or move it away)`);
      });
    }
  } catch (e) {
    if (e instanceof BaselineStoreError) throw new UsageError(e.message);
    throw e;
  }
  let budgetConfig;
  try {
    budgetConfig = loadBudgetConfig(io.cwd, stringValue(args, 'config'));
  } catch (e) {
    if (e instanceof BudgetConfigError) throw new UsageError(e.message);
    throw e;
  }
  let files;
  try {
    files = await discoverBenchFiles(args.positionals, io.cwd, (n) => io.stderr(`perf-lens: ${n.file}: ${n.message}`));
  } catch (e) {
    if (e instanceof PathNotFoundError) throw new UsageError(e.message);
    throw e;
  }
  if (files.length === 0) {
    const where = args.positionals.length ? args.positionals.join(', ') : io.cwd;
    throw new UsageError(`no benchmark files (*.bench.js, .mjs, .cjs, .ts, .mts) were found in ${where}`);
  }

  const twins = against === undefined ? '' : `, interleaved with the same files at ${against}`;
  let session: BenchSessionResult;
  try {
    session = await runBenchSession(
      {
        files,
        cwd: io.cwd,
        processes,
        maxProcesses,
        timeMs,
        warmupMs,
        phaseTimeoutMs,
        clock,
        memory: flag(args, 'memory'),
        names: names.length ? names : undefined,
        budgets: budgetConfig.budgets,
        compareWith: baseline ? { baseline } : undefined,
        against: against === undefined ? undefined : { ref: against, paths: args.positionals },
        saveAs: saveName,
      },
      {
        signal,
        onStart: () => io.stderr(`perf-lens bench: ${files.length} file${files.length === 1 ? '' : 's'}${twins}, ${processes === undefined ? `${ADAPTIVE_START_PROCESSES}–${maxProcesses ?? DEFAULT_PROCESSES} processes` : plural(processes, 'process', 'processes')} each`),
      },
    );
  } catch (e) {
    if (e instanceof BenchOptionsError || e instanceof GitRefError) throw new UsageError(e.message);
    throw e;
  }
  for (const e of session.errors) io.stderr(`perf-lens: ${e.message}`);
  if (session.unmatchedNames.length) io.stderr(`perf-lens: note: no benchmark is named ${session.unmatchedNames.map((n) => `"${n}"`).join(', ')} (the other --name values ran)`);
  if (session.notSaved?.storeError !== undefined) io.stderr(`perf-lens: ${session.notSaved.storeError}`);

  const { environment, compared } = session;
  const report: BenchReport = {
    environment,
    summaries: session.summaries,
    comparison: session.comparison,
    scaling: session.scaling,
    violations: session.violations,
    unmatchedBudgets: session.unmatchedBudgets,
    budgetSource: budgetConfig.source,
    errors: session.errors.map((e) => e.message),
    compared:
      compared?.kind === 'ref'
        ? { name: `${compared.ref} (${compared.commit.slice(0, 12)}, interleaved)`, savedAt: environment.date, environmentDifferences: compared.notes, against: { ref: compared.ref, commit: compared.commit, links: compared.links } }
        : compared
          ? { name: compared.name, savedAt: compared.savedAt, environmentDifferences: compared.notes }
          : null,
    saved: session.saved,
    notSaved: session.notSaved?.message ?? null,
    processes: session.processes,
    clock,
  };

  if (format === 'json') io.stdout(formatBenchJson(report));
  else if (format === 'markdown') io.stdout(formatBenchMarkdown(report));
  else io.stdout(formatBenchText(report));

  if (session.errors.length || report.notSaved) return EXIT_ERROR;
  if (failOnRegression && report.comparison.some((c) => c.verdict === 'slower')) return EXIT_FINDINGS;
  if (flag(args, 'fail-on-inconclusive') && report.comparison.some((c) => c.verdict === 'inconclusive')) return EXIT_FINDINGS;
  if (report.violations.length) return EXIT_FINDINGS;
  return EXIT_OK;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run benchmarks in fresh processes; save baselines, compare with statistics, check budgets',
  help: HELP,
  run: (argv, io) => {
    // Ctrl-C (or a CI runner's SIGTERM) kills the running benchmark's process group: it lives in its own
    // group, which the terminal's signal does not reach.
    const controller = new AbortController();
    const onSignal = () => controller.abort(new UsageError('interrupted: the running benchmark process was stopped'));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return run(argv, io, controller.signal).finally(() => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    });
  },
};
