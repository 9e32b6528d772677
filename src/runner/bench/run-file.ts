/**
 * The parent side of one benchmark process: starts dist/bench-harness.js on one file in its own process
 * group, restarts a time limit at each phase the child reports (loading the file, each benchmark), and
 * always kills the whole group at the end, so nothing a benchmark file spawned outlives its run. A file
 * that throws, crashes or hangs becomes one BenchFileError sentence with the exit code and stderr's tail.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type GroupEnd, GroupStartError, runInGroup } from '../process/process-group';
import { isPhaseMessage, type BenchClock, type BenchHarnessRequest, type BenchHarnessResult, type MeasuredBenchmark, type PhaseMessage } from './protocol';

/** A benchmark file failed in one of its processes. The message is one sentence. */
export class BenchFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'BenchFileError';
  }
}

/** Default time limit of each phase (loading the file, one benchmark), in ms. */
export const DEFAULT_PHASE_TIMEOUT_MS = 60_000;

/** dist/bench-harness.js next to the running bundle, else undefined. */
export function benchHarnessPath(dir = __dirname): string | undefined {
  const file = path.join(dir, 'bench-harness.js');
  return fs.existsSync(file) ? file : undefined;
}

export interface RunFileOptions {
  harness: string;
  /** Absolute path of the benchmark file; `display` is how messages name it. */
  file: string;
  display: string;
  cwd: string;
  timeMs: number;
  warmupMs: number;
  sampleNs: number;
  clock?: BenchClock;
  rotate: number;
  names?: string[];
  /** With `names`: called with the full names of every benchmark the file would run, matched or not. */
  onDeclared?: (names: string[]) => void;
  /** Also bytes allocated per operation (a pass after timing). */
  memory?: boolean;
  /** Limit of each phase, in ms. */
  phaseTimeoutMs: number;
  signal?: AbortSignal;
}

/** The last non-empty line of stderr, short: what a one-sentence error can quote. */
export function stderrLastLine(tail: string): string {
  const lines = tail.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  return last.length > 300 ? `${last.slice(0, 297)}...` : last;
}

/** Runs one process of one file; resolves to its measurements, rejects with a BenchFileError (or the abort reason). */
export async function runBenchFile(o: RunFileOptions): Promise<MeasuredBenchmark[]> {
  o.signal?.throwIfAborted();
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'perf-lens-bench-'));
  try {
    const requestFile = path.join(tmp, 'request.json');
    const resultFile = path.join(tmp, 'result.json');
    const request: BenchHarnessRequest = { file: o.file, resultFile, timeMs: o.timeMs, warmupMs: o.warmupMs, sampleNs: o.sampleNs, clock: o.clock ?? 'wall', rotate: o.rotate };
    if (o.names) request.names = o.names;
    if (o.memory) request.memory = true;
    await fs.promises.writeFile(requestFile, JSON.stringify(request));
    const end = await runChild(o, requestFile);
    if (end.aborted) throw o.signal?.reason ?? new Error('aborted');
    const result = await readResult(resultFile);
    const tail = stderrLastLine(end.stderrTail);
    const quoted = tail ? `; stderr: ${tail}` : '';
    const during =
      end.phase.kind === 'hooks' ? ` while running its ${end.phase.name ?? 'suite'} hooks` : end.phase.name !== undefined ? ` while running benchmark "${end.phase.name}"` : ' while loading the file';
    if (end.timedOut) {
      throw new BenchFileError(`${o.display}: stopped after ${o.phaseTimeoutMs} ms${during} (the time limit), and its process group was killed${quoted}`, o.display, end.code, end.stderrTail);
    }
    if (result && !result.ok) throw new BenchFileError(`${o.display}: ${result.error}`, o.display, end.code, end.stderrTail);
    if (!result || end.code !== 0) {
      const how = end.code !== null ? `exited with code ${end.code}` : `was killed by ${end.signal ?? 'a signal'}`;
      throw new BenchFileError(`${o.display}: the benchmark process ${how}${during}${quoted}`, o.display, end.code, end.stderrTail);
    }
    if (result.declared) o.onDeclared?.(result.declared);
    return result.benchmarks;
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

interface ChildEnd extends GroupEnd {
  phase: { kind?: PhaseMessage['phase']; name?: string };
}

async function runChild(o: RunFileOptions, requestFile: string): Promise<ChildEnd> {
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  const phase: ChildEnd['phase'] = {};
  try {
    const end = await runInGroup({
      command: process.execPath,
      args: ['--expose-gc', o.harness, requestFile],
      cwd: o.cwd,
      env,
      ipc: true,
      // A benchmark stuck in a synchronous loop cannot answer anything: the limit kills (no requestStop), it does not ask.
      timeoutMs: o.phaseTimeoutMs,
      signal: o.signal,
      onMessage: (m, restartTimeout) => {
        if (!isPhaseMessage(m)) return;
        phase.kind = m.phase;
        phase.name = m.phase !== 'load' && typeof m.name === 'string' ? m.name : undefined;
        restartTimeout();
      },
    });
    return { ...end, phase };
  } catch (e) {
    if (!(e instanceof GroupStartError)) throw e;
    throw new BenchFileError(`${o.display}: could not start the benchmark harness (${e.message})`, o.display, null, e.stderrTail);
  }
}

async function readResult(file: string): Promise<BenchHarnessResult | undefined> {
  try {
    const r = JSON.parse(await fs.promises.readFile(file, 'utf8')) as BenchHarnessResult;
    return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' ? r : undefined;
  } catch {
    return undefined;
  }
}
