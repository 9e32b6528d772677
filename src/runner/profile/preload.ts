/**
 * Loaded into every Node.js process of an npm script or a test run (bundled as dist/profile-preload.js;
 * profile-processes.ts puts `--require <it>` into NODE_OPTIONS, which every Node process the run starts
 * inherits: `node x`, `tsx x`, a test runner and the workers it forks). Each process profiles its own main
 * thread with node:inspector, the same sampler as the script harness, and writes `<pid>.cpuprofile` and
 * then `<pid>.json` (what ran, its CPU time) into PERF_LENS_PROFILE_DIR when it exits.
 *
 * Why not `--cpu-prof`: it writes a profile only on a clean exit, so a run stopped at its time limit (or a
 * worker its runner ends with SIGTERM) leaves nothing. Here a watchdog thread per process watches for the
 * parent's `stop` file and stops the profile through an inspector session on the main thread, which V8
 * runs as an interrupt even inside a busy loop; SIGTERM (how test runners end their workers) writes the
 * profile first when nobody else handles it, then the process dies by it as before.
 *
 * Not profiled: npm's own processes (npm run, a nested npm run), worker threads, and any process started
 * after the stop file exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { Worker, isMainThread } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { postSync } from './inspector-post';
import { DEFAULT_INTERVAL_US } from './protocol';
import { PRELOAD_DIR_ENV, PRELOAD_INTERVAL_ENV, STOP_FILE, type ProcessMeta, isNpmCli, processFiles } from './preload-protocol';

const STOP_KEY = Symbol.for('perf-lens.profile-preload.stop');
/** How often the watchdog thread looks for the stop file. */
const STOP_POLL_MS = 50;
/**
 * How test runners end their worker processes. A JS listener makes the signal wait for the event loop:
 * an idle worker (the usual case) writes its profile and dies at once by the same signal; one busy in
 * a synchronous loop dies when it next yields, or when the run's time limit kills the process group.
 */
const STOP_SIGNAL = 'SIGTERM';

function start(dir: string): void {
  const intervalUs = Number(process.env[PRELOAD_INTERVAL_ENV]) || DEFAULT_INTERVAL_US;
  const session = new Session();
  session.connect();
  postSync(session, 'Profiler.enable');
  postSync(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
  postSync(session, 'Profiler.start');
  const startedAt = performance.now();
  let finished = false;

  /** Stops the profiler and writes the profile, then the meta file (its presence means both are complete). Synchronous; runs once. */
  const finish = (endedBy: ProcessMeta['endedBy']): void => {
    if (finished) return;
    finished = true;
    try {
      const { profile } = postSync<{ profile: ProfileShape }>(session, 'Profiler.stop');
      const wallMs = performance.now() - startedAt;
      const cpu = process.cpuUsage();
      const files = processFiles(dir, process.pid);
      fs.writeFileSync(files.profile, JSON.stringify(profile));
      const scriptUrls = [...new Set(profile.nodes.map((n) => n.callFrame.url))].filter((u) => u !== '' && !u.startsWith('node:'));
      const maps = inlineMapsOf(session, new Set(scriptUrls));
      if (Object.keys(maps).length > 0) fs.writeFileSync(files.maps, JSON.stringify(maps));
      const meta: ProcessMeta = {
        pid: process.pid,
        ppid: process.ppid,
        argv: process.argv.slice(1, 12).map((a) => (a.length > 300 ? `${a.slice(0, 300)}…` : a)),
        cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
        wallMs: Math.round(wallMs * 10) / 10,
        endedBy,
        sampleCount: profile.samples?.length ?? 0,
        scriptUrls: scriptUrls.slice(0, MAX_SCRIPT_URLS),
      };
      fs.writeFileSync(files.meta, JSON.stringify(meta));
    } catch {
      // The folder is gone (the parent gave up) or the inspector closed: nothing to keep.
    }
  };

  process.on('exit', () => finish('exit'));
  const onSignal = (): void => {
    // Only when this listener is the one that made the signal non-fatal: otherwise the program's own
    // handler decides, and the 'exit' event writes the profile if it exits.
    if (process.listenerCount(STOP_SIGNAL) > 1) return;
    finish('signal');
    // Alone again, the signal does what it would have done without us.
    process.off(STOP_SIGNAL, onSignal);
    process.kill(process.pid, STOP_SIGNAL);
  };
  process.on(STOP_SIGNAL, onSignal);
  (globalThis as Record<symbol, unknown>)[STOP_KEY] = () => {
    finish('stop');
    process.exit(0);
  };
  startWatchdog(path.join(dir, STOP_FILE));
}

/** Longest inline map kept (a data: URL), and how many script URLs the meta file lists at most. */
const MAX_MAP_URL_CHARS = 8 * 1024 * 1024;
const MAX_SCRIPT_URLS = 5000;

interface ProfileShape {
  nodes: { callFrame: { url: string } }[];
  samples?: unknown[];
}

/**
 * The inline source maps of the profiled scripts, `{ url: data: URL }`: a test runner or tsx compiles
 * TypeScript in memory and appends a map that the file on disk does not have, so the parent could not
 * find it. Asked after the profile is stopped, so it costs the profiled code nothing: enabling the
 * Debugger domain makes V8 report every live script (Debugger.scriptParsed) with the map it names.
 */
function inlineMapsOf(session: Session, urls: ReadonlySet<string>): Record<string, string> {
  const maps: Record<string, string> = {};
  const onScript = (m: { params: { url: string; sourceMapURL?: string } }): void => {
    const { url, sourceMapURL } = m.params;
    if (!urls.has(url) || url.includes('/node_modules/')) return;
    if (sourceMapURL?.startsWith('data:') && sourceMapURL.length <= MAX_MAP_URL_CHARS) maps[url] = sourceMapURL;
  };
  session.on('Debugger.scriptParsed', onScript);
  try {
    postSync(session, 'Debugger.enable');
    postSync(session, 'Debugger.disable');
  } catch {
    // No maps: the profile stays on the lines V8 ran.
  } finally {
    session.off('Debugger.scriptParsed', onScript);
  }
  return maps;
}

/**
 * A thread that polls for the stop file, then evaluates the stop function on the main thread through an
 * inspector session (an interrupt: it runs even while the target spins). Unref'd: never keeps the process alive.
 */
function startWatchdog(stopFile: string): void {
  const code = `
    const fs = require('node:fs');
    const { workerData } = require('node:worker_threads');
    const { Session } = require('node:inspector');
    const timer = setInterval(() => {
      if (!fs.existsSync(workerData.stopFile)) return;
      clearInterval(timer);
      const session = new Session();
      session.connectToMainThread();
      session.post('Runtime.evaluate', { expression: workerData.expression }, () => {});
    }, workerData.pollMs);
  `;
  const expression = `globalThis[Symbol.for(${JSON.stringify(STOP_KEY.description)})]()`;
  const worker = new Worker(code, { eval: true, workerData: { stopFile, expression, pollMs: STOP_POLL_MS }, stdout: true, stderr: true, env: {} });
  worker.unref();
  worker.on('error', () => undefined);
}

function main(): void {
  const dir = process.env[PRELOAD_DIR_ENV];
  if (!dir || !isMainThread || isNpmCli(process.argv[1] ?? '')) return;
  if (fs.existsSync(path.join(dir, STOP_FILE)) || !fs.existsSync(dir)) return;
  try {
    start(dir);
  } catch {
    // No inspector in this process (node --test's own runner process has none): it runs unprofiled,
    // and silently, as its output is the user's.
  }
}

main();
