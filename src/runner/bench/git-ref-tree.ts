/**
 * A checkout of another commit beside the working tree, for `perf-lens bench --against <ref>`: the same
 * benchmark files as they were at <ref>, run interleaved with today's so that both sides share the
 * machine's state (a baseline saved minutes earlier measures the load of minutes earlier too).
 *
 * A detached `git worktree` in a temporary folder (git's own machinery: the checkout is exact, and the
 * repository's objects are shared, not copied). node_modules is never committed, so the checkout gets the
 * working tree's installed packages — but not as one link to the working tree's folder: in a workspace
 * monorepo (npm / yarn / pnpm workspaces) `node_modules/<pkg>` is itself a link back into the repository
 * (`packages/lib`), and through a linked folder the ref's side would load the working tree's code and
 * compare it with itself. So the checkout gets real node_modules folders (from the repository root down to
 * cwd, and in every workspace package a link leads to) whose entries link to the working tree's entries,
 * except those that resolve inside the repository outside any node_modules: they link to the same path in
 * the checkout, so each side loads its own version (`links` lists them for the report).
 * Git runs through process/git.ts (execFile, no shell); a ref that starts with '-' is refused (it would be an option).
 * `dispose` removes the worktree and its folder, and is safe to call twice.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type GitResult, runGit } from '../process/git';

export class GitRefError extends Error {}

/** A node_modules entry linked into the repository (a workspace package), repository-relative, '/'-separated. */
export interface RepoLink {
  /** The entry, e.g. "node_modules/lib" or "node_modules/@scope/lib". */
  entry: string;
  /** What it resolves to in the working tree, e.g. "packages/lib"; the ref's side loads the same path at the ref. */
  target: string;
  /** Whether the target exists at the ref (when not, the ref's side cannot load it). */
  atRef: boolean;
}

export interface RefTree {
  /** The checkout's counterpart of the working directory given. */
  cwd: string;
  /** The full commit hash the ref names. */
  commit: string;
  /** node_modules entries that lead into the repository: on the ref's side they lead into the checkout. */
  links: RepoLink[];
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
  let links: RepoLink[];
  try {
    links = linkNodeModules(root, tree, relative);
  } catch (e) {
    await dispose();
    throw new GitRefError(`could not link the installed packages into the checkout of "${ref}": ${(e as Error).message}`);
  }
  return { cwd: path.join(tree, relative), commit, links, dispose };
}

const toPosix = (p: string) => p.split(path.sep).join('/');
const LINK_TYPE = process.platform === 'win32' ? 'junction' : 'dir';

/** The repository-relative path `abs` resolves to, when it is inside the repository and outside every node_modules. */
function inRepository(root: string, abs: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    return undefined; // a dangling link: left as it is
  }
  const rel = path.relative(root, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).includes('node_modules') ? undefined : rel;
}

/**
 * The working tree's node_modules folders mirrored into the checkout, from the repository root down to cwd
 * (`relative`), and in each workspace package an entry leads to: a real folder per node_modules (and per
 * @scope), each entry a link to the working tree's entry, or, when that resolves inside the repository
 * (outside node_modules), to the same path in the checkout. Where the checkout has a node_modules of its own
 * (committed), it is left alone.
 */
function linkNodeModules(root: string, tree: string, relative: string): RepoLink[] {
  const links = new Map<string, RepoLink>();
  const queue: string[] = [];
  const parts = relative === '' ? [] : relative.split(path.sep);
  for (let i = 0; i <= parts.length; i++) queue.push(path.join(...parts.slice(0, i)));
  const seen = new Set<string>();
  const mirror = (sourceDir: string, targetDir: string, relDir: string) => {
    fs.mkdirSync(targetDir);
    for (const e of fs.readdirSync(sourceDir, { withFileTypes: true })) {
      const source = path.join(sourceDir, e.name);
      const target = path.join(targetDir, e.name);
      const rel = path.join(relDir, e.name);
      // A scope folder (@scope/name): mirrored one level down, so its packages are looked at one by one.
      if (e.name.startsWith('@') && e.isDirectory()) {
        mirror(source, target, rel);
        continue;
      }
      const inside = e.name === '.bin' ? undefined : inRepository(root, source);
      if (inside === undefined) {
        fs.symlinkSync(source, target, e.isDirectory() || e.isSymbolicLink() ? LINK_TYPE : 'file');
        continue;
      }
      const counterpart = path.join(tree, inside);
      const atRef = fs.existsSync(counterpart);
      fs.symlinkSync(counterpart, target, LINK_TYPE);
      links.set(toPosix(rel), { entry: toPosix(rel), target: toPosix(inside), atRef });
      // The package's own node_modules (pnpm puts its dependencies there) are mirrored too.
      if (atRef) queue.push(inside);
    }
  };
  while (queue.length) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const rel = path.join(dir, 'node_modules');
    const source = path.join(root, rel);
    const target = path.join(tree, rel);
    if (!fs.existsSync(source) || fs.existsSync(target) || !fs.existsSync(path.dirname(target))) continue;
    if (!fs.statSync(source).isDirectory()) continue;
    mirror(source, target, rel);
  }
  return [...links.values()];
}
