/**
 * One test file run by the project's own test runner, with every Node.js process of the run profiled
 * (profile-processes.ts) and the process that ran the file chosen. The runner is detected from the
 * nearest package.json (its test script first, then its dependencies; node's built-in runner when none),
 * and started as `node <the runner's own bin script> ...` from the project's node_modules: no shell, no
 * `.bin` shim (a .cmd file on Windows).
 *
 * Each runner is asked to run the test code in a process the preload profiles, on its main thread:
 * - node:test: `node --test <file>` (the file runs in a child process; tsx via `--import tsx` for a
 *   TypeScript file when the project has it);
 * - vitest: `vitest run <file> --pool=forks` (its default before 2.0 was worker threads, whose code no
 *   process-level profile of the main thread covers; a fork is a process of its own);
 * - jest: `jest --runInBand --runTestsByPath <file>` (in the jest process itself, and only that path);
 * - mocha: `mocha <file>` (in process).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileOptionsError } from './run-profile';
import { type ProcessRunOptions, type ProcessTreeResult, checkProcessRunOptions, nodeExecutable, profileProcessTree } from './profile-processes';

export type TestRunnerId = 'node:test' | 'vitest' | 'jest' | 'mocha';

export interface DetectedTestRunner {
  id: TestRunnerId;
  /** The folder of the package.json it was detected from (the run's working folder). */
  projectDir: string;
  /** Why: "vitest in devDependencies", "the test script runs node --test". */
  reason: string;
}

export interface ProfileTestFileOptions extends ProcessRunOptions {
  file: string;
  /** Where a relative `file` is resolved from, and where the search for package.json stops (default: the file's folder). */
  cwd: string;
}

export interface TestFileRunResult extends ProcessTreeResult {
  runner: DetectedTestRunner;
}

const PACKAGE_OF: Record<Exclude<TestRunnerId, 'node:test'>, string> = { vitest: 'vitest', jest: 'jest', mocha: 'mocha' };
const TYPESCRIPT = /\.(c|m)?tsx?$/i;

/** The folder of the nearest package.json at or above `fromDir`, else undefined. */
export function findProjectDir(fromDir: string): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readPackage(dir: string): { scripts: Record<string, unknown>; deps: Record<string, unknown> } {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
    return { scripts: obj(pkg.scripts), deps: { ...obj(pkg.dependencies), ...obj(pkg.devDependencies) } };
  } catch (e) {
    throw new ProfileOptionsError(`${path.join(dir, 'package.json')} could not be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

/** Which runner the project at `projectDir` uses: the one its "test" script names, else one in its dependencies, else node:test. */
export function detectTestRunner(projectDir: string): DetectedTestRunner {
  const { scripts, deps } = readPackage(projectDir);
  const testScript = typeof scripts.test === 'string' ? scripts.test : '';
  for (const id of ['vitest', 'jest', 'mocha'] as const) {
    if (new RegExp(`(^|[\\s/;&|(])${id}(\\s|$)`).test(testScript)) return { id, projectDir, reason: `the test script runs ${id}` };
  }
  if (/(^|\s)--test(\s|$)/.test(testScript)) return { id: 'node:test', projectDir, reason: 'the test script runs node --test' };
  for (const id of ['vitest', 'jest', 'mocha'] as const) {
    if (PACKAGE_OF[id] in deps) return { id, projectDir, reason: `${id} is in package.json` };
  }
  return { id: 'node:test', projectDir, reason: 'no test runner in package.json: node’s built-in one' };
}

/** The JavaScript file of `pkg`'s bin `binName`, from the node_modules at or above `projectDir`. */
export function runnerBinScript(projectDir: string, pkg: string, binName = pkg): string | undefined {
  let dir = projectDir;
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', pkg);
    const manifest = path.join(pkgDir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const bin = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin?: unknown }).bin;
        const rel = typeof bin === 'string' ? bin : typeof bin === 'object' && bin !== null ? (bin as Record<string, unknown>)[binName] : undefined;
        if (typeof rel === 'string' && fs.existsSync(path.join(pkgDir, rel))) return path.join(pkgDir, rel);
      } catch {
        // a damaged manifest: keep looking further up
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The argv (after the node executable) that runs `file` with the runner; a one-sentence error when the runner is missing. */
export function testCommand(runner: DetectedTestRunner, file: string): string[] {
  if (runner.id === 'node:test') {
    const tsx = TYPESCRIPT.test(file) && fs.existsSync(path.join(runner.projectDir, 'node_modules', 'tsx', 'package.json'));
    return [...(tsx ? ['--import', 'tsx'] : []), '--test', file];
  }
  const bin = runnerBinScript(runner.projectDir, PACKAGE_OF[runner.id]);
  if (!bin) throw new ProfileOptionsError(`the project uses ${runner.id} (${runner.reason}) but it is not installed in ${runner.projectDir}/node_modules: run npm install first`);
  if (runner.id === 'vitest') return [bin, 'run', file, '--pool=forks'];
  if (runner.id === 'jest') return [bin, '--runInBand', '--runTestsByPath', file];
  return [bin, file];
}

export async function profileTestFile(o: ProfileTestFileOptions): Promise<TestFileRunResult> {
  o.signal?.throwIfAborted();
  if (!o.file) throw new ProfileOptionsError('no test file was given');
  const file = path.resolve(o.cwd, o.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ProfileOptionsError(`the test file does not exist: ${file}`);
  const projectDir = findProjectDir(path.dirname(file));
  if (!projectDir) throw new ProfileOptionsError(`no package.json was found at or above ${path.dirname(file)}, so its test runner is unknown`);
  const runner = detectTestRunner(projectDir);
  const args = testCommand(runner, file);
  const node = nodeExecutable();
  if (!node) throw new ProfileOptionsError('node was not found on PATH (it runs the tests)');
  const { intervalUs, preloadPath } = checkProcessRunOptions(o);
  const run = await profileProcessTree({
    command: node,
    args,
    what: `the test run (${runner.id})`,
    cwd: projectDir,
    outFile: path.resolve(o.cwd, o.outFile),
    intervalUs,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
    preloadPath,
    preferFile: file,
    keepOtherProfiles: o.keepOtherProfiles,
    keepPartialOnAbort: o.keepPartialOnAbort,
    // Plain output: colour codes would only clutter the tail shown when a test fails. NODE_TEST_CONTEXT
    // (set when perf-lens itself runs under node --test) would make node --test report to a parent that is not there.
    env: { FORCE_COLOR: '0', NO_COLOR: '1', NODE_TEST_CONTEXT: undefined },
  });
  return { ...run, runner };
}
