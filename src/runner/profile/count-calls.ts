/**
 * The counting pass of a function profile, in the profiling child (harness.ts), right after the profile
 * is written: the same number of calls again, under V8's precise coverage with call counts, written as
 * the call-count file next to the profile (see src/core/profile/call-counts.ts for the format).
 *
 * Why not during the profiled calls: while precise count coverage is on, V8 turns its optimizing
 * compilers off for the whole isolate (`Isolate::use_optimizer()`), so the profile would measure
 * unoptimized code (measured: a summing loop ran 14× slower, small functions 1.1–1.7×). Block coverage
 * (`detailed: true`) keeps them on but its counts are wrong for optimized and inlined code.
 *
 * The pass never fails the run: on any problem it writes a "skipped" file with the reason.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { CallCountFile, ScriptCoverage, SkippedCallCountFile } from '../../core/profile/call-counts';
import { postSync } from './inspector-post';

/** The pass may take this many times as long as the profiled calls did, and at least MIN_BUDGET_MS. */
export const BUDGET_FACTOR = 3;
export const MIN_BUDGET_MS = 1000;
/** After this long, the pass projects its total time from the calls so far and gives up early if over. */
const PROJECT_AFTER_MS = 50;
const YIELD_EVERY_MS = 20;

export interface CountCallsOptions {
  /** Calls to make: the number that was profiled. */
  calls: number;
  /** One call of the target; resolves false when a stop request arrived meanwhile, rejects when it threw. */
  callOnce: () => Promise<boolean>;
  stopRequested: () => boolean;
  /** How long the profiled calls took, for the budget. */
  profiledMs: number;
  /** Where the call-count file goes. */
  coverageFile: string;
  /** The .cpuprofile just written (its startTime and endTime tie the counts to it). */
  profileFile: string;
  /** Scripts left out of the file (the harness's own). */
  excludeUrl?: (url: string) => boolean;
  /**
   * The source map of a script transpiled on load (TypeScript, typescript/hooks.ts): such a script's file also
   * carries the JavaScript V8 ran, its map and the SHA-256 of the .ts text, so its counts can be placed
   * on the .ts lines.
   */
  sourceMapOf?: (url: string) => string | undefined;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function writeSkipped(file: string, reason: string): void {
  const out: SkippedCallCountFile = { format: 'perf-lens-call-counts', version: 1, skipped: reason };
  try {
    fs.writeFileSync(file, JSON.stringify(out));
  } catch {
    // Nothing more to say: the run stands without counts.
  }
}

interface ScriptInfo {
  hash?: string;
  length?: number;
}

/**
 * hash and length of every script V8 has parsed (Debugger.enable replays scriptParsed synchronously), and
 * the text of the scripts `wantSource` names.
 */
function scriptInfos(session: Session, wantSource: (scriptId: string) => boolean = () => false): Map<string, ScriptInfo & { source?: string }> {
  const infos = new Map<string, ScriptInfo & { source?: string }>();
  const onParsed = (m: { params: { scriptId: string; hash?: string; length?: number } }) => {
    infos.set(m.params.scriptId, { hash: m.params.hash, length: m.params.length });
  };
  session.on('Debugger.scriptParsed', onParsed);
  try {
    postSync(session, 'Debugger.enable');
    for (const [scriptId, info] of infos) {
      if (!wantSource(scriptId)) continue;
      try {
        info.source = postSync<{ scriptSource: string }>(session, 'Debugger.getScriptSource', { scriptId }).scriptSource;
      } catch {
        // Without its text, that script's counts are not placed.
      }
    }
    postSync(session, 'Debugger.disable');
  } catch {
    // Without them the reader cannot check the sources: it then gives no counts, which is safe.
  } finally {
    session.off('Debugger.scriptParsed', onParsed);
  }
  return infos;
}

/** SHA-256 of a file's UTF-8 text (the .ts that was transpiled), or undefined when unreadable. */
function hashOfFile(url: string): string | undefined {
  try {
    return createHash('sha256').update(fs.readFileSync(fileURLToPath(url), 'utf8'), 'utf8').digest('hex');
  } catch {
    return undefined;
  }
}

function profileTimes(file: string): { startTime: number; endTime: number } {
  const { startTime, endTime } = JSON.parse(fs.readFileSync(file, 'utf8')) as { startTime: number; endTime: number };
  if (typeof startTime !== 'number' || typeof endTime !== 'number') throw new Error(`${file} has no startTime/endTime`);
  return { startTime, endTime };
}

export async function countCallsAfterProfile(o: CountCallsOptions): Promise<void> {
  // A target stuck in a call is ended by the harness's watchdog (process.exit): say so in the file.
  let settled = false;
  const onExit = () => {
    if (!settled) writeSkipped(o.coverageFile, 'the run was stopped while calls were being counted');
  };
  process.on('exit', onExit);
  try {
    await countCalls(o);
  } finally {
    settled = true;
    process.off('exit', onExit);
  }
}

async function countCalls(o: CountCallsOptions): Promise<void> {
  if (o.calls < 1) return writeSkipped(o.coverageFile, 'no call was profiled');
  const budgetMs = Math.max(MIN_BUDGET_MS, BUDGET_FACTOR * o.profiledMs);
  const session = new Session();
  try {
    session.connect();
    postSync(session, 'Profiler.enable');
    // Starting it deoptimizes everything and clears the counts, so they cover exactly the calls below.
    postSync(session, 'Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  } catch (e) {
    return writeSkipped(o.coverageFile, `V8's precise coverage could not be started (${e instanceof Error ? e.message : String(e)})`);
  }
  const t0 = performance.now();
  let lastYield = t0;
  let timer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<'over'>((resolve) => {
    timer = setTimeout(() => resolve('over'), budgetMs);
  });
  try {
    for (let done = 0; done < o.calls; ) {
      if (o.stopRequested()) return writeSkipped(o.coverageFile, 'the run was stopped while calls were being counted');
      let completed: boolean | 'over';
      try {
        completed = await Promise.race([o.callOnce(), overBudget]);
      } catch (e) {
        return writeSkipped(o.coverageFile, `the function threw while calls were being counted (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
      }
      if (completed === false) return writeSkipped(o.coverageFile, 'the run was stopped while calls were being counted');
      const now = performance.now();
      const elapsed = now - t0;
      if (completed === 'over' || elapsed > budgetMs) {
        return writeSkipped(o.coverageFile, `counting ${o.calls} calls takes longer than the ${seconds(budgetMs)} allowed with V8's optimizer off; fewer iterations would do`);
      }
      done++;
      if (elapsed >= PROJECT_AFTER_MS && done < o.calls) {
        const projected = (elapsed / done) * o.calls;
        if (projected > budgetMs) {
          return writeSkipped(
            o.coverageFile,
            `counting ${o.calls} calls would take about ${seconds(projected)} with V8's optimizer off, over the ${seconds(budgetMs)} allowed; fewer iterations would do`,
          );
        }
      }
      if (now - lastYield >= YIELD_EVERY_MS) {
        // Lets the event loop read a stop request during a synchronous target.
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    const { result } = postSync<{ result: ScriptCoverage[] }>(session, 'Profiler.takePreciseCoverage');
    const kept = result.filter((s) => s.url.startsWith('file://') && !o.excludeUrl?.(s.url));
    const maps = new Map<string, string>();
    for (const s of kept) {
      const map = o.sourceMapOf?.(s.url);
      if (map !== undefined && s.scriptId !== undefined) maps.set(s.scriptId, map);
    }
    const infos = scriptInfos(session, (id) => maps.has(id));
    const scripts = kept.map((s) => {
      const info = s.scriptId !== undefined ? infos.get(s.scriptId) : undefined;
      const map = s.scriptId !== undefined ? maps.get(s.scriptId) : undefined;
      const { source, ...rest } = info ?? {};
      if (map === undefined || source === undefined) return { ...s, ...rest };
      return { ...s, ...rest, source, sourceMap: map, originalHash: hashOfFile(s.url) };
    });
    const out: CallCountFile = {
      format: 'perf-lens-call-counts',
      version: 1,
      calls: o.calls,
      profile: profileTimes(o.profileFile),
      scripts,
    };
    fs.writeFileSync(o.coverageFile, JSON.stringify(out));
  } catch (e) {
    writeSkipped(o.coverageFile, `the call counts could not be taken (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  } finally {
    if (timer) clearTimeout(timer);
    try {
      session.disconnect();
    } catch {
      // The process exits next.
    }
  }
}
