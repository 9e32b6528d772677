/**
 * "Profile with 0x": runs the PROJECT's own 0x (never a copy of ours) on a script, in a process group
 * of its own, without a shell, and reads back what 0x wrote. 0x itself runs the script under V8's
 * `--prof`, processes the log (`node --prof-process`) and writes `flamegraph.html`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ChildProcess, type GroupEnd, GroupStartError, runInGroup } from '../process/process-group';
import { type ProfileData, readProfile } from './analysis/read-profile';
import { runStamp, safeRunName } from '../../core/profile/profile-store-names';

/** 0x is not installed in the project (or its package is damaged). */
export class ZeroXNotFoundError extends Error {}
/** The run failed: 0x or the script exited with an error. `folder` holds whatever 0x wrote. */
export class ZeroXRunError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
  ) {
    super(message);
  }
}

export interface ProjectZeroX {
  /** `node_modules/.bin/0x` as found. */
  bin: string;
  /** The JavaScript file behind it (0x's `cmd.js`), run with node. */
  script: string;
  version: string;
}

const isFile = (f: string) => {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
};

/** The project's 0x: `node_modules/.bin/0x` in `projectDir` or a folder above it (workspaces hoist it). */
export function findProjectZeroX(projectDir: string): ProjectZeroX | undefined {
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    const bin = ['0x', '0x.cmd'].map((b) => path.join(dir, 'node_modules', '.bin', b)).find(isFile);
    if (bin) {
      // The package itself, so it runs with a node we choose instead of through a shell shim.
      const pkgDir = path.join(dir, 'node_modules', '0x');
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version?: unknown; bin?: unknown };
        const rel = typeof pkg.bin === 'string' ? pkg.bin : typeof pkg.bin === 'object' && pkg.bin !== null ? (pkg.bin as Record<string, unknown>)['0x'] : undefined;
        if (typeof rel === 'string' && isFile(path.join(pkgDir, rel))) {
          return { bin, script: path.join(pkgDir, rel), version: typeof pkg.version === 'string' ? pkg.version : 'unknown' };
        }
      } catch {
        // .bin/0x without its package: treated as not installed
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A real node for 0x and the script: ours, unless this is an editor's Electron, then the one on PATH. */
export function nodeForZeroX(): string | undefined {
  if (!process.versions.electron) return process.execPath;
  const exe = process.platform === 'win32' ? 'node.exe' : 'node';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isFile(path.join(dir, exe))) return path.join(dir, exe);
  }
  return undefined;
}

export interface ZeroXRunOptions {
  script: string;
  argv?: readonly string[];
  /** The project: where 0x is looked up and the script runs. */
  cwd: string;
  /** The folder 0x writes (must not exist yet). */
  outDir: string;
  /** Stop the script after this long and keep what was sampled (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The node that runs 0x and the script (default: nodeForZeroX()). */
  node?: string;
}

export interface ZeroXRunResult extends ProfileData {
  /** The folder 0x wrote: its data, meta.json and flamegraph.html. */
  folder: string;
  /** Stopped at the time limit: the data covers part of the run. */
  partial: boolean;
  zeroXVersion: string;
}

const STDERR_TAIL_CHARS = 4000;
/** After the script is stopped, 0x still processes the V8 log; a big log takes a while. */
const PROCESS_GRACE_MS = 60_000;

/** `<name>-<YYYYMMDD-HHMMSS>.0x` under `.perf-lens/0x/`, never an existing folder. */
export function defaultZeroXDir(cwd: string, script: string, now = new Date()): string {
  const base = path.join(cwd, '.perf-lens', '0x', `${safeRunName(path.basename(script), 60, 'script')}-${runStamp(now)}`);
  for (let i = 1; ; i++) {
    const dir = `${base}${i === 1 ? '' : `-${i}`}.0x`;
    if (!fs.existsSync(dir)) return dir;
  }
}

export async function profileWithZeroX(o: ZeroXRunOptions): Promise<ZeroXRunResult> {
  const zeroX = findProjectZeroX(o.cwd);
  if (!zeroX) {
    throw new ZeroXNotFoundError(`0x is not installed in ${o.cwd} (no node_modules/.bin/0x): add it to the project with "npm install --save-dev 0x"`);
  }
  const node = o.node ?? nodeForZeroX();
  if (!node) throw new ZeroXNotFoundError('no node executable on PATH to run 0x with');
  if (fs.existsSync(o.outDir)) throw new ZeroXRunError(`${o.outDir} already exists: 0x needs a new folder`, '');
  // 0x writes the V8 log in its working folder before moving it: a private one, so nothing is left in the project.
  fs.mkdirSync(path.dirname(o.outDir), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(o.outDir), '.work-'));
  try {
    const end = await run0x(zeroX, node, o, work);
    if (end.aborted) {
      fs.rmSync(o.outDir, { recursive: true, force: true });
      throw o.signal?.reason ?? new Error('aborted');
    }
    const exitNote = /Target subprocess error, code: (\S+)/.exec(end.stderrTail);
    if (end.code !== 0 || !fs.existsSync(o.outDir)) {
      const how = end.code !== null ? `exited with code ${end.code}` : `was killed by ${end.signal ?? 'a signal'}`;
      throw new ZeroXRunError(`0x ${how}${end.timedOut ? ' after the script was stopped at the time limit' : ''}: ${lastLine(end.stderrTail) || 'no message'}`, end.stderrTail);
    }
    if (exitNote && !end.timedOut) {
      throw new ZeroXRunError(`the script exited with code ${exitNote[1]}; 0x kept its data in ${o.outDir}`, end.stderrTail);
    }
    const data = readProfile(o.outDir);
    return { ...data, folder: o.outDir, partial: end.timedOut, zeroXVersion: zeroX.version };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const lastLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trim())
    .filter(Boolean)
    .at(-1) ?? '';

async function run0x(zeroX: ProjectZeroX, node: string, o: ZeroXRunOptions, work: string): Promise<GroupEnd> {
  /**
   * The script only: 0x then processes what V8 logged so far. Its pid is in the log's name in our working
   * folder. SIGKILL, because a script busy in a loop never runs 0x's SIGINT/SIGTERM handlers.
   */
  const stopScript = (child: ChildProcess): void => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const log = fs.existsSync(work) ? fs.readdirSync(work).find((f) => /^isolate-.*-(\d+)-v8\.log$/.test(f)) : undefined;
    // Under load node may not have opened its log yet: look again shortly (the grace timer still ends it all).
    if (!log) return void setTimeout(() => stopScript(child), 100);
    try {
      process.kill(Number(/-(\d+)-v8\.log$/.exec(log)![1]), 'SIGKILL');
    } catch {
      // it ended meanwhile
    }
  };
  try {
    return await runInGroup({
      command: node,
      args: [zeroX.script, '--quiet', '--working-dir', work, '--output-dir', o.outDir, '--', node, o.script, ...(o.argv ?? [])],
      cwd: o.cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
      timeoutMs: o.timeoutMs ?? 600_000,
      signal: o.signal,
      requestStop: stopScript,
      graceMs: PROCESS_GRACE_MS,
      abortKills: true,
      tailChars: STDERR_TAIL_CHARS,
      pipeCloseWaitMs: 2000,
    });
  } catch (e) {
    if (!(e instanceof GroupStartError)) throw e;
    throw new ZeroXRunError(`could not start 0x (${e.message})`, e.stderrTail);
  }
}
