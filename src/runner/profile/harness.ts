/**
 * The profiling child's entry, bundled as dist/profile-harness.js and started by run-profile.ts as
 * `node profile-harness.js <request.json>`. It profiles in-process with node:inspector: either one
 * exported function called over and over (mode 'function'), or a whole script run as the main program
 * (mode 'script'). It writes the .cpuprofile to `outFile` and a HarnessResult to `resultFile`.
 *
 * Stopping early: a `{ type: 'stop' }` IPC message is honoured at the next call boundary (and while an
 * async call is pending). A target that never returns to the harness cannot read IPC at all, so a
 * watchdog thread stops the profile from outside shortly after `stopAt`: it evaluates the harness's
 * stop function on the main thread through an inspector session, which V8 runs as an interrupt even
 * inside a busy loop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as nodeModule from 'node:module';
import { eagerSourcePositions, neverOptimize } from './no-inline';
import { postSync } from './inspector-post';
import { evaluateArgs, exposeModuleScope } from './args-expression';
import { trimBefore } from '../../core/profile/trim';
import type { CpuProfile } from '../../core/profile/model';
import { esModuleInterop, installTypeScript, isEsmTypeScript, remapTypeScript, sourceMapOf } from '../typescript/hooks';
import { countCallsAfterProfile } from './count-calls';
import { countBlocks, startBlockCoverage } from './block-count';
import {
  DEFAULT_DURATION_MS,
  DEFAULT_INTERVAL_US,
  DEFAULT_WARMUP_MS,
  WATCHDOG_GRACE_MS,
  isStopMessage,
  type FunctionHarnessRequest,
  type HarnessRequest,
  type HarnessResult,
  type ScriptHarnessRequest,
} from './protocol';

const STOP_KEY = Symbol.for('perf-lens.profile-harness.stop');
/** Longest stretch of synchronous calls before the loop yields to the event loop to read IPC. */
const YIELD_EVERY_MS = 20;


/** `insideCall`: the watchdog stopped the run while the target had not returned (function mode). */
type Outcome = { partial: boolean; insideCall?: boolean } | { error: string };

const state = {
  session: undefined as Session | undefined,
  profiling: false,
  profileStart: 0,
  profiledMs: 0,
  finished: false,
  calls: 0,
  warmupCalls: 0,
  phase: 'loading the target',
  /**
   * Function mode: the profiler runs through the warm-up too (code V8 optimizes while no profiler
   * watches can lose its samples to our loop), and the profile is cut here, in µs of the profile's
   * clock (process.hrtime and V8's share the monotonic clock). Undefined while warming up.
   */
  measureFromUs: undefined as number | undefined,
};

/** A call on the profiling session (synchronous: see inspector-post.ts). */
function post<T = unknown>(method: string, params?: object): T {
  if (!state.session) throw new Error('no inspector session');
  return postSync<T>(state.session, method, params);
}

function startProfiler(intervalUs: number): void {
  state.session = new Session();
  state.session.connect();
  post('Profiler.enable');
  post('Profiler.setSamplingInterval', { interval: intervalUs });
  post('Profiler.start');
  state.profiling = true;
  state.profileStart = performance.now();
}

function stopProfiler(): CpuProfile | undefined {
  if (!state.profiling) return undefined;
  state.profiling = false;
  const { profile } = post<{ profile: CpuProfile }>('Profiler.stop');
  state.profiledMs = performance.now() - state.profileStart;
  try {
    post('Profiler.disable');
    state.session?.disconnect();
  } catch {
    // Only tidiness: the process is about to exit.
  }
  return profile;
}

/**
 * Stops the profiler and writes the profile (unless the outcome is an error) and then the result.
 * Synchronous, so it also works from process.on('exit') and from the watchdog's interrupt. Runs once:
 * returns the result it wrote, or undefined when it had already run.
 */
function finish(req: HarnessRequest, outcome: Outcome): HarnessResult | undefined {
  if (state.finished) return undefined;
  state.finished = true;
  let result: HarnessResult;
  try {
    const profile = stopProfiler();
    if ('error' in outcome) {
      result = { ok: false, error: outcome.error };
    } else if (!profile) {
      result = { ok: false, error: `the run was stopped before profiling started (while ${state.phase})` };
    } else {
      // Stopped during the warm-up (a function that never returns, a stop request): the warm-up's
      // profile is all there is, and it shows where the function was spending its time.
      const warmingUp = req.mode === 'function' && state.measureFromUs === undefined;
      const measured = req.mode === 'function' && !warmingUp ? trimBefore(profile, state.measureFromUs!) : profile;
      fs.writeFileSync(req.outFile, JSON.stringify(remapTypeScript(measured)));
      result = {
        ok: true,
        partial: outcome.partial || warmingUp,
        calls: state.calls,
        profiledMs: Math.round(state.profiledMs * 1000) / 1000,
        warmupCalls: state.warmupCalls,
        ...(req.mode === 'function' && outcome.insideCall ? { stoppedInsideCall: true } : {}),
        ...(warmingUp ? { stoppedWhileWarmingUp: true } : {}),
      };
    }
  } catch (e) {
    result = { ok: false, error: `the harness could not write the profile: ${firstLine(e)}` };
  }
  fs.writeFileSync(req.resultFile, JSON.stringify(result));
  return result;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim() || (e instanceof Error ? e.name : 'unknown error');
}

/**
 * A thread that waits until `stopAt` + grace and then runs the stop function on the main thread through
 * an inspector session (Session.connectToMainThread): the inspector dispatches it as a V8 interrupt, so
 * it runs even while the target spins. Unref'd: it never keeps the process alive.
 */
function startWatchdog(stopAt: number | undefined, stopFile: string | undefined): void {
  const timed = stopAt !== undefined && Number.isFinite(stopAt);
  if (!timed && !stopFile) return;
  let delay = timed ? Math.max(0, stopAt + WATCHDOG_GRACE_MS - Date.now()) : -1;
  if (delay > 2 ** 31 - 1) delay = -1;
  if (delay < 0 && !stopFile) return;
  // The stop file (abort, or the time limit): polled; the target gets WATCHDOG_GRACE_MS after it appears
  // to come back to the harness and stop at a call boundary, as with stopAt.
  const code = `
    const { workerData } = require('node:worker_threads');
    const { Session } = require('node:inspector');
    const fs = require('node:fs');
    let fired = false;
    const fire = () => {
      if (fired) return;
      fired = true;
      const session = new Session();
      session.connectToMainThread();
      session.post('Runtime.evaluate', { expression: workerData.expression }, () => {});
    };
    if (workerData.delay >= 0) setTimeout(fire, workerData.delay);
    if (workerData.stopFile) {
      const poll = setInterval(() => {
        if (!fs.existsSync(workerData.stopFile)) return;
        clearInterval(poll);
        setTimeout(fire, workerData.grace);
      }, 100);
    }
  `;
  const expression = `globalThis[Symbol.for(${JSON.stringify(STOP_KEY.description)})]()`;
  const worker = new Worker(code, { eval: true, workerData: { delay, expression, stopFile, grace: WATCHDOG_GRACE_MS }, stdout: true, stderr: true });
  worker.unref();
  worker.on('error', () => undefined);
}

/**
 * Stop requests: `onRequest` for the parent's IPC message (and the parent going away), `onWatchdog` for
 * the watchdog thread, which only fires when the target did not come back to the harness in time.
 */
function listenForStop(onRequest: () => void, onWatchdog: () => void): void {
  (globalThis as Record<symbol, unknown>)[STOP_KEY] = onWatchdog;
  process.on('message', (m) => {
    if (isStopMessage(m)) onRequest();
  });
  process.on('disconnect', onRequest);
}

/**
 * Stops and writes everything now, then exits (0 with a profile, 1 with an error result). `insideCall`:
 * called by the watchdog, so the target had not come back to the harness (function mode).
 */
function stopNow(req: HarnessRequest, insideCall = false): void {
  const result = finish(req, { partial: true, insideCall });
  if (result) process.exit(result.ok ? 0 : 1);
  // Already written: only the counting pass after a complete profile was left, and it gives up.
  else if (state.finished) process.exit(0);
}

// ---------------------------------------------------------------------------------------------------
// mode: 'function'

interface Target {
  fn: (...args: unknown[]) => unknown;
  thisArg: unknown;
  /** The module's namespace (what an arguments expression sees as `exports` in an ES module). */
  exports: Record<string, unknown>;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isObjectLike(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** Looks `name` up on the namespace first, then on its default export (a CJS module's module.exports). */
function lookUp(ns: Record<string, unknown>, name: string): { found: boolean; value: unknown; holder: unknown } {
  if (Object.prototype.hasOwnProperty.call(ns, name)) return { found: true, value: ns[name], holder: ns };
  const def = ns.default;
  if (name !== 'default' && isObjectLike(def) && name in def) return { found: true, value: def[name], holder: def };
  return { found: false, value: undefined, holder: undefined };
}

/** What to list when a name is not found: the names lookUp() can find, without a default that is a plain object. */
function exportNames(ns: Record<string, unknown>): string[] {
  const def = ns.default;
  const names = new Set(Object.keys(ns).filter((k) => k !== 'module.exports' && !(k === 'default' && typeof def === 'object')));
  if (isObjectLike(def)) for (const k of Object.keys(def)) names.add(k);
  return [...names].sort();
}

async function resolveTarget(req: FunctionHarnessRequest): Promise<Target | string> {
  const base = path.basename(req.module);
  let ns: Record<string, unknown>;
  try {
    ns = esModuleInterop((await import(pathToFileURL(req.module).href)) as Record<string, unknown>);
  } catch (e) {
    return `could not load ${base}: ${firstLine(e)}`;
  }
  const listing = (): string => {
    const names = exportNames(ns);
    return names.length ? `exports: ${names.join(', ')}` : 'it has no exports';
  };
  const direct = lookUp(ns, req.exportName);
  if (direct.found) {
    if (typeof direct.value !== 'function') return `${base}: export "${req.exportName}" is ${describeValue(direct.value)}, not a function`;
    return { fn: direct.value as Target['fn'], thisArg: direct.holder, exports: ns };
  }
  const dot = req.exportName.indexOf('.');
  if (dot <= 0 || dot === req.exportName.length - 1) return `${base} has no export named "${req.exportName}" (${listing()})`;
  const className = req.exportName.slice(0, dot);
  const methodName = req.exportName.slice(dot + 1);
  const cls = lookUp(ns, className);
  if (!cls.found) return `${base} has no export named "${className}" (${listing()})`;
  if (!isObjectLike(cls.value)) return `${base}: export "${className}" is ${describeValue(cls.value)}, not a class`;
  const holder = cls.value;
  const method = (holder as Record<string, unknown>)[methodName];
  if (typeof method !== 'function') {
    const statics = Object.getOwnPropertyNames(holder).filter(
      (k) => !['length', 'name', 'prototype', 'caller', 'arguments'].includes(k) && typeof (holder as Record<string, unknown>)[k] === 'function',
    );
    return `${base}: ${className} has no static method named "${methodName}" (${statics.length ? `static methods: ${statics.join(', ')}` : 'it has no static methods'})`;
  }
  return { fn: method as Target['fn'], thisArg: holder, exports: ns };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return isObjectLike(v) && typeof (v as { then?: unknown }).then === 'function';
}

function exitWith(req: HarnessRequest, outcome: Outcome, code: number): never {
  finish(req, outcome);
  process.exit(code);
}

async function runFunction(req: FunctionHarnessRequest): Promise<never> {
  let stopRequested = false;
  let wake: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    wake = () => resolve('stopped');
  });
  listenForStop(
    () => {
      stopRequested = true;
      wake();
    },
    () => stopNow(req, true),
  );

  // Runtime confirmation: block counters exist only in code compiled after coverage starts (block-count.ts).
  const blockSession = req.blockCountFile ? startBlockCoverage() : undefined;
  if (typeof blockSession === 'string') exitWith(req, { error: blockSession }, 1);
  const restore = req.argsExpression !== undefined ? exposeModuleScope(req.module) : () => undefined;
  const target = await resolveTarget(req);
  restore();
  if (typeof target === 'string') exitWith(req, { error: target }, 1);
  const { fn, thisArg } = target;
  let args = req.args;
  if (req.argsExpression !== undefined) {
    const evaluated = evaluateArgs(req.argsExpression, target.exports, nodeModule.createRequire(req.module));
    if (typeof evaluated === 'string') exitWith(req, { error: evaluated }, 1);
    args = evaluated;
  }

  /** One call; resolves false when a stop request arrived while it was pending. */
  const callOnce = async (): Promise<boolean> => {
    const r = fn.apply(thisArg, args);
    if (isThenable(r)) {
      const settled = await Promise.race([Promise.resolve(r).then(() => 'done' as const), stopped]);
      return settled === 'done';
    }
    return true;
  };
  // The user's function must not be inlined into this loop: its samples would land on our call line.
  neverOptimize(callOnce);

  let lastYield = performance.now();
  /** Lets the event loop run now and then, so IPC messages get read during a synchronous loop. */
  const maybeYield = async (now: number): Promise<void> => {
    if (now - lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  };

  /** One call of the target; its exception ends the run with "<exportName> threw: <message>". */
  const call = (): Promise<boolean> =>
    callOnce().then(
      (completed) => completed,
      (e: unknown) => exitWith(req, { error: `${req.exportName} threw: ${firstLine(e)}` }, 1),
    );

  if (blockSession && req.blockCountFile) {
    state.phase = 'counting';
    const t0 = performance.now();
    const targetUrl = pathToFileURL(req.module).href;
    await countBlocks({
      session: blockSession,
      calls: req.blockCountCalls ?? 1,
      budgetMs: req.blockCountBudgetMs ?? 1000,
      callOnce: call,
      stopRequested: () => stopRequested,
      file: req.blockCountFile,
      includeUrl: (url) => url === targetUrl,
      sourceMapOf,
    });
    state.finished = true;
    const result: HarnessResult = { ok: true, partial: false, calls: 0, profiledMs: performance.now() - t0, warmupCalls: 0 };
    fs.writeFileSync(req.resultFile, JSON.stringify(result));
    process.exit(0);
  }

  state.phase = 'warming up';
  startProfiler(req.intervalUs || DEFAULT_INTERVAL_US);
  const warmupMs = req.warmupMs ?? DEFAULT_WARMUP_MS;
  if (warmupMs > 0) {
    const t0 = performance.now();
    for (;;) {
      if (stopRequested || !(await call())) stopNow(req);
      state.warmupCalls++;
      const now = performance.now();
      if (now - t0 >= warmupMs) break;
      await maybeYield(now);
    }
  }
  if (stopRequested) stopNow(req);

  state.phase = 'profiling';
  state.measureFromUs = Number(process.hrtime.bigint() / 1000n);
  state.profileStart = performance.now();
  lastYield = state.profileStart;
  const iterations = req.iterations;
  const durationMs = req.durationMs ?? DEFAULT_DURATION_MS;
  for (;;) {
    if (stopRequested) break;
    if (iterations !== undefined ? state.calls >= iterations : performance.now() - state.profileStart >= durationMs) break;
    if (!(await call())) break;
    state.calls++;
    await maybeYield(performance.now());
  }
  if (stopRequested || !req.coverageFile) exitWith(req, { partial: stopRequested }, 0);
  // A complete profile is written first; then the same number of calls again, counted (count-calls.ts).
  if (finish(req, { partial: false })?.ok) {
    const ownUrl = pathToFileURL(__filename).href;
    await countCallsAfterProfile({
      calls: state.calls,
      callOnce,
      stopRequested: () => stopRequested,
      profiledMs: state.profiledMs,
      coverageFile: req.coverageFile,
      profileFile: req.outFile,
      excludeUrl: (url) => url === ownUrl,
      sourceMapOf,
    });
  }
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------
// mode: 'script'

function runScript(req: ScriptHarnessRequest): void {
  listenForStop(
    () => stopNow(req),
    () => stopNow(req),
  );
  // The IPC channel must not keep the process alive: the script ends when its own work ends.
  process.channel?.unref();
  process.on('exit', () => {
    finish(req, { partial: false });
  });
  process.argv = [process.execPath, req.script, ...req.argv];
  state.phase = 'profiling';
  startProfiler(req.intervalUs || DEFAULT_INTERVAL_US);
  // runMain loads the script the way `node script` would (CJS or ESM, require.main === module).
  // Anything it throws is the script's own uncaught exception: Node reports it and exits with code 1.
  const runMain = (nodeModule as unknown as { runMain?: (main?: string) => void }).runMain;
  // ESM TypeScript has no CommonJS entry to run: import() goes through the loader hooks.
  if (typeof runMain === 'function' && !isEsmTypeScript(req.script)) runMain(req.script);
  else void import(pathToFileURL(req.script).href);
}

// ---------------------------------------------------------------------------------------------------

function readRequest(): HarnessRequest {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('profile-harness: usage: node profile-harness.js <request.json>\n');
    process.exit(2);
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as HarnessRequest;
  } catch (e) {
    process.stderr.write(`profile-harness: cannot read the request ${file}: ${firstLine(e)}\n`);
    process.exit(2);
  }
}

function main(): void {
  // Before any user code is compiled: see no-inline.ts.
  eagerSourcePositions();
  const req = readRequest();
  startWatchdog(req.stopAt, req.stopFile);
  try {
    installTypeScript(req.mode === 'script' ? req.script : req.module, req.mode === 'script');
  } catch (e) {
    exitWith(req, { error: `TypeScript support could not be loaded: ${firstLine(e)}` }, 1);
  }
  if (req.mode === 'function') {
    runFunction(req).catch((e: unknown) => exitWith(req, { error: `the harness failed: ${firstLine(e)}` }, 1));
  } else if (req.mode === 'script') {
    runScript(req);
  } else {
    process.stderr.write(`profile-harness: unknown mode ${JSON.stringify((req as { mode?: unknown }).mode)}\n`);
    process.exit(2);
  }
}

main();
