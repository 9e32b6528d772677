/**
 * `perf-lens bench --against <ref>`: the working tree's benchmark files and the same files at <ref>,
 * measured in ONE run with their processes interleaved (this file's process, then its twin at <ref>,
 * round after round), so that a drift of the machine (other jobs starting, a throttled CPU) hits both
 * sides alike. That is what a saved baseline cannot do: it was measured at another time, under another
 * load. The ref's files run from a temporary checkout (git-ref-tree.ts), removed at the end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchmarkResult } from '../../core/bench/model';
import type { BenchFileError } from './run-file';
import { checkoutRef, type RepoLink } from './git-ref-tree';
import { discoverBenchFiles, runBenchmarks, type BenchFile, type RunBenchmarksOptions } from './run-benchmarks';

export interface AgainstOptions extends Omit<RunBenchmarksOptions, 'files'> {
  /** The working tree's benchmark files (discovered from `paths`). */
  files: readonly BenchFile[];
  /** What the command line named (files or folders; default: cwd), looked up at the ref too. */
  paths: readonly string[];
  ref: string;
}

export interface AgainstOutcome {
  /** The working tree's results, and the ref's, with the same `file` names. */
  current: BenchmarkResult[];
  base: BenchmarkResult[];
  errors: BenchFileError[];
  /** Processes per file; the ref's files are named "<file> @ <ref>". */
  processes: Record<string, number>;
  commit: string;
  /** With `names`: those neither side declares. */
  unmatchedNames: string[];
  /** node_modules entries leading into the repository (workspace packages): each side loaded its own version. */
  links: RepoLink[];
}

export async function runAgainst(o: AgainstOptions): Promise<AgainstOutcome> {
  const tree = await checkoutRef(o.cwd, o.ref, o.signal);
  try {
    // A path that does not exist at the ref (a benchmark added since) has no twin there, nor has one outside the folder.
    const paths = o.paths
      .map((p) => path.relative(o.cwd, path.resolve(o.cwd, p)) || '.')
      .filter((p) => !p.startsWith('..') && !path.isAbsolute(p) && fs.existsSync(path.join(tree.cwd, p)));
    const atRef = o.paths.length > 0 && paths.length === 0 ? [] : await discoverBenchFiles(paths, tree.cwd);
    const suffix = ` @ ${o.ref}`;
    const twins = new Map(atRef.map((f) => [f.file, { absolute: f.absolute, file: f.file + suffix, cwd: tree.cwd }]));
    // Each working-tree file followed by its twin, then the ref's files that no longer exist.
    const files: BenchFile[] = [];
    for (const f of o.files) {
      files.push(f);
      const twin = twins.get(f.file);
      if (twin) files.push(twin);
      twins.delete(f.file);
    }
    files.push(...twins.values());

    const strip = (file: string) => (file.endsWith(suffix) ? file.slice(0, -suffix.length) : file);
    // A file and its twin get the same number of processes: their i-th processes form a pair (compare.ts 'paired').
    const outcome = await runBenchmarks({ ...o, files, groupOf: strip });
    const failed = new Set(outcome.errors.map((e) => strip(e.file)));
    const current: BenchmarkResult[] = [];
    const base: BenchmarkResult[] = [];
    for (const r of outcome.results) {
      const isBase = r.file.endsWith(suffix);
      const file = isBase ? r.file.slice(0, -suffix.length) : r.file;
      // A file that failed on either side is compared on neither (its benchmarks would read as added or removed).
      if (failed.has(file)) continue;
      (isBase ? base : current).push({ ...r, file });
    }
    return { current, base, errors: outcome.errors, processes: outcome.processes, commit: tree.commit, links: tree.links, unmatchedNames: outcome.unmatchedNames };
  } finally {
    await tree.dispose();
  }
}
