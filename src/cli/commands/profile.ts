/**
 * `perf-lens profile`: runs a function (called over and over) or a whole script under the V8 CPU
 * profiler in a child process, saves the `.cpuprofile` and prints where the time went.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, CommandIo } from '../command';
import { type ParsedArgs, flag, oneOf, parseCommandArgs, stringValue } from '../args';
import { EXIT_OK, UsageError } from '../errors';
import { formatConfirmationsText, formatProfileJson, formatProfileText } from '../format/profile';
import { computeHotspots } from '../../core/profile/hotspots';
import { readProfile } from '../../runner/profile/analysis/read-profile';
import { savedProfilePath } from '../../runner/profile/profile-store';
import { enclosingFunctionLookup } from '../../runner/profile/analysis/enclosing-functions';
import { callCountLookupFor } from '../../runner/profile/call-counts';
import { type RuntimeConfirmationReport, confirmFindingsAtRuntime } from '../../runner/profile/confirm-findings';
import { reportTarget, writeReportFor } from '../report-flag';
import { runProcessTreeProfile } from './profile-processes';
import { type ProfileRunResult, ProfileTargetError, isHarnessFrame, profileFunction, profileScript } from '../../runner/profile/run-profile';
import { DEFAULT_INTERVAL_US } from '../../runner/profile/protocol';
import { runProfileWith0x } from './profile-with-0x';

const OPTIONS = {
  function: { type: 'string' },
  args: { type: 'string' },
  'args-js': { type: 'string' },
  duration: { type: 'string' },
  iterations: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  'my-code': { type: 'boolean' },
  'no-call-counts': { type: 'boolean' },
  'no-confirm': { type: 'boolean' },
  'with-0x': { type: 'boolean' },
  report: { type: 'string' },
  'npm-script': { type: 'string' },
  test: { type: 'string' },
  'all-processes': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: perf-lens profile <module> --function <name> [--args '<JSON array>'] [options]
       perf-lens profile <script> [options] [-- <script args>]
       perf-lens profile <script> --with-0x [--timeout <ms>] [--out <folder>] [-- <script args>]
       perf-lens profile --npm-script <name> [options] [-- <script args>]
       perf-lens profile --test <file> [options]

Runs the target in a child process under the V8 CPU profiler, saves the .cpuprofile (it opens in Chrome
DevTools and VS Code) and prints the hot spots. With --function, the exported function is called over
and over with the same arguments after a short warm-up, awaited when it returns a promise.

Options:
      --function <name>   an exported function: a named export, default, or Class.method
      --args <json>       its arguments as a JSON array (default: [])
      --args-js <expr>    or as a JavaScript expression giving the array, evaluated in the module's scope:
                          '[makeOrders(10_000)]' (its local helpers in CommonJS; its exports in
                          an ES module or a TypeScript file)
      --duration <ms>     profile for this long (default 2000)
      --iterations <n>    or make exactly n calls
      --interval <us>     sampling interval requested from V8 (default ${DEFAULT_INTERVAL_US}; the achieved one is printed)
      --timeout <ms>      stop the target after this long and keep the partial profile
                          (default: the duration plus 30 s with --function, 10 minutes for a script);
                          a function that never returns is stopped inside its call: it is said on
                          stderr, and the partial profile shows where it was spinning. Ctrl-C stops
                          the target the same way and keeps its partial profile
  -o, --out <file>        where to save the profile (default .perf-lens/profiles/<name>-<time>.cpuprofile)
  -f, --format <text|json>  output format (default: text)
      --my-code           list only the project's own files
      --no-call-counts    skip the counting pass (see below)
      --no-confirm        skip the runtime check of the module's n-plus-one findings (see below)
      --with-0x           run the script with the project's own 0x (node_modules/.bin/0x) instead:
                          its folder (default .perf-lens/0x/<script>-<time>.0x, or --out) keeps 0x's
                          data and flamegraph.html; the hot spots come from 0x's samples
      --report <file.html>  also write a self-contained HTML report of the profile (the hot spots table
                          and the flame graph, no network: for sharing and CI; replaces only an earlier report)
      --npm-script <name> run \`npm run <name>\` (npm started without a shell) with every Node.js process it
                          starts profiled; the one that used the most CPU time is shown, the others listed
      --test <file>       run one test file with the project's own runner (from package.json: node --test,
                          vitest run --pool=forks, jest --runInBand, mocha), profiling the process that runs it
      --all-processes     with --npm-script/--test: save the other processes' profiles too (<out>.<pid>.cpuprofile)
  -h, --help              show this help

Call counts: after a complete --function profile, the function is called as many times again under V8's
precise coverage, which counts every call of every function exactly but turns V8's optimizer off (so it
cannot run while profiling); the counts go to <profile>.coverage.json and into the hot spots' calls.
Async functions and generators get none (V8 counts each resumption); TypeScript run by the profiler gets
them on its .ts lines (through the source map of the JavaScript it ran). A pass that would take over 3x
the profiled time (at least 1 s) is skipped.

Runtime confirmation: when the module has n-plus-one findings, the function then runs again in a fresh
process under V8's block coverage (optimizer off), which counts exactly how often the flagged call, its
loop's body and the loop itself ran. A finding whose call ran once per iteration, over loops of at least
two elements, is confirmed (confirmedFindings in JSON: calls, perCall, iterations, runs).

A script's own output (its stdout and its stderr) is passed through to perf-lens's stderr as it runs,
so that stdout holds only the report (pure JSON with --format json); when the script fails, the error
ends with the last line of its stderr ("the script exited with code 1: TypeError: ...").

Modules and scripts: .js, .cjs, .mjs (ESM and CommonJS), and .ts, .cts, .mts, .tsx, .jsx, transpiled on the fly
(no type check; JSX as the tsconfig.json says, else React's automatic runtime) with the profile on the
source lines; extensionless relative imports (./util, ./lib/index.ts) resolve as bundlers do; a build's own
source maps (//# sourceMappingURL) are applied too.
Exit status: 0 success, 2 bad usage or a failed target.`;

/** --interval, in µs: 10 to 1,000,000 here (a tighter range than the runner's own check), DEFAULT_INTERVAL_US when absent. */
const intervalOf = (args: ParsedArgs): number => whole(args, 'interval', 10, 1_000_000) ?? DEFAULT_INTERVAL_US;

function whole(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringValue(args, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function parseJsonArgs(raw: string | undefined): unknown[] {
  if (raw === undefined) return [];
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`--args is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(v)) throw new UsageError('--args must be a JSON array of arguments, e.g. \'[1000, "x"]\'');
  return v;
}

function argsExpression(args: ParsedArgs): string | undefined {
  const expr = stringValue(args, 'args-js');
  if (expr === undefined) return undefined;
  if (stringValue(args, 'args') !== undefined) throw new UsageError('give the arguments either as --args (JSON) or as --args-js (JavaScript), not both');
  if (expr.trim() === '') throw new UsageError('--args-js is empty');
  return expr;
}

/**
 * The script's output as it runs, line by line to the CLI's stderr (both of its streams: the CLI's stdout
 * stays the report, pure JSON with --format json); a line cut between chunks waits for its end, and
 * `flush` writes what is left when the script is done.
 */
function scriptOutputPassthrough(io: CommandIo): { write(stream: 'stdout' | 'stderr', chunk: string): void; flush(): void } {
  const pending = { stdout: '', stderr: '' };
  return {
    write(stream, chunk) {
      const lines = (pending[stream] + chunk).split(/\r?\n/);
      pending[stream] = lines.pop() ?? '';
      for (const line of lines) io.stderr(line);
    },
    flush() {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (pending[stream] !== '') io.stderr(pending[stream]);
        pending[stream] = '';
      }
    },
  };
}

/** `.perf-lens/profiles/<name>-<YYYYMMDD-HHMMSS>.cpuprofile` (the profile store's name). */
function defaultOut(cwd: string, name: string): string {
  return savedProfilePath(cwd, name);
}

export async function runProfile(argv: readonly string[], io: CommandIo, signal?: AbortSignal): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (flag(args, 'help')) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  const format = oneOf(stringValue(args, 'format'), ['text', 'json'] as const, '--format', 'text');
  if (stringValue(args, 'npm-script') !== undefined || stringValue(args, 'test') !== undefined) {
    const timeoutMs = whole(args, 'timeout', 100, 86_400_000) ?? 600_000;
    const intervalUs = intervalOf(args);
    return runProcessTreeProfile({ args, io, signal, format, intervalUs, timeoutMs, defaultOut: (name) => defaultOut(io.cwd, name) });
  }
  if (flag(args, 'all-processes')) throw new UsageError('--all-processes needs --npm-script or --test');
  const [target, ...rest] = args.positionals;
  if (!target) throw new UsageError('name the module or script to profile (see perf-lens profile --help)');
  const file = path.resolve(io.cwd, target);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${target}`);
  const fn = stringValue(args, 'function');
  const durationMs = whole(args, 'duration', 1, 3_600_000);
  const iterations = whole(args, 'iterations', 1, 1_000_000_000);
  const intervalUs = intervalOf(args);
  const timeoutMs = whole(args, 'timeout', 100, 86_400_000);
  const outArg = stringValue(args, 'out');
  const reportFile = reportTarget(stringValue(args, 'report'), io.cwd);
  if (flag(args, 'with-0x')) {
    for (const o of ['function', 'args', 'args-js', 'duration', 'iterations', 'interval'] as const) {
      if (stringValue(args, o) !== undefined) throw new UsageError(`--${o} cannot be used with --with-0x (0x runs a whole script at V8's --prof interval)`);
    }
    if (reportFile) throw new UsageError('--report cannot be used with --with-0x (0x data has its own flamegraph.html); run perf-lens hotspots <0x folder> --report <file.html> afterwards');
    return runProfileWith0x({ script: file, argv: rest, out: outArg, timeoutMs, format, myCode: flag(args, 'my-code') }, io, signal);
  }

  let run: ProfileRunResult;
  try {
    if (fn !== undefined) {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}": with --function, pass arguments with --args`);
      const out = outArg ? path.resolve(io.cwd, outArg) : defaultOut(io.cwd, fn);
      run = await profileFunction({
        module: file,
        exportName: fn,
        args: parseJsonArgs(stringValue(args, 'args')),
        argsExpression: argsExpression(args),
        durationMs,
        iterations,
        intervalUs,
        timeoutMs,
        outFile: out,
        cwd: io.cwd,
        signal,
        callCounts: !flag(args, 'no-call-counts'),
        keepPartialOnAbort: true,
      });
    } else {
      for (const o of ['args', 'args-js', 'duration', 'iterations'] as const) {
        if (stringValue(args, o) !== undefined) throw new UsageError(`--${o} needs --function (a script runs once, as it is)`);
      }
      const out = outArg ? path.resolve(io.cwd, outArg) : defaultOut(io.cwd, path.basename(file));
      const output = scriptOutputPassthrough(io);
      try {
        run = await profileScript({ script: file, argv: rest, intervalUs, timeoutMs: timeoutMs ?? 600_000, outFile: out, cwd: io.cwd, signal, onOutput: output.write, keepPartialOnAbort: true });
      } finally {
        output.flush();
      }
    }
  } catch (e) {
    // The target's own failure (it threw, crashed, has no such export) is the user's input problem: exit 2, one line.
    if (e instanceof ProfileTargetError) throw new UsageError(e.message);
    throw e;
  }

  // Why the profile is partial when it is not simply the time limit: a function that never returned, Ctrl-C.
  if (run.note) io.stderr(`perf-lens: ${run.note}`);

  let confirmations: RuntimeConfirmationReport | undefined;
  if (fn !== undefined && !run.partial && !flag(args, 'no-confirm')) {
    confirmations = await confirmFindingsAtRuntime({
      module: file,
      exportName: fn,
      args: parseJsonArgs(stringValue(args, 'args')),
      argsExpression: argsExpression(args),
      cwd: io.cwd,
      calls: run.calls,
      profiledMs: run.profiledMs,
      signal,
    });
  }

  const profile = readProfile(run.profilePath).profile;
  const callCount = run.coveragePath ? callCountLookupFor(profile, run.profilePath, run.coveragePath) : undefined;
  const report = computeHotspots(profile, { enclosingFunction: enclosingFunctionLookup(), callCount, myCodeOnly: flag(args, 'my-code'), hidden: isHarnessFrame });
  const partialReason = run.aborted ? 'interrupted' : run.stoppedInsideCall ? `${fn ?? 'the script'} did not return within the time limit` : undefined;
  const out = { profile: run.profilePath, partial: run.partial, partialReason, report };
  if (format === 'json') {
    io.stdout(
      formatProfileJson(out, {
        calls: run.calls,
        requestedIntervalUs: run.requestedIntervalUs,
        callCountsFile: run.coveragePath,
        callCountsNote: run.callCountsNote,
        confirmations,
        aborted: run.aborted,
        stoppedInsideCall: run.stoppedInsideCall,
        stoppedWhileWarmingUp: run.stoppedWhileWarmingUp,
        note: run.note,
      }),
    );
  } else {
    io.stdout(formatProfileText(out, io.cwd));
    if (run.callCountsNote) io.stdout(`\ncall counts skipped: ${run.callCountsNote}`);
    if (confirmations) io.stdout(formatConfirmationsText(confirmations, io.cwd));
    io.stdout(
      `\n${fn !== undefined ? `${run.calls} calls of ${fn} in ${run.profiledMs.toFixed(0)} ms; ` : ''}sampling: ${run.requestedIntervalUs} µs requested, ${run.achievedIntervalUs.toFixed(0)} µs achieved\n`,
    );
  }
  if (reportFile) {
    const shown = path.relative(io.cwd, file);
    const title = `Hot spots of ${fn !== undefined ? `${fn} (${shown})` : shown}`;
    writeReportFor({ profilePath: run.profilePath, profile, outFile: reportFile, title, partial: run.partial }, io, format);
  }
  return EXIT_OK;
}

export const profileCommand: Command = {
  name: 'profile',
  summary: 'run a function or a script under the CPU profiler and show its hot spots',
  help: HELP,
  run: (argv, io) => {
    // Ctrl-C stops the target (its whole process tree) instead of leaving it running.
    const controller = new AbortController();
    const onSigint = () => controller.abort(new UsageError('interrupted'));
    process.once('SIGINT', onSigint);
    return runProfile(argv, io, controller.signal).finally(() => process.removeListener('SIGINT', onSigint));
  },
};
