/**
 * `git` for the runners (the environment of a benchmark run, `--against` worktrees): through execFile,
 * never a shell (a workspace path or a ref is never part of a command line), with a time limit, and
 * without GIT_DIR and friends from a surrounding hook, which would point git at another repository.
 */
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  signal?: AbortSignal;
  /** The git executable (tests point it at a missing one). Default: `git` from PATH. */
  git?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** Runs git; never rejects: a missing git, a failure or a time-out is `ok: false` with git's stderr. */
export function runGit(args: readonly string[], o: GitOptions): Promise<GitResult> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
    execFile(
      o.git ?? 'git',
      args as string[],
      { cwd: o.cwd, env, signal: o.signal, timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS, windowsHide: true, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ ok: !err, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}
