/**
 * The confirmation child's counting (harness.ts with `blockCountFile`): a fresh harness process that
 * runs the profiled function under V8's block coverage, to count how often each block of the target ran
 * (the runtime confirmation of n-plus-one findings, src/core/profile/runtime-confirmation.ts).
 *
 * Why a fresh process, started before the target loads: block counters are compiled into a function's
 * bytecode only when it is compiled while block coverage is on; code already compiled (the profiled run)
 * has none, and neither recompiling through the debugger nor flushing bytecode made V8 add them (tried).
 * Why the optimizer off (`--max-opt=0`): block coverage keeps it on, and optimized code then drops block
 * counts (measured: a for…of body's range vanished, an inlined helper counted 5,452 of 600,000 calls);
 * with the interpreter only, every count was exact, async functions included.
 * Why not conditional breakpoints (a counter in `Debugger.setBreakpointByUrl`'s condition): each hit
 * costs 170-360 µs here, even with a condition of `false`: 2-3.6 s per 10,000 elements per probe.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { postSync } from './inspector-post';
import type { BlockFunction } from '../../core/profile/runtime-confirmation';

/** What the child writes to `blockCountFile`. */
export interface BlockCountFile {
  format: 'perf-lens-block-counts';
  version: 1;
  /** Calls of the profiled function that ran while counting. */
  runs: number;
  /** How long they took (ms), optimizer off. */
  ms: number;
  /** The target's scripts: the text V8 ran, its source map when transpiled on load, and the counts. */
  scripts: { url: string; source: string; sourceMap?: string; functions: BlockFunction[] }[];
}

export interface SkippedBlockCountFile {
  format: 'perf-lens-block-counts';
  version: 1;
  skipped: string;
}

const YIELD_EVERY_MS = 20;

/**
 * Turns the optimizer off and starts block coverage with counts. Call before the target is loaded.
 * Returns the session, or a sentence saying why counting is not possible.
 */
export function startBlockCoverage(): Session | string {
  try {
    v8.setFlagsFromString('--max-opt=0');
    const session = new Session();
    session.connect();
    postSync(session, 'Profiler.enable');
    postSync(session, 'Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    return session;
  } catch (e) {
    return `V8's block coverage could not be started (${e instanceof Error ? e.message : String(e)})`;
  }
}

export interface CountBlocksOptions {
  session: Session;
  /** At most this many calls (the number profiled); fewer when the budget runs out, at least one. */
  calls: number;
  budgetMs: number;
  callOnce: () => Promise<boolean>;
  stopRequested: () => boolean;
  file: string;
  /** The scripts to report (the target module's URL). */
  includeUrl: (url: string) => boolean;
  /** The source map of a script transpiled on load (TypeScript), when there is one. */
  sourceMapOf: (url: string) => string | undefined;
}

function writeSkipped(file: string, reason: string): void {
  const out: SkippedBlockCountFile = { format: 'perf-lens-block-counts', version: 1, skipped: reason };
  fs.writeFileSync(file, JSON.stringify(out));
}

/** Runs the calls, then writes the counts (or the reason there are none). Exceptions of the target propagate. */
export async function countBlocks(o: CountBlocksOptions): Promise<void> {
  const t0 = performance.now();
  let lastYield = t0;
  let runs = 0;
  while (runs < o.calls) {
    if (o.stopRequested()) return writeSkipped(o.file, 'the run was stopped while counting');
    if (!(await o.callOnce())) return writeSkipped(o.file, 'the run was stopped while counting');
    runs++;
    const now = performance.now();
    // Per-run figures are what is reported: a few runs are enough, and the first one is always kept.
    if (now - t0 >= o.budgetMs) break;
    if (now - lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  const ms = performance.now() - t0;
  const { result } = postSync<{ result: { scriptId: string; url: string; functions: BlockFunction[] }[] }>(o.session, 'Profiler.takePreciseCoverage');
  const wanted = result.filter((s) => o.includeUrl(s.url));
  const sources = new Map<string, string>();
  postSync(o.session, 'Debugger.enable');
  try {
    for (const s of wanted) {
      sources.set(s.scriptId, postSync<{ scriptSource: string }>(o.session, 'Debugger.getScriptSource', { scriptId: s.scriptId }).scriptSource);
    }
  } finally {
    postSync(o.session, 'Debugger.disable');
  }
  const out: BlockCountFile = {
    format: 'perf-lens-block-counts',
    version: 1,
    runs,
    ms: Math.round(ms * 1000) / 1000,
    scripts: wanted.map((s) => ({
      url: s.url,
      source: sources.get(s.scriptId) ?? '',
      sourceMap: o.sourceMapOf(s.url),
      functions: s.functions.map((f) => ({ functionName: f.functionName, ranges: f.ranges })),
    })),
  };
  fs.writeFileSync(o.file, JSON.stringify(out));
}

/** The parsed file, or undefined when it is not one. */
export function parseBlockCountFile(json: unknown): BlockCountFile | SkippedBlockCountFile | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Partial<BlockCountFile & SkippedBlockCountFile>;
  if (o.format !== 'perf-lens-block-counts' || o.version !== 1) return undefined;
  if (typeof o.skipped === 'string') return { format: o.format, version: 1, skipped: o.skipped };
  if (typeof o.runs !== 'number' || !Array.isArray(o.scripts)) return undefined;
  return o as BlockCountFile;
}
