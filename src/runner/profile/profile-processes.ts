/**
 * The parent side of profiling a command whose Node.js processes we do not start ourselves (`npm run x`,
 * a test runner): every Node process it starts loads preload.ts through NODE_OPTIONS and writes its own
 * profile into a temporary folder. Then one process is chosen: the one that used the most CPU time (among
 * those that ran `preferFile`, when given and any did); the others are listed with their CPU time.
 *
 * Why choose rather than merge: a .cpuprofile is the sample timeline of one thread. Processes run at the
 * same time, so merged samples would overlap, their percentages would add up to more than the run, and
 * DevTools would show one timeline that never happened. The one doing the work is nearly always clear,
 * and `keepOtherProfiles` saves the rest beside it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySourceMaps } from './source-maps';
import { runInGroup } from '../process/process-group';
import { PRELOAD_DIR_ENV, PRELOAD_INTERVAL_ENV, STOP_FILE, type ProcessMeta, processFiles } from './preload-protocol';
import { ProfileOptionsError, ProfileTargetError, STOP_GRACE_MS, type ProfileRunResult, checkIntervalUs, isHarnessFrame } from './run-profile';

export interface ProcessTreeOptions {
  /** The executable and its arguments: given to the OS as they are, never to a shell. */
  command: string;
  args: readonly string[];
  /** How the run is named in messages: "npm run work", "the test run (vitest)". */
  what: string;
  cwd: string;
  outFile: string;
  intervalUs: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** dist/profile-preload.js. */
  preloadPath: string;
  /** A processes that ran this file (a test file) is chosen before one that did not. */
  preferFile?: string;
  /** Save the other processes' profiles as `<outFile>.<pid>.cpuprofile` too (default: discarded). */
  keepOtherProfiles?: boolean;
  /** Extra environment variables for the command. */
  env?: NodeJS.ProcessEnv;
  /** On abort, resolve with the partial profiles the processes wrote (labelled `aborted`) instead of rejecting: the CLI's Ctrl-C. */
  keepPartialOnAbort?: boolean;
}

export interface ProfiledProcess {
  pid: number;
  ppid: number;
  /** The process's command line from its main script on, for display: `work.js 10000`. */
  command: string;
  cpuMs: number;
  wallMs: number;
  sampleCount: number;
  /** How its profile ended (see ProcessMeta). */
  endedBy: ProcessMeta['endedBy'];
  /** Whether `preferFile` appears in its profile (undefined without preferFile). */
  ranPreferredFile?: boolean;
  /** Where its profile was saved: the chosen one's is the run's profilePath; others only with keepOtherProfiles. */
  profilePath?: string;
}

export interface ProcessTreeResult extends ProfileRunResult {
  /** The chosen process. */
  pid: number;
  /** Every profiled process, the chosen one first, then by CPU time. */
  processes: ProfiledProcess[];
}

/** dist/profile-preload.js next to the running bundle, else undefined. */
export function profilePreloadPath(dir = __dirname): string | undefined {
  const file = path.join(dir, 'profile-preload.js');
  return fs.existsSync(file) ? file : undefined;
}

/** The options every run of a command's processes takes (npm-script.ts, test-runner.ts). */
export interface ProcessRunOptions {
  outFile: string;
  intervalUs?: number;
  /** Stop everything after this long and keep the partial profile; default: none. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Default: profilePreloadPath(). */
  preloadPath?: string;
  keepOtherProfiles?: boolean;
  /** See ProcessTreeOptions.keepPartialOnAbort. */
  keepPartialOnAbort?: boolean;
}

/** Checks the shared options (one-sentence ProfileOptionsError each) and fills in the defaults. */
export function checkProcessRunOptions(o: ProcessRunOptions): { intervalUs: number; preloadPath: string } {
  const intervalUs = checkIntervalUs(o.intervalUs);
  if (o.timeoutMs !== undefined && !(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)) throw new ProfileOptionsError(`timeoutMs must be a positive number of milliseconds (got ${o.timeoutMs})`);
  const preloadPath = o.preloadPath ?? profilePreloadPath();
  if (!preloadPath) throw new ProfileOptionsError('the profile preload dist/profile-preload.js was not found next to this bundle (run the build)');
  if (!o.outFile) throw new ProfileOptionsError('no output file (outFile) was given');
  return { intervalUs, preloadPath };
}

/** NODE_OPTIONS with `--require "<file>"` added after the user's own options (quoted and escaped as Node parses it). */
export function withPreload(nodeOptions: string | undefined, preloadFile: string): string {
  const quoted = `"${preloadFile.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return [nodeOptions?.trim(), `--require ${quoted}`].filter(Boolean).join(' ');
}

/**
 * The Node.js executable for a run: this one, unless it is Electron's (VS Code's extension host), where
 * the `node` on PATH is the one the project's own scripts would use.
 */
export function nodeExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!process.versions.electron) return process.execPath;
  return findOnPath(process.platform === 'win32' ? 'node.exe' : 'node', env);
}

/** The first `name` on PATH that is a file, without a shell. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function profileProcessTree(o: ProcessTreeOptions): Promise<ProcessTreeResult> {
  o.signal?.throwIfAborted();
  if (!fs.existsSync(o.preloadPath)) throw new ProfileOptionsError(`the profile preload does not exist: ${o.preloadPath}`);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'perf-lens-processes-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...o.env,
      NODE_OPTIONS: withPreload(o.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS, o.preloadPath),
      [PRELOAD_DIR_ENV]: dir,
      [PRELOAD_INTERVAL_ENV]: String(o.intervalUs),
    };
    let end;
    try {
      end = await runInGroup({
        command: o.command,
        args: o.args,
        cwd: o.cwd,
        env,
        timeoutMs: o.timeoutMs,
        signal: o.signal,
        requestStop: () => fs.writeFileSync(path.join(dir, STOP_FILE), ''),
        graceMs: STOP_GRACE_MS,
      });
    } catch (e) {
      throw new ProfileTargetError(`could not start ${o.what} (${e instanceof Error ? e.message : String(e)})`, null, '');
    }
    // Ctrl-C in the CLI keeps what the processes wrote when they were asked to stop; others get the rejection.
    const keep = end.aborted && o.keepPartialOnAbort === true;
    if (end.aborted && !keep) throw o.signal?.reason ?? new Error('aborted');
    // Test runners report failures on stdout (node --test, mocha) or stderr (npm, jest): keep the end of both.
    const tail = [end.stdoutTail.trimEnd(), end.stderrTail.trimEnd()].filter(Boolean).join('\n');
    const how = end.code !== null ? `exited with code ${end.code}` : `was killed by ${end.signal ?? 'a signal'}`;
    if (!end.timedOut && !keep && end.code !== 0) throw new ProfileTargetError(`${o.what} ${how}`, end.code, tail);

    const processes = await readProcesses(dir, o.preferFile);
    if (processes.length === 0) {
      if (keep) throw o.signal?.reason ?? new Error('aborted');
      if (end.timedOut) throw new ProfileTargetError(`${o.what} did not stop within ${o.timeoutMs} ms and no Node.js process wrote a profile`, end.code, tail);
      throw new ProfileTargetError(`${o.what} ran no Node.js process that could be profiled`, end.code, tail);
    }
    const preferred = processes.filter((p) => p.ranPreferredFile);
    const chosen = (preferred.length > 0 ? preferred : processes)[0];
    const ordered = [chosen, ...processes.filter((p) => p !== chosen)];

    await fs.promises.mkdir(path.dirname(o.outFile), { recursive: true });
    await fs.promises.copyFile(processFiles(dir, chosen.pid).profile, o.outFile);
    chosen.profilePath = o.outFile;
    if (o.keepOtherProfiles) {
      for (const p of ordered.slice(1)) {
        p.profilePath = `${o.outFile.replace(/\.cpuprofile$/, '')}.${p.pid}.cpuprofile`;
        await fs.promises.copyFile(processFiles(dir, p.pid).profile, p.profilePath);
        await applySourceMaps(p.profilePath, { skip: isHarnessFrame, mapUrls: await readMapUrls(dir, p.pid) });
      }
    }
    // The project's own build's source maps (dist/x.js → src/x.ts), and those of code compiled in memory (vitest, tsx).
    await applySourceMaps(o.outFile, { skip: isHarnessFrame, mapUrls: await readMapUrls(dir, chosen.pid) });
    const deltas = await readDeltas(o.outFile);
    return {
      profilePath: o.outFile,
      partial: end.timedOut || end.aborted || chosen.endedBy === 'stop',
      ...(end.aborted ? { aborted: true, note: 'interrupted: the partial profile covers the run until then' } : {}),
      calls: 0,
      profiledMs: chosen.wallMs,
      requestedIntervalUs: o.intervalUs,
      achievedIntervalUs: median(deltas),
      sampleCount: chosen.sampleCount,
      pid: chosen.pid,
      processes: ordered,
    };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Every process that finished writing (its meta file, written last, exists), by CPU time, most first. */
async function readProcesses(dir: string, preferFile: string | undefined): Promise<ProfiledProcess[]> {
  const out: ProfiledProcess[] = [];
  for (const name of await fs.promises.readdir(dir)) {
    if (!/^\d+\.json$/.test(name)) continue;
    try {
      const meta = JSON.parse(await fs.promises.readFile(path.join(dir, name), 'utf8')) as ProcessMeta;
      if (!fs.existsSync(processFiles(dir, meta.pid).profile)) continue;
      out.push({
        pid: meta.pid,
        ppid: meta.ppid,
        command: meta.argv.join(' '),
        cpuMs: meta.cpuMs,
        wallMs: meta.wallMs,
        sampleCount: meta.sampleCount,
        endedBy: meta.endedBy,
        ranPreferredFile: preferFile === undefined ? undefined : meta.scriptUrls.some((u) => sameFile(u, preferFile)),
      });
    } catch {
      // A process killed while writing: its files are incomplete.
    }
  }
  return out.sort((a, b) => b.cpuMs - a.cpuMs);
}

/** The inline source map URLs a process reported for its profiled scripts (see preload.ts), if any. */
async function readMapUrls(dir: string, pid: number): Promise<Map<string, string> | undefined> {
  try {
    const maps = JSON.parse(await fs.promises.readFile(processFiles(dir, pid).maps, 'utf8')) as Record<string, unknown>;
    return new Map(Object.entries(maps).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return undefined;
  }
}

/** A profile's script URL (a path, a file: URL, maybe with a bundler's `?v=` query) against a file path. */
export function sameFile(url: string | undefined, file: string): boolean {
  if (!url) return false;
  let p = url.replace(/[?#].*$/, '');
  if (p.startsWith('file:')) {
    try {
      p = fileURLToPath(p);
    } catch {
      return false;
    }
  }
  return path.resolve(p) === path.resolve(file);
}

async function readDeltas(file: string): Promise<number[]> {
  try {
    const p = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { timeDeltas?: unknown };
    return Array.isArray(p.timeDeltas) ? (p.timeDeltas as number[]) : [];
  } catch {
    return [];
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
