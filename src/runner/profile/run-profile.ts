/**
 * The parent side of CPU profiling: starts the harness (dist/profile-harness.js) in its own process
 * group, hands it a request file, stops it on timeout or abort, and always kills the whole group at the
 * end so nothing the target spawned outlives the run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_DURATION_MS,
  DEFAULT_INTERVAL_US,
  DEFAULT_WARMUP_MS,
  type FunctionHarnessRequest,
  type HarnessResult,
  type ScriptHarnessRequest,
  type StopMessage,
} from './protocol';
import { applySourceMaps } from './source-maps';
import { callCountsPath, removeCallCounts, settleCallCounts } from './call-counts';
import { type GroupEnd, GroupStartError, runInGroup } from '../process/process-group';

export interface ProfileFunctionOptions {
  module: string;
  exportName: string;
  args: unknown[];
  /**
   * A JavaScript expression giving the argument array, evaluated in the module's scope (local helpers
   * work in CommonJS, exports in ESM); takes precedence over `args`. It is code the user typed: only for
   * a trusted workspace or the command line.
   */
  argsExpression?: string;
  durationMs?: number;
  iterations?: number;
  warmupMs?: number;
  intervalUs?: number;
  outFile: string;
  cwd: string;
  /** Hard limit for the whole child; default: (durationMs ?? 2000) + (warmupMs ?? 300) + 30_000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Default: profileHarnessPath(). */
  harnessPath?: string;
  /**
   * Exact call counts per function (default false): after a complete profile, the harness makes the same
   * number of calls again under V8's precise coverage and writes `<outFile>.coverage.json`
   * (count-calls.ts; read it with callCountLookupFor). The target then runs twice as many times after its
   * warm-up, and the run takes up to 3× the profiled time longer.
   */
  callCounts?: boolean;
  /** On abort, resolve with the partial profile the harness wrote (labelled `aborted`) instead of rejecting: the CLI's Ctrl-C. */
  keepPartialOnAbort?: boolean;
}

export interface ProfileScriptOptions {
  script: string;
  argv?: string[];
  intervalUs?: number;
  outFile: string;
  cwd: string;
  /** Hard limit for the whole child; default: none (the script runs until it ends or `signal` aborts). */
  timeoutMs?: number;
  signal?: AbortSignal;
  harnessPath?: string;
  /**
   * The script's own stdout and stderr, chunk by chunk as it runs (the CLI passes them through). Without
   * it they are only kept as a tail: the last line of stderr goes into the error of a failed script.
   */
  onOutput?(stream: 'stdout' | 'stderr', chunk: string): void;
  /** See ProfileFunctionOptions.keepPartialOnAbort. */
  keepPartialOnAbort?: boolean;
}

export interface ProfileRunResult {
  profilePath: string;
  partial: boolean;
  calls: number;
  profiledMs: number;
  requestedIntervalUs: number;
  /** Median of the profile's timeDeltas, in µs (0 when the profile has no samples). */
  achievedIntervalUs: number;
  sampleCount: number;
  /** The call counts of the profiled calls (`<profilePath>.coverage.json`), when they were taken. */
  coveragePath?: string;
  /** Why there are no call counts, when they were asked for and could not be taken. */
  callCountsNote?: string;
  /** Stopped by an abort (with keepPartialOnAbort): `partial` too. */
  aborted?: boolean;
  /**
   * Function mode: the run was stopped inside a call that had not returned (a busy loop): the function
   * did not return within the limit, and the profile shows where it was spinning.
   */
  stoppedInsideCall?: boolean;
  /** Function mode: stopped during the warm-up; the profile is the warm-up's (untrimmed), `calls` is 0. */
  stoppedWhileWarmingUp?: boolean;
  /** One sentence on why the profile is partial when it is not simply the time limit, e.g. "hot did not return within 800 ms: …". */
  note?: string;
}

/** The target failed: it threw, crashed, exited early or would not stop. The message is one sentence. */
export class ProfileTargetError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'ProfileTargetError';
  }
}

/** The options were unusable (missing file, bad number...); nothing was started. One sentence. */
export class ProfileOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileOptionsError';
  }
}

/** How long a target gets to stop cleanly after `stop` before its process group is killed. */
export const STOP_GRACE_MS = 3000;

/** dist/profile-harness.js next to the running bundle, else undefined. */
export function profileHarnessPath(dir = __dirname): string | undefined {
  const file = path.join(dir, 'profile-harness.js');
  return fs.existsSync(file) ? file : undefined;
}

/**
 * Frames of our own harness (the loop that calls the user's function): hidden from hot spots, where they
 * would otherwise sit above every user function with the whole run as their total.
 */
export function isHarnessFrame(url: string): boolean {
  return /[\\/]profile-(harness|ts-loader|preload)\.js$/.test(url);
}

export async function profileFunction(o: ProfileFunctionOptions): Promise<ProfileRunResult> {
  o.signal?.throwIfAborted();
  const cwd = checkCwd(o.cwd);
  if (!o.module) throw new ProfileOptionsError('no module was given');
  const module = path.resolve(cwd, o.module);
  if (!/\.((c|m)?(j|t)s|tsx|jsx)$/i.test(module)) throw new ProfileOptionsError(`the module must be a .js, .cjs, .mjs, .ts, .cts, .mts, .tsx or .jsx file: ${module}`);
  if (!isFile(module)) throw new ProfileOptionsError(`the module file does not exist: ${module}`);
  if (typeof o.exportName !== 'string' || o.exportName.trim() === '') throw new ProfileOptionsError('no export name was given');
  if (!Array.isArray(o.args)) throw new ProfileOptionsError('args must be an array of JSON values');
  if (o.argsExpression !== undefined && (typeof o.argsExpression !== 'string' || o.argsExpression.trim() === '')) {
    throw new ProfileOptionsError('the arguments expression is empty');
  }
  let argsJson: string;
  try {
    argsJson = JSON.stringify(o.args);
  } catch (e) {
    throw new ProfileOptionsError(`args must be JSON values (${e instanceof Error ? e.message : String(e)})`);
  }
  if (o.durationMs !== undefined && !(Number.isFinite(o.durationMs) && o.durationMs > 0)) {
    throw new ProfileOptionsError(`durationMs must be a positive number of milliseconds (got ${o.durationMs})`);
  }
  if (o.iterations !== undefined && !(Number.isSafeInteger(o.iterations) && o.iterations >= 1)) {
    throw new ProfileOptionsError(`iterations must be a whole number of at least 1 (got ${o.iterations})`);
  }
  if (o.warmupMs !== undefined && !(Number.isFinite(o.warmupMs) && o.warmupMs >= 0)) {
    throw new ProfileOptionsError(`warmupMs must be 0 or a positive number of milliseconds (got ${o.warmupMs})`);
  }
  const intervalUs = checkIntervalUs(o.intervalUs);
  const timeoutMs = checkTimeout(o.timeoutMs) ?? (o.durationMs ?? DEFAULT_DURATION_MS) + (o.warmupMs ?? DEFAULT_WARMUP_MS) + 30_000;
  const harness = checkHarness(o.harnessPath);
  const outFile = checkOutFile(cwd, o.outFile);
  return run({
    harness,
    cwd,
    outFile,
    intervalUs,
    timeoutMs,
    signal: o.signal,
    keepPartialOnAbort: o.keepPartialOnAbort,
    what: `${o.exportName}`,
    isScript: false,
    request: (files, stopAt): FunctionHarnessRequest => ({
      mode: 'function',
      module,
      exportName: o.exportName,
      args: JSON.parse(argsJson) as unknown[],
      argsExpression: o.argsExpression,
      durationMs: o.durationMs,
      iterations: o.iterations,
      warmupMs: o.warmupMs,
      intervalUs,
      outFile,
      ...files,
      stopAt,
      coverageFile: o.callCounts ? callCountsPath(outFile) : undefined,
    }),
  });
}

export async function profileScript(o: ProfileScriptOptions): Promise<ProfileRunResult> {
  o.signal?.throwIfAborted();
  const cwd = checkCwd(o.cwd);
  if (!o.script) throw new ProfileOptionsError('no script was given');
  const script = path.resolve(cwd, o.script);
  if (!isFile(script)) throw new ProfileOptionsError(`the script file does not exist: ${script}`);
  const argv = o.argv ?? [];
  if (!Array.isArray(argv) || argv.some((a) => typeof a !== 'string')) throw new ProfileOptionsError('argv must be an array of strings');
  const intervalUs = checkIntervalUs(o.intervalUs);
  const timeoutMs = checkTimeout(o.timeoutMs);
  const harness = checkHarness(o.harnessPath);
  const outFile = checkOutFile(cwd, o.outFile);
  return run({
    harness,
    cwd,
    outFile,
    intervalUs,
    timeoutMs,
    signal: o.signal,
    onOutput: o.onOutput,
    keepPartialOnAbort: o.keepPartialOnAbort,
    what: `the script`,
    isScript: true,
    request: (files, stopAt): ScriptHarnessRequest => ({ mode: 'script', script, argv: [...argv], intervalUs, outFile, ...files, stopAt }),
  });
}

// ---------------------------------------------------------------------------------------------------
// option checks (each throws a one-sentence ProfileOptionsError)

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function checkCwd(cwd: string): string {
  if (!cwd) throw new ProfileOptionsError('no working folder (cwd) was given');
  const abs = path.resolve(cwd);
  let ok = false;
  try {
    ok = fs.statSync(abs).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new ProfileOptionsError(`the working folder does not exist: ${abs}`);
  return abs;
}

/** The requested sampling interval, or DEFAULT_INTERVAL_US when none is: the one check of every runner that profiles. */
export function checkIntervalUs(intervalUs: number | undefined): number {
  if (intervalUs === undefined) return DEFAULT_INTERVAL_US;
  if (!(Number.isSafeInteger(intervalUs) && intervalUs >= 1)) {
    throw new ProfileOptionsError(`intervalUs must be a whole number of microseconds, at least 1 (got ${intervalUs})`);
  }
  return intervalUs;
}

function checkTimeout(timeoutMs: number | undefined): number | undefined {
  if (timeoutMs === undefined) return undefined;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new ProfileOptionsError(`timeoutMs must be a positive number of milliseconds (got ${timeoutMs})`);
  return timeoutMs;
}

function checkHarness(harnessPath: string | undefined): string {
  const harness = harnessPath ?? profileHarnessPath();
  if (!harness) throw new ProfileOptionsError('the profile harness dist/profile-harness.js was not found next to this bundle (run the build)');
  if (!isFile(harness)) throw new ProfileOptionsError(`the profile harness does not exist: ${harness}`);
  return harness;
}

function checkOutFile(cwd: string, outFile: string): string {
  if (!outFile) throw new ProfileOptionsError('no output file (outFile) was given');
  const abs = path.resolve(cwd, outFile);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
  } catch (e) {
    throw new ProfileOptionsError(`cannot create the folder for ${abs} (${e instanceof Error ? e.message : String(e)})`);
  }
  return abs;
}

// ---------------------------------------------------------------------------------------------------
// running the child

export interface RunSpec {
  harness: string;
  cwd: string;
  outFile: string;
  intervalUs: number;
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  isScript: boolean;
  onOutput?(stream: 'stdout' | 'stderr', chunk: string): void;
  keepPartialOnAbort?: boolean;
  /** The target in a note: the function's name, or "the script". */
  what?: string;
  request(files: { resultFile: string; stopFile: string }, stopAt: number | undefined): FunctionHarnessRequest | ScriptHarnessRequest;
}

export type ChildEnd = GroupEnd;

async function run(spec: RunSpec): Promise<ProfileRunResult> {
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'perf-lens-profile-'));
  try {
    const requestFile = path.join(tmp, 'request.json');
    const resultFile = path.join(tmp, 'result.json');
    const stopFile = path.join(tmp, 'stop');
    const stopAt = spec.timeoutMs === undefined ? undefined : Date.now() + spec.timeoutMs;
    removeCallCounts(spec.outFile);
    await fs.promises.writeFile(requestFile, JSON.stringify(spec.request({ resultFile, stopFile }, stopAt)));
    const end = await runChild({ ...spec, stopFile }, requestFile);
    const result = await readResult(resultFile);
    // Ctrl-C in the CLI keeps what was profiled (the README's promise); other callers get the rejection.
    if (end.aborted && !(spec.keepPartialOnAbort && result?.ok)) throw spec.signal?.reason ?? new Error('aborted');
    const code = end.code;
    if (result && !result.ok) throw new ProfileTargetError(result.error, code, end.stderrTail);
    // "…: SyntaxError: Unexpected token '='": what the target said last on stderr, when anything.
    const said = (text: string) => {
      const line = lastStderrLine(end.stderrTail);
      return line ? `${text}: ${line}` : text;
    };
    if (!result) {
      if (end.timedOut) throw new ProfileTargetError(`the target did not stop within ${spec.timeoutMs} ms`, code, end.stderrTail);
      const how = code !== null ? `exited with code ${code}` : `was killed by ${end.signal ?? 'a signal'}`;
      throw new ProfileTargetError(said(`the target ${how} before the profile was written`), code, end.stderrTail);
    }
    if (spec.isScript && code !== 0) {
      const how = code !== null ? `exited with code ${code}` : `was killed by ${end.signal ?? 'a signal'}`;
      throw new ProfileTargetError(said(`the script ${how}`), code, end.stderrTail);
    }
    // The user's own build's source maps (dist/x.js → src/x.ts); TypeScript run by the harness is remapped already.
    await applySourceMaps(spec.outFile, { skip: isHarnessFrame });
    const stats = await readProfileStats(spec.outFile);
    if (!stats) throw new ProfileTargetError(`the harness reported a profile but ${spec.outFile} is not a readable .cpuprofile`, code, end.stderrTail);
    const what = spec.what ?? 'the target';
    const stoppedBy = end.aborted ? 'it was stopped (interrupted)' : `within the ${spec.timeoutMs} ms limit`;
    const note = result.stoppedInsideCall
      ? `${what} did not return ${end.aborted ? 'before it was interrupted' : stoppedBy}: it was stopped inside the call${result.stoppedWhileWarmingUp ? ' (during the warm-up)' : ''}, and the partial profile shows where it was spinning`
      : end.aborted
        ? `interrupted: the partial profile covers the run until then${result.stoppedWhileWarmingUp ? ' (the warm-up only)' : ''}`
        : result.stoppedWhileWarmingUp
          ? `stopped during the warm-up: the partial profile is the warm-up's`
          : undefined;
    return {
      profilePath: spec.outFile,
      partial: result.partial || end.aborted,
      ...(end.aborted ? { aborted: true } : {}),
      ...(result.stoppedInsideCall ? { stoppedInsideCall: true } : {}),
      ...(result.stoppedWhileWarmingUp ? { stoppedWhileWarmingUp: true } : {}),
      ...(note ? { note } : {}),
      calls: result.calls,
      profiledMs: result.profiledMs,
      requestedIntervalUs: spec.intervalUs,
      achievedIntervalUs: stats.achievedIntervalUs,
      sampleCount: stats.sampleCount,
      ...settleCallCounts(spec.outFile),
    };
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

/** Runs the harness on a request file in its own process group; the group is always killed at the end. */
export async function runChild(spec: Pick<RunSpec, 'harness' | 'cwd' | 'timeoutMs' | 'signal' | 'onOutput'> & { stopFile?: string }, requestFile: string): Promise<ChildEnd> {
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  try {
    return await runInGroup({
      command: process.execPath,
      args: [spec.harness, requestFile],
      cwd: spec.cwd,
      env,
      ipc: true,
      timeoutMs: spec.timeoutMs,
      signal: spec.signal,
      // The harness stops profiling and writes what it has (a partial profile on timeout); the stop file
      // reaches its watchdog thread when the target never comes back to read IPC.
      requestStop: (child) => {
        if (spec.stopFile) {
          try {
            fs.writeFileSync(spec.stopFile, '');
          } catch {
            // The folder is gone: only the IPC message, and the group is killed after the grace period.
          }
        }
        if (child.connected) child.send({ type: 'stop' } satisfies StopMessage, () => undefined);
      },
      graceMs: STOP_GRACE_MS,
      onOutput: spec.onOutput,
    });
  } catch (e) {
    if (!(e instanceof GroupStartError)) throw e;
    throw new ProfileTargetError(`could not start the profile harness (${e.message})`, null, e.stderrTail);
  }
}

/**
 * The line of a process's stderr that says what went wrong: the last `SomeError: message` line (Node
 * prints the source line, a caret, the error, its stack and its version), else the last line that is
 * not a stack frame, a hint or Node's version; '' when stderr said nothing. At most 300 characters.
 */
export function lastStderrLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^at\s/.test(l) && !/^Node\.js v\d/.test(l) && !/^\(Use `node --trace/.test(l) && l !== '^');
  const isError = (l: string) => /^(Uncaught\s+)?([A-Za-z_$][\w$.]*)?(Error|Exception)\b(\s*\[[^\]]*\])?:/.test(l);
  let line = '';
  for (let i = lines.length - 1; i >= 0 && !line; i--) if (isError(lines[i])) line = lines[i];
  if (!line) line = lines[lines.length - 1] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

export async function readResult(file: string): Promise<HarnessResult | undefined> {
  try {
    const r = JSON.parse(await fs.promises.readFile(file, 'utf8')) as HarnessResult;
    return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' ? r : undefined;
  } catch {
    return undefined;
  }
}

async function readProfileStats(file: string): Promise<{ achievedIntervalUs: number; sampleCount: number } | undefined> {
  try {
    const profile = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { nodes?: unknown; samples?: unknown; timeDeltas?: unknown };
    if (!Array.isArray(profile.nodes)) return undefined;
    const samples = Array.isArray(profile.samples) ? profile.samples : [];
    const deltas = Array.isArray(profile.timeDeltas) ? (profile.timeDeltas as number[]) : [];
    return { achievedIntervalUs: median(deltas), sampleCount: samples.length };
  } catch {
    return undefined;
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
