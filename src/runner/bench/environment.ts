/**
 * Gathers the environment a run is measured in: Node version, CPU, OS, and the workspace's git commit
 * and dirty flag. Git runs through process/git.ts (no shell; the workspace path is never part of a command
 * line); without git, or outside a repository, the git fields are null rather than an error.
 */
import * as os from 'node:os';
import type { Environment } from '../../core/bench/environment';
import { runGit } from '../process/git';

export interface GatherOptions {
  signal?: AbortSignal;
  /** The git executable (default "git" on PATH). */
  git?: string;
  /** The time to record (default now). */
  now?: Date;
}

const GIT_TIMEOUT_MS = 10_000;

export async function gatherEnvironment(cwd: string, options: GatherOptions = {}): Promise<Environment> {
  const cpus = os.cpus();
  const git = options.git ?? 'git';
  const [commit, status] = await Promise.all([
    gitOutput(git, ['rev-parse', '--verify', 'HEAD'], cwd, options.signal),
    // Tracked files only, like `git describe --dirty`: an untracked scratch file does not change what was measured.
    gitOutput(git, ['status', '--porcelain', '--untracked-files=no'], cwd, options.signal),
  ]);
  const gitCommit = commit === null ? null : commit.trim() || null;
  return {
    runtime: `node ${process.version}`,
    nodeVersion: process.version,
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cpuCount: cpus.length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    gitCommit,
    gitDirty: gitCommit === null || status === null ? null : status.trim().length > 0,
    date: (options.now ?? new Date()).toISOString(),
    loadAverage: currentLoad(),
  };
}

/** The 1-minute load average, or null where the OS reports none (Windows says 0). */
export function currentLoad(): number | null {
  const [oneMinute] = os.loadavg();
  return process.platform === 'win32' ? null : Math.round(oneMinute * 100) / 100;
}

/** After a run: the environment's load becomes the larger of the start's and the end's. */
export function recordLoadAtEnd(environment: Environment): void {
  const end = currentLoad();
  if (end !== null && typeof environment.loadAverage === 'number') environment.loadAverage = Math.max(environment.loadAverage, end);
}

/** stdout of a git command, or null when git is missing, fails, or this is not a repository. */
async function gitOutput(git: string, args: string[], cwd: string, signal?: AbortSignal): Promise<string | null> {
  const r = await runGit(args, { cwd, signal, git, timeoutMs: GIT_TIMEOUT_MS });
  return r.ok ? r.stdout : null;
}
