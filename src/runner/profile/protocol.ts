/**
 * What the parent (run-profile.ts) and the profiling child (harness.ts) say to each other. The request
 * travels as a JSON file whose path is the child's only argument, so no user text is ever on a command
 * line; the result comes back as a JSON file; `stop` travels over the IPC channel.
 */

/** Profile one exported function, called over and over with the same arguments. */
export interface FunctionHarnessRequest {
  mode: 'function';
  /** Absolute path of a .js/.cjs/.mjs module. */
  module: string;
  /** A named export, 'default', or 'Class.method' for a static method. */
  exportName: string;
  /** JSON values passed as the arguments. */
  args: unknown[];
  /**
   * Or a JavaScript expression giving the argument array, evaluated in the module's scope (its local
   * helpers work in CommonJS; its exports in ESM). Takes precedence over `args`.
   */
  argsExpression?: string;
  /** Profile for this long (default 2000) ... */
  durationMs?: number;
  /** ... or exactly this many calls (takes precedence when set). */
  iterations?: number;
  /** Untimed, unprofiled calls first so the JIT settles (default 300; 0 allowed). */
  warmupMs?: number;
  /** Sampling interval requested from V8 (Profiler.setSamplingInterval), default DEFAULT_INTERVAL_US. */
  intervalUs: number;
  /** Where the .cpuprofile goes (JSON exactly as V8 returns it). */
  outFile: string;
  /** Where the HarnessResult JSON goes. */
  resultFile: string;
  /**
   * Wall-clock time (Date.now()) at which the parent gives up. A watchdog thread in the child stops the
   * profile from outside the main thread shortly after it, for a target that never returns to the harness.
   */
  stopAt?: number;
  /**
   * A file whose appearance means "stop" (the parent writes it on abort or time limit, beside the IPC
   * message): the watchdog thread polls it, so a target that never returns can be stopped with its
   * partial profile at any time, not only at `stopAt`.
   */
  stopFile?: string;
  /**
   * Where the call counts go (count-calls.ts): after a complete profile, the same number of calls again
   * under V8's precise coverage. Absent: no counting pass.
   */
  coverageFile?: string;
  /**
   * Runtime confirmation (block-count.ts): no profile; block coverage starts before the target loads,
   * then up to `blockCountCalls` calls within `blockCountBudgetMs`, and the counts go to this file.
   */
  blockCountFile?: string;
  blockCountCalls?: number;
  blockCountBudgetMs?: number;
}

/** Profile a whole script run as the main program. */
export interface ScriptHarnessRequest {
  mode: 'script';
  /** Absolute path of the script. */
  script: string;
  /** The script's own arguments (process.argv.slice(2) inside it). */
  argv: string[];
  intervalUs: number;
  outFile: string;
  resultFile: string;
  stopAt?: number;
  /** See FunctionHarnessRequest.stopFile. */
  stopFile?: string;
}

export type HarnessRequest = FunctionHarnessRequest | ScriptHarnessRequest;

export type HarnessResult =
  | {
      ok: true;
      partial: boolean;
      calls: number;
      profiledMs: number;
      warmupCalls: number;
      /**
       * Function mode: the watchdog stopped the run inside a call of the target that had not returned
       * (a busy loop); the profile shows where it was spinning.
       */
      stoppedInsideCall?: boolean;
      /** Function mode: stopped before the measured part began; the profile is the warm-up's, untrimmed. */
      stoppedWhileWarmingUp?: boolean;
    }
  | { ok: false; error: string };

/** Parent → child over IPC: stop at the next call boundary, write what was profiled, exit 0. */
export interface StopMessage {
  type: 'stop';
}

export const DEFAULT_DURATION_MS = 2000;
export const DEFAULT_WARMUP_MS = 300;
/** The sampling interval asked of V8 when none is given, in µs: the CLI's --interval default and every runner's. */
export const DEFAULT_INTERVAL_US = 1000;

/**
 * How long after `stopAt` the child's watchdog steps in: the parent sends `stop` at `stopAt`, so a
 * target that returns to the harness gets this long to stop cleanly at a call boundary first.
 */
export const WATCHDOG_GRACE_MS = 500;

export function isStopMessage(m: unknown): m is StopMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'stop';
}
