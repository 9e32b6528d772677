/**
 * A checkout of another commit beside the working tree, for `perf-lens bench --against <ref>`: the same
 * benchmark files as they were at <ref>, run interleaved with today's so that both sides share the
 * machine's state (a baseline saved minutes earlier measures the load of minutes earlier too).
 *
 * A detached `git worktree` in a temporary folder (git's own machinery: the checkout is exact, and the
 * repository's objects are shared, not copied); the working tree's node_modules folders are linked into it
 * where the commit has none (they are never committed), so both sides import the same dependencies.
 * Git runs through process/git.ts (execFile, no shell); a ref that starts with '-' is refused (it would be an option).
 * `dispose` removes the worktree and its folder, and is safe to call twice.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type GitResult, runGit } from '../process/git';

export class GitRefError extends Error {}

export interface RefTree {
  /** The checkout's counterpart of the working directory given. */
  cwd: string;
  /** The full commit hash the ref names. */
  commit: string;
  dispose(): Promise<void>;
}

const GIT_TIMEOUT_MS = 120_000;

const git = (args: readonly string[], cwd: string, signal?: AbortSignal): Promise<GitResult> => runGit(args, { cwd, signal, timeoutMs: GIT_TIMEOUT_MS });

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

/** Checks out `ref` in a temporary worktree of the repository that holds `cwd`. */
export async function checkoutRef(cwd: string, ref: string, signal?: AbortSignal): Promise<RefTree> {
  if (ref === '' || ref.startsWith('-')) throw new GitRefError(`--against needs a commit, branch or tag (got "${ref}")`);
  const top = await git(['rev-parse', '--show-toplevel'], cwd, signal);
  if (!top.ok) throw new GitRefError(`--against needs a git repository, and ${cwd} is not in one (${firstLine(top.stderr) || 'git failed'})`);
  const root = fs.realpathSync(top.stdout.trim());
  const verified = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd, signal);
  if (!verified.ok) throw new GitRefError(`"${ref}" is not a commit, branch or tag of the repository at ${root}`);
  const commit = verified.stdout.trim();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-against-'));
  const tree = path.join(tmp, 'tree');
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await git(['worktree', 'remove', '--force', tree], root);
    fs.rmSync(tmp, { recursive: true, force: true });
    await git(['worktree', 'prune'], root);
  };
  const added = await git(['worktree', 'add', '--detach', '--quiet', tree, commit], root, signal);
  if (!added.ok) {
    await dispose();
    throw new GitRefError(`could not check out "${ref}" beside the working tree: ${firstLine(added.stderr) || 'git worktree add failed'}`);
  }
  const relative = path.relative(root, fs.realpathSync(cwd));
  linkNodeModules(root, tree, relative);
  return { cwd: path.join(tree, relative), commit, dispose };
}

/** node_modules of the working tree, from the repository root down to cwd, linked where the checkout has none. */
function linkNodeModules(root: string, tree: string, relative: string): void {
  const parts = relative === '' ? [] : relative.split(path.sep);
  for (let i = 0; i <= parts.length; i++) {
    const rel = path.join(...parts.slice(0, i), 'node_modules');
    const source = path.join(root, rel);
    const target = path.join(tree, rel);
    if (!fs.existsSync(source) || fs.existsSync(target) || !fs.existsSync(path.dirname(target))) continue;
    fs.symlinkSync(source, target, process.platform === 'win32' ? 'junction' : 'dir');
  }
}
