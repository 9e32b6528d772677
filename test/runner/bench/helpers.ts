// Shared by the benchmark runner and CLI tests: fresh bundles of the benchmark child (and the CLI), built
// the way esbuild.mjs builds them, into a private folder under test-output/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.join(__dirname, '..', '..', '..');
let built: string | undefined;

/** The folder with bench-harness.js, profile-ts-loader.js and cli.js. */
export function buildBenchBundles(): string {
  if (built) return built;
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test-output', 'bench-'));
  esbuild.buildSync({
    entryPoints: {
      cli: path.join(ROOT, 'src/cli/main.ts'),
      'bench-harness': path.join(ROOT, 'src/runner/bench/harness.ts'),
      'profile-ts-loader': path.join(ROOT, 'src/runner/typescript/esm-loader.ts'),
    },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  built = dir;
  return dir;
}

/** A temp folder (outside any git repository) holding the given files. */
export function makeTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bench-test-')));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** Running and not a zombie: the profile runner tests' check. */
export { isRunning } from '../profile/helpers';

/** Fast settings: the tests check behaviour, not figures. */
export const QUICK = { timeMs: 15, warmupMs: 5, sampleNs: 200_000 };
